import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RulePack } from '../../core/domain/rule-pack.js';
import { loadRuleText } from '../sigma/load-rules.js';
import type { RuleProblem, SigmaRuleMeta } from '../sigma/types.js';
import { SIGMAHQ_FOLDER } from './pack-of.js';
import { RuleDefaults } from './rule-defaults.js';
import type { SigmahqRelease } from './sigmahq-release.js';
import type { SigmahqTuning } from './sigmahq-tuning.js';

/** One rule as a release holds it: where, what it says about itself, its pack and default. */
export interface ReleaseRule {
  id: string;
  title: string;
  path: string;
  pack: RulePack;
  enabledByDefault: boolean;
  text: string;
}

export interface ReleaseChanges {
  added: ReleaseRule[];
  removed: ReleaseRule[];
  /** Same id, other text; `before` is the installed rule. */
  changed: { before: ReleaseRule; after: ReleaseRule }[];
  unchanged: number;
  /** Errors of the new release's rules (file names as in the archive): such rules are not installed. */
  problems: RuleProblem[];
}

/**
 * What importing the release would change, rule by rule (by id, so a rule SigmaHQ moved to another
 * folder counts as changed, not as one removed and one added). Only the rule folders the archive
 * holds are compared: installing replaces those and leaves the others as they are.
 */
export async function releaseChanges(rulesDir: string, release: SigmahqRelease, tuning: SigmahqTuning): Promise<ReleaseChanges> {
  const installed = await installedRules(rulesDir, release.folders);
  const before = describe(installed, tuning).rules;
  const { rules: after, problems } = describe(release.rules, tuning);
  const changes: ReleaseChanges = { added: [], removed: [], changed: [], unchanged: 0, problems };
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (!old) changes.added.push(rule);
    else if (old.text !== rule.text || old.path !== rule.path) changes.changed.push({ before: old, after: rule });
    else changes.unchanged++;
  }
  for (const [id, rule] of before) if (!after.has(id)) changes.removed.push(rule);
  return changes;
}

/** The installed rule files of the given folders, keyed by their path as an archive names it. */
async function installedRules(rulesDir: string, folders: Set<string>): Promise<Map<string, string>> {
  const root = join(rulesDir, SIGMAHQ_FOLDER);
  const texts = new Map<string, string>();
  for (const folder of folders) {
    for (const file of await yamlFiles(join(root, folder))) texts.set(relative(root, file).split(sep).join('/'), await readFile(file, 'utf8'));
  }
  return texts;
}

async function yamlFiles(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
}

/** Parses each text as the file it will be installed as, so packs come out as the engine will see them. */
function describe(texts: Map<string, string>, tuning: SigmahqTuning): { rules: Map<string, ReleaseRule>; problems: RuleProblem[] } {
  const metas: (SigmaRuleMeta & { path: string; text: string })[] = [];
  const problems: RuleProblem[] = [];
  for (const [path, text] of texts) {
    const loaded = loadRuleText(text, `${SIGMAHQ_FOLDER}/${path}`);
    problems.push(...loaded.problems.filter((problem) => problem.severity === 'error').map((problem) => ({ ...problem, file: path })));
    for (const rule of loaded.rules) metas.push({ ...rule, path, text });
  }
  const defaults = new RuleDefaults(metas, tuning);
  const rules = new Map<string, ReleaseRule>();
  for (const meta of metas) {
    const { pack, enabled } = defaults.of(meta.id);
    rules.set(meta.id, { id: meta.id, title: meta.title, path: meta.path, pack, enabledByDefault: enabled, text: meta.text });
  }
  return { rules, problems };
}
