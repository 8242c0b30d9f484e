import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineInfo } from './machine-info.js';

export const RESULTS_DIR = path.resolve('bench/results');

/** Writes `bench/results/<suite>.json`: the figures with the machine and the command that produced them. */
export function writeResult(suite: string, figures: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${suite}.json`);
  const result = { suite, command: `npm run bench -- ${suite}`, machine: machineInfo(), ...figures };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
