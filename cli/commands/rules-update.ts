import { parseArgs } from 'node:util';
import { readRuleState, ruleStateFile } from '../../detectors/rule-state-file.js';
import { installRelease } from '../../detectors/rule-packs/install-release.js';
import { releaseChanges, type ReleaseChanges, type ReleaseRule } from '../../detectors/rule-packs/release-changes.js';
import { readSigmahqRelease, ReleaseError } from '../../detectors/rule-packs/sigmahq-release.js';
import { readSigmahqTuning } from '../../detectors/rule-packs/sigmahq-tuning.js';
import { CliUsageError } from '../cli-usage-error.js';

/** How many rules of each kind of change are listed by name; the counts are always complete. */
const LISTED = 50;

/**
 * `lagebild rules update ZIP [--rules-dir DIR] [--data-dir DIR] [--dry-run]`: imports a SigmaHQ
 * release archive offline, prints what changes rule by rule, and keeps the operator's choices
 * (`rule-state.json` is never rewritten: a choice for a rule the release drops applies again if it
 * comes back). A running service picks the new rules up when restarted.
 */
export async function runRulesUpdate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'rules-dir': { type: 'string' }, 'data-dir': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const archive = positionals[0];
  if (!archive || positionals.length > 1) throw new CliUsageError('rules update needs one SigmaHQ release ZIP');
  const rulesDir = values['rules-dir'] ?? process.env.LAGEBILD_RULES_DIR ?? './rules';
  const dataDir = values['data-dir'] ?? process.env.LAGEBILD_DATA_DIR ?? './data';

  let release;
  try {
    release = await readSigmahqRelease(archive);
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    process.stderr.write(`${archive}: ${error.message}\n`);
    return 2;
  }
  const changes = await releaseChanges(rulesDir, release, await readSigmahqTuning(rulesDir));
  const state = await readRuleState(ruleStateFile(dataDir));
  for (const problem of changes.problems) process.stderr.write(`${archive}:${problem.file}:${problem.line}: ${problem.message}\n`);
  for (const name of release.ignored.slice(0, LISTED)) process.stderr.write(`${archive}:${name}: not a rule, ignored\n`);

  const out = process.stdout;
  out.write(`${archive}: ${release.rules.size} rules in ${[...release.folders].sort().join(', ')}${release.version ? ` (${release.version.split('\n').join('; ')})` : ''}\n`);
  out.write(report(changes));
  out.write(choicesReport(changes, state));
  const broken = new Set(changes.problems.map((problem) => problem.file));
  if (broken.size > 0) out.write(`${broken.size} rules not installed: they have errors (listed above)\n`);
  if (values['dry-run']) {
    out.write('dry run: nothing installed\n');
    return 0;
  }
  await installRelease(rulesDir, release, broken);
  out.write(`installed under ${rulesDir}/sigmahq; restart Lagebild to load the new rules\n`);
  return 0;
}

function report(changes: ReleaseChanges): string {
  const lines = [`added ${changes.added.length}, changed ${changes.changed.length}, removed ${changes.removed.length}, unchanged ${changes.unchanged}`];
  const list = <T>(label: string, items: T[], describe: (item: T) => string) => {
    if (items.length === 0) return;
    lines.push(`${label}:`);
    for (const item of items.slice(0, LISTED)) lines.push(`  ${describe(item)}`);
    if (items.length > LISTED) lines.push(`  … and ${items.length - LISTED} more`);
  };
  const on = (rule: ReleaseRule) => (rule.enabledByDefault ? 'on' : 'off');
  list('added', changes.added, (rule) => `+ ${rule.id} ${rule.title} [${rule.pack}, ${on(rule)} by default]`);
  list('changed', changes.changed, ({ before, after }) => {
    const moved = before.pack === after.pack ? '' : ` (was ${before.pack})`;
    return `~ ${after.id} ${after.title} [${after.pack}${moved}, ${on(after)} by default]`;
  });
  list('removed', changes.removed, (rule) => `- ${rule.id} ${rule.title} [${rule.pack}]`);
  return `${lines.join('\n')}\n`;
}

/** The operator's choices stay; say which now touch a changed rule, and which wait for a rule that is gone. */
function choicesReport(changes: ReleaseChanges, state: { enabled: string[]; disabled: string[] }): string {
  const chosen = new Set([...state.enabled, ...state.disabled]);
  if (chosen.size === 0) return 'local choices: none\n';
  const removed = changes.removed.filter((rule) => chosen.has(rule.id)).map((rule) => rule.id);
  const changed = changes.changed.filter((change) => chosen.has(change.after.id)).map((change) => change.after.id);
  return [
    `local choices kept: ${state.enabled.length} switched on, ${state.disabled.length} switched off`,
    ...(changed.length > 0 ? [`  for changed rules: ${changed.join(', ')}`] : []),
    ...(removed.length > 0 ? [`  for rules this release drops (apply again if they return): ${removed.join(', ')}`] : []),
  ].join('\n') + '\n';
}
