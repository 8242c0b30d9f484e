import { expect } from 'chai';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

/** "Billion laughs": nine aliases per level, nine levels, 9^9 strings once expanded. */
function aliasBomb(): string {
  const names = 'abcdefghij'.split('');
  const levels = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`, ...names.slice(1).map((name, i) => `${name}: &${name} [${Array(9).fill(`*${names[i]!}`).join(', ')}]`)];
  return `title: Bomb\nid: bomb\nlogsource: {product: linux}\n${levels.join('\n')}\ndetection:\n  selection:\n    message: *j\n  condition: selection\n`;
}

describe('security > rule YAML', function () {
  this.timeout(120_000);
  let lagebild: SpawnedLagebild | undefined;

  after(async () => {
    await lagebild?.stop();
  });

  it('refuses an alias bomb on validate and test with 400 rule_too_complex, and stays up', async () => {
    lagebild = await startSpawnedLagebild({ roles: 'api' });
    const token = await lagebild.login('analyst');
    for (const [route, body] of [
      ['/api/v1/rules/validate', { rule: aliasBomb() }],
      ['/api/v1/rules/test', { rule: aliasBomb(), events: [{ message: 'lol' }] }],
    ] as const) {
      const response = await fetch(lagebild.baseUrl + route, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      const problem = (await response.json()) as { code?: string; problems?: { message: string }[] };
      expect(response.status, `${route}: ${JSON.stringify(problem)}`).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(problem.code).to.equal('rule_too_complex');
      expect(problem.problems?.map((p) => p.message).join()).to.match(/aliases/);
    }
    expect((await fetch(`${lagebild.baseUrl}/healthz`)).status).to.equal(200);
    expect(lagebild.process.tail(200)).not.to.match(/"level":50/);
  });
});
