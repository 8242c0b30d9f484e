import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { de } from '../../../../ui/src/i18n/de.js';
import { en } from '../../../../ui/src/i18n/en.js';

/** Where the server's code lives: every problem code it can answer with is written in one of these. */
const SERVER_DIRS = ['api', 'workflows', 'core', 'adapters', 'collectors', 'detectors', 'cli'];
/** Codes the UI makes itself (a request that never reached the server). */
const CLIENT_CODES = ['network'];

/**
 * The problem codes named in the server's source: `new LagebildError('code', …)`, an error
 * subclass's `super('code', …)`, and the literal problems written without one — the API's own
 * (`{ status, code: 'x', detail }`, the body parser's table) and coded validation entries
 * (`{ code: 'x', path, message }`). Risk reasons (`{ code, params }`) are not problems.
 */
function serverProblemCodes(): Set<string> {
  const codes = new Set<string>();
  const files = SERVER_DIRS.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).map((file) => path.join(dir, file)));
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const patterns = [/\bLagebildError\(\s*'([a-z][a-z0-9_]*)'/g, /\bcode:\s*'([a-z][a-z0-9_]*)',\s*(?:detail|path):/g];
    if (/\bextends \w*Error\b/.test(source)) patterns.push(/\bsuper\(\s*'([a-z][a-z0-9_]*)'/g);
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) codes.add(match[1]!);
  }
  return codes;
}

describe('ui > i18n > problem messages', () => {
  const codes = serverProblemCodes();
  const messageCodes = (messages: Record<string, string>) => Object.keys(messages).filter((key) => key.startsWith('problem.')).map((key) => key.slice('problem.'.length));

  it('finds the codes of every kind of source (so that a scan gone blind cannot pass)', () => {
    expect([...codes]).to.include.members(['not_found', 'validation_failed', 'rule_too_complex', 'approver_is_author', 'internal', 'malformed_json', 'suppression_too_broad']);
  });

  it('has a German and an English message for every problem code the server uses', () => {
    for (const [language, messages] of [['de', de], ['en', en]] as const) {
      const missing = [...codes].filter((code) => !(`problem.${code}` in messages));
      expect(missing, `codes without a message in ${language}.ts`).to.deep.equal([]);
    }
  });

  it('keeps no message for a code nobody sends any more', () => {
    const stale = messageCodes(de).filter((code) => !codes.has(code) && !CLIENT_CODES.includes(code));
    expect(stale).to.deep.equal([]);
  });
});
