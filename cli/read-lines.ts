import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Lines of a file, or of stdin for `-` or no file; numbered from 1 for `file:line` messages. */
export async function* readLines(file: string | undefined): AsyncGenerator<{ line: string; number: number }> {
  const input = !file || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of reader) {
    number += 1;
    yield { line, number };
  }
}
