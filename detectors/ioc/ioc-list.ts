import { basename, extname } from 'node:path';
import { LEVEL_ORDER, type RuleLevel } from '../../core/domain/alert.js';
import type { RuleProblem } from '../sigma/types.js';
import { detectIndicatorType, INDICATOR_TYPES, normaliseIndicator, type Indicator, type IndicatorType } from './indicator.js';

/** One IOC list file: it behaves like one rule (`rule.type: ioc`) whose id comes from the file name. */
export interface IocList {
  id: string;
  title: string;
  level: RuleLevel;
  author?: string;
  reference?: string;
  tags: string[];
  file: string;
  indicators: Indicator[];
}

/** `hash` is accepted in CSV lists and resolved by length. */
const TYPE_ALIASES: Record<string, IndicatorType | 'hash'> = { ipv4: 'ip', ipv6: 'ip', 'ip-dst': 'ip', 'ip-src': 'ip', hostname: 'domain', hash: 'hash' };
const HEADER = /^#\s*(title|level|tags|author|reference)\s*:\s*(.*)$/i;

/**
 * Parses a list: one indicator per line with an optional `# comment` (the type is detected), or in a
 * `.csv` file `type,value,description`. Comment lines at the top like `# level: critical`,
 * `# title: ...`, `# tags: attack.command-and-control`, `# author: ...` describe the list.
 */
export function parseIocList(text: string, file: string): { list: IocList; problems: RuleProblem[] } {
  const name = basename(file, extname(file));
  const list: IocList = { id: `ioc-${name}`, title: `Indicator from IOC list ${name}`, level: 'high', tags: [], file, indicators: [] };
  const problems: RuleProblem[] = [];
  const csv = extname(file).toLowerCase() === '.csv';
  const problem = (line: number, message: string): void => {
    problems.push({ file, line, column: 1, message, severity: 'error' });
  };

  const header = csv ? firstDataLine(text) : 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const header = HEADER.exec(trimmed);
      if (header) applyHeader(list, header[1]!.toLowerCase(), header[2]!.trim(), (message) => problem(lineNumber, message));
      return;
    }
    const entry = csv ? csvEntry(trimmed) : plainEntry(trimmed);
    if (!entry || (lineNumber === header && entry.type?.toLowerCase() === 'type')) return;
    const type = resolveType(entry.type, entry.value);
    if (!type) {
      problem(lineNumber, entry.type ? `unknown indicator type ${entry.type}` : `cannot tell what kind of indicator ${JSON.stringify(entry.value)} is`);
      return;
    }
    const value = normaliseIndicator(type, entry.value);
    if (value === undefined) {
      problem(lineNumber, `${JSON.stringify(entry.value)} is not a valid ${type}`);
      return;
    }
    list.indicators.push({ type, value, line: lineNumber, ...(entry.description ? { description: entry.description } : {}) });
  });
  return { list, problems };
}

function applyHeader(list: IocList, key: string, value: string, problem: (message: string) => void): void {
  if (key === 'title') list.title = value;
  else if (key === 'author') list.author = value;
  else if (key === 'reference') list.reference = value;
  else if (key === 'tags') list.tags = value.split(/[\s,]+/).filter(Boolean);
  else if ((LEVEL_ORDER as readonly string[]).includes(value)) list.level = value as RuleLevel;
  else problem(`unknown level ${value}`);
}

function plainEntry(line: string): { type?: string; value: string; description?: string } {
  const hash = line.indexOf(' #');
  const value = (hash >= 0 ? line.slice(0, hash) : line).trim();
  const description = hash >= 0 ? line.slice(hash + 2).trim() : undefined;
  return { value, ...(description ? { description } : {}) };
}

function csvEntry(line: string): { type?: string; value: string; description?: string } | undefined {
  const [type, value, ...rest] = line.split(',');
  if (value === undefined) return { value: type!.trim() };
  const description = rest.join(',').trim().replace(/^"(.*)"$/, '$1');
  return { type: type!.trim(), value: value.trim(), ...(description ? { description } : {}) };
}

function firstDataLine(text: string): number {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return index + 1;
}

function resolveType(declared: string | undefined, value: string): IndicatorType | undefined {
  if (!declared) return detectIndicatorType(value);
  const lower = declared.toLowerCase();
  const alias = TYPE_ALIASES[lower];
  if (alias === 'hash') {
    const detected = detectIndicatorType(value);
    return detected === 'md5' || detected === 'sha1' || detected === 'sha256' ? detected : undefined;
  }
  const type = alias ?? ((INDICATOR_TYPES as readonly string[]).includes(lower) ? (lower as IndicatorType) : undefined);
  // Lists often call a network an "ip"; the slash tells.
  if (type === 'ip' && value.includes('/')) return 'cidr';
  if (type) return type;
  return undefined;
}
