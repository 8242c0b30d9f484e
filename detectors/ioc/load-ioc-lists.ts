import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RuleProblem } from '../sigma/types.js';
import { parseIocList, type IocList } from './ioc-list.js';

const LIST_EXTENSIONS = new Set(['.txt', '.csv']);

/** Reads every `*.txt` and `*.csv` list under `path` (a directory, searched recursively, or one file). */
export async function loadIocLists(path: string): Promise<{ lists: IocList[]; problems: RuleProblem[] }> {
  const lists: IocList[] = [];
  const problems: RuleProblem[] = [];
  for (const file of await listFiles(path)) {
    const parsed = parseIocList(await readFile(file, 'utf8'), file);
    lists.push(parsed.list);
    problems.push(...parsed.problems);
  }
  const seen = new Map<string, string>();
  for (const list of lists) {
    const other = seen.get(list.id);
    if (other) problems.push({ file: list.file, line: 1, column: 1, message: `IOC list id ${list.id} is also used by ${other}`, severity: 'error' });
    seen.set(list.id, list.file);
  }
  return { lists, problems };
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return LIST_EXTENSIONS.has(extname(path).toLowerCase()) ? [path] : [];
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (LIST_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
  }
  return files;
}
