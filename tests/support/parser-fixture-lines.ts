import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every non-empty line of the real products' parser fixtures (tests/fixtures/parsers/**.log). */
export function parserFixtureLines(): string[] {
  const root = path.resolve('tests/fixtures/parsers');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.log'))
    .flatMap((file) => readFileSync(path.join(root, file), 'utf8').split('\n'))
    .filter((line) => line.length > 0);
}
