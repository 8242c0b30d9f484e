import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ValidationError } from '../core/errors.js';

/**
 * The operator's choices: rules switched on or off by hand, whatever their default. Kept as choices
 * rather than as the resulting set, so that a new SigmaHQ release or a changed default never
 * overrides them. Files written before packs existed hold only `disabled`.
 */
export interface RuleState {
  enabled: string[];
  disabled: string[];
}

export function ruleStateFile(dataDir: string): string {
  return join(dataDir, 'rule-state.json');
}

/** The choices in the file; no file means none made. */
export async function readRuleState(file: string): Promise<RuleState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { enabled: [], disabled: [] };
    throw error;
  }
  let state: Partial<RuleState>;
  try {
    state = JSON.parse(text) as Partial<RuleState>;
  } catch {
    throw new ValidationError(`${file} is not valid JSON`);
  }
  return { enabled: ruleIds(file, state, 'enabled'), disabled: ruleIds(file, state, 'disabled') };
}

/** Writes through a temporary file and rename, so a crash never leaves half a file. */
export async function writeRuleState(file: string, state: RuleState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

function ruleIds(file: string, state: Partial<RuleState>, key: keyof RuleState): string[] {
  const ids = state[key] ?? [];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new ValidationError(`${file}: "${key}" must be a list of rule ids`);
  return ids;
}
