import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import dgram from 'node:dgram';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { eventually } from '../support/eventually.js';
import { probeHealth } from './health-probe.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

const run = promisify(execFile);

/** A Sigma rule over the syslog message with one `re` value. */
function regexRule(title: string, pattern: string): string {
  return `title: ${title}\nid: ${title.toLowerCase().replace(/\W+/g, '-')}\ntaxonomy: ecs\nlogsource: {product: linux}\ndetection:\n  selection:\n    message|re: '${pattern}'\n  condition: selection\nlevel: high\n`;
}

/** Exponential for a backtracking engine on `a…a!`: every split of the a's into ones and twos is tried. */
const OVERLAPPING = '^(a|aa)+$';
/** The textbook catastrophic pattern: a repeated repetition. */
const NESTED = '^(a+)+$';
const CRAFTED = `${'a'.repeat(100)}!`;

function linuxEvent(message: string): Record<string, unknown> {
  return { '@timestamp': new Date().toISOString(), host: { os: { type: 'linux' } }, message };
}

function sendUdp(port: number, line: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => socket.send(line, port, '127.0.0.1', (error) => (socket.close(), error ? reject(error) : resolve())));
}

function syslog(message: string): string {
  return `<38>1 ${new Date().toISOString()} web01 sshd 42 - - ${message}`;
}

async function postJson(lagebild: SpawnedLagebild, token: string, route: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = Date.now();
  const response = await fetch(lagebild.baseUrl + route, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, ms: Date.now() - started };
}

describe('security > rule regular expressions', function () {
  this.timeout(120_000);
  let lagebild: SpawnedLagebild | undefined;

  afterEach(async () => {
    await lagebild?.stop();
    lagebild = undefined;
  });

  it('tests uploaded rules with catastrophic patterns without stalling the service', async () => {
    lagebild = await startSpawnedLagebild({ roles: 'api' });
    const token = await lagebild.login('analyst');
    const probe = probeHealth(lagebild.baseUrl);
    const nested = await postJson(lagebild, token, '/api/v1/rules/test', { rule: regexRule('Nested', NESTED), events: [linuxEvent(CRAFTED)] });
    const overlapping = await postJson(lagebild, token, '/api/v1/rules/test', { rule: regexRule('Overlapping', OVERLAPPING), events: [linuxEvent(CRAFTED), linuxEvent('aaaa')] });
    const latencies = await probe.stop();

    expect(nested.status, JSON.stringify(nested.body)).to.equal(400);
    expect(JSON.stringify(nested.body.problems)).to.match(/repeats a repetition/);
    expect(overlapping.status, JSON.stringify(overlapping.body)).to.equal(200);
    expect((overlapping.body.alerts as unknown[]).length, 'only the event of four a’s matches').to.equal(1);
    expect(Math.max(nested.ms, overlapping.ms)).to.be.below(5_000);
    expect(latencies.length).to.be.at.least(1);
    expect(Math.max(...latencies), `healthz latencies ${latencies.join(', ')}`).to.be.below(1_000);
  });

  it('keeps detecting when a rule from disk meets a line crafted against its pattern', async () => {
    const rulesDir = mkdtempSync(path.join(tmpdir(), 'lagebild-hostile-rules-'));
    cpSync(path.resolve('rules'), rulesDir, { recursive: true });
    writeFileSync(path.join(rulesDir, 'sigma', 'hostile-overlapping.yml'), regexRule('Hostile overlapping pattern', OVERLAPPING));
    writeFileSync(path.join(rulesDir, 'sigma', 'hostile-nested.yml'), regexRule('Hostile nested pattern', NESTED));
    const marker = `marker-${Date.now()}`;
    writeFileSync(path.join(rulesDir, 'sigma', 'security-test-marker.yml'), `title: Security test marker\nid: security-test-marker\ntaxonomy: ecs\nlogsource: {product: linux}\ndetection:\n  selection:\n    message|contains: '${marker}'\n  condition: selection\nlevel: high\n`);
    lagebild = await startSpawnedLagebild({ roles: 'api,detectors,collectors', env: { LAGEBILD_RULES_DIR: rulesDir } });
    const token = await lagebild.login('analyst');
    const probe = probeHealth(lagebild.baseUrl);
    const port = lagebild.process.syslogPort!;
    await sendUdp(port, syslog(CRAFTED));
    await sendUdp(port, syslog(`session opened ${marker}`));
    await sendUdp(port, syslog('aaaa'));

    // Alerts, not incidents: both lines come from one host, so their alerts tell one story in one incident.
    const titles = await eventually(async () => {
      const response = await fetch(`${lagebild!.baseUrl}/api/v1/alerts?limit=100`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2_000) });
      const found = ((await response.json()) as { items: { rule: { title: string } }[] }).items.map((alert) => alert.rule.title);
      return found.includes('Security test marker') && found.includes('Hostile overlapping pattern') ? found : undefined;
    }, 30_000, 'the marker alert and the overlapping-pattern alert');
    const latencies = await probe.stop();

    expect(titles, 'the nested pattern is refused at load').not.to.include('Hostile nested pattern');
    expect(Math.max(...latencies), `healthz latencies ${latencies.join(', ')}`).to.be.below(1_000);
    expect(lagebild.process.tail(200)).to.match(/hostile-nested\.yml.*repeats a repetition|repeats a repetition.*hostile-nested\.yml/);
  });

  it('lint reports a nested repetition with file and line and fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lagebild-lint-'));
    const file = path.join(dir, 'nested.yml');
    writeFileSync(file, regexRule('Nested', NESTED));
    const outcome = await run(process.execPath, [path.resolve('bin/lagebild.js'), 'rules', 'lint', dir]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome.code).to.not.equal(0);
    expect(outcome.stderr).to.contain(`${file}:7:`);
    expect(outcome.stderr).to.match(/error: .*repeats a repetition/);
  });
});
