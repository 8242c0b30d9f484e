import { parseArgs } from 'node:util';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { CliUsageError } from '../cli-usage-error.js';
import { readLines } from '../read-lines.js';
import { printRuleProblems } from '../print-rule-problems.js';

/**
 * `lagebild detect`: the service's engine over a file of ECS events. Event time drives the
 * windows, so a replayed day of logs gives the alerts the service would have raised that day. The
 * file's order is taken as the order of arrival: an event more than `--lateness` seconds behind its
 * source's newest earlier line is late (checked by single-event rules, left out of correlations).
 */
export async function runDetect(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { rules: { type: 'string' }, events: { type: 'string', default: '-' }, lateness: { type: 'string', default: '3600' } } });
  if (!values.rules) throw new CliUsageError('--rules PATH is required');
  const lateness = Number(values.lateness);
  if (!Number.isInteger(lateness) || lateness < 0) throw new CliUsageError('--lateness takes a whole number of seconds');
  const { engine, problems } = await DetectionEngine.load(values.rules, { correlation: { latenessMs: lateness * 1000 } });
  if (printRuleProblems(problems)) return 2;
  const write = (alerts: unknown[]) => {
    for (const alert of alerts) process.stdout.write(`${JSON.stringify(alert)}\n`);
  };
  for await (const { line, number } of readLines(values.events)) {
    if (line.trim() === '') continue;
    let event: EcsEvent;
    try {
      event = JSON.parse(line) as EcsEvent;
    } catch (error) {
      process.stderr.write(`${values.events}:${number}: not a JSON event (${(error as Error).message})\n`);
      continue;
    }
    write(engine.process(event));
  }
  write(engine.flush());
  const { lateEvents } = engine.stats();
  if (lateEvents > 0) process.stderr.write(`${values.events}: ${lateEvents} events arrived more than ${lateness} s behind their source and were left out of correlations\n`);
  return 0;
}
