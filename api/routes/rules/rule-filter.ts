import type { z } from 'zod';
import type { RuleSummary } from '../../../core/ports/rules-catalog.js';
import type { ruleListQuery } from './schema.js';

/** The rules a list query asks for: by pack, level, type, switch, and by text in what a person reads. */
export function ruleFilter(query: z.infer<typeof ruleListQuery>): (rule: RuleSummary) => boolean {
  const packs = query.pack ? new Set<string>(query.pack) : undefined;
  const levels = query.level ? new Set<string>(query.level) : undefined;
  const types = query.type ? new Set<string>(query.type) : undefined;
  const text = query.q?.toLowerCase();
  return (rule) =>
    (packs === undefined || packs.has(rule.pack)) &&
    (levels === undefined || levels.has(rule.level)) &&
    (types === undefined || types.has(rule.type)) &&
    (query.enabled === undefined || rule.enabled === query.enabled) &&
    (text === undefined || [rule.title, rule.id, rule.path ?? '', ...rule.tags].some((value) => value.toLowerCase().includes(text)));
}
