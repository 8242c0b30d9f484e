import { parseArgs } from 'node:util';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { CliUsageError } from '../cli-usage-error.js';
import { readLines } from '../read-lines.js';
import { printRuleProblems } from '../print-rule-problems.js';

/**
 * `lagebild detect`: the service's engine over a file of ECS events. Event time drives the
 * windows, so a replayed day of logs gives the alerts the service would have raised that day.
 */
export async function runDetect(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { rules: { type: 'string' }, events: { type: 'string', default: '-' } } });
  if (!values.rules) throw new CliUsageError('--rules PATH is required');
  const { engine, problems } = await DetectionEngine.load(values.rules);
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
  return 0;
}
