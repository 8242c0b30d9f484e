import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '../../core/errors.js';

/** Where the CERT's choices about SigmaHQ's rules live, beside the rules and kept by `rules update`. */
export const TUNING_FILE = join('sigmahq-tuning', 'defaults.json');

/** A rule switched against its pack's default, with the title for the reader and why. */
export interface TunedRule {
  title: string;
  reason: string;
}

/**
 * Project-wide choices (shipped with Lagebild, reviewed like code): SigmaHQ rules outside the default
 * packs that are on anyway (they cover an attack the default set misses, and were quiet on the quality
 * bench), and rules of a default pack that are off (too noisy on the quality bench's traffic).
 * An operator's own choices are something else: the rule state in the data directory.
 */
export interface SigmahqTuning {
  on: ReadonlyMap<string, TunedRule>;
  off: ReadonlyMap<string, TunedRule>;
}

export const NO_TUNING: SigmahqTuning = { on: new Map(), off: new Map() };

/** Reads `<rulesDir>/sigmahq-tuning/defaults.json`; a rules directory without it has no tuning. */
export async function readSigmahqTuning(rulesDir: string): Promise<SigmahqTuning> {
  const file = join(rulesDir, TUNING_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return NO_TUNING;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ValidationError(`${file}: not valid JSON`);
  }
  if (data === null || typeof data !== 'object') throw new ValidationError(`${file}: expected an object with "on" and "off"`);
  const { on, off } = data as Record<string, unknown>;
  return { on: tunedRules(file, 'on', on), off: tunedRules(file, 'off', off) };
}

function tunedRules(file: string, key: string, value: unknown): Map<string, TunedRule> {
  if (value === undefined) return new Map();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(`${file}: "${key}" must map rule ids to {title, reason}`);
  const rules = new Map<string, TunedRule>();
  for (const [id, entry] of Object.entries(value)) {
    const { title, reason } = (entry ?? {}) as Record<string, unknown>;
    if (typeof title !== 'string' || typeof reason !== 'string' || reason.trim() === '') throw new ValidationError(`${file}: "${key}"."${id}" needs a title and a reason`);
    rules.set(id, { title, reason });
  }
  return rules;
}
