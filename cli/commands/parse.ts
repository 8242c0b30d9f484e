import { parseArgs } from 'node:util';
import { createAttributor } from '../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../collectors/normalise-event.js';
import { getParser } from '../../collectors/parsers/registry.js';
import { CliUsageError } from '../cli-usage-error.js';
import { readLines } from '../read-lines.js';

/** `lagebild parse`: raw lines in, one ECS event per line out; failures to stderr with a reason; exit 0. */
export async function runParse(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { parser: { type: 'string', default: 'auto' }, org: { type: 'string' } },
  });
  const parser = getParser(values.parser!);
  if (!parser) throw new CliUsageError(`unknown parser "${values.parser}"`);
  const attributor = createAttributor([]);
  const file = positionals[0];
  for await (const { line, number } of readLines(file)) {
    if (line.trim() === '') continue;
    const receivedAt = new Date();
    const outcome = parser.parse(line, { receivedAt });
    if (outcome.ok) process.stdout.write(`${JSON.stringify(normaliseEvent(outcome.event, receivedAt, attributor, { tokenOrganizationId: values.org }))}\n`);
    else process.stderr.write(`${JSON.stringify({ file: file ?? '-', line: number, reason: outcome.reason, original: line })}\n`);
  }
  return 0;
}
