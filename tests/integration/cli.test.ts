import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { lagebild } from '../support/run-cli.js';

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('cli > lagebild', function () {
  this.timeout(30_000);

  it('parse: prints one ECS event per syslog line from stdin and reports unparseable lines on stderr with exit 0', async () => {
    const result = await lagebild(['parse', '--org', 'radebeul'], '<38>1 2026-11-20T08:00:00.000Z web01 sshd 42 - - Failed password for root from 203.0.113.5 port 4711 ssh2\nnot syslog\n');
    expect(result.code).to.equal(0);
    const [event] = lines(result.stdout).map((line) => JSON.parse(line));
    expect(event['@timestamp']).to.equal('2026-11-20T08:00:00.000Z');
    expect(event.source.ip).to.equal('203.0.113.5');
    expect(event.user.name).to.equal('root');
    expect(event.event.outcome).to.equal('failure');
    expect(event.event.id).to.be.a('string').with.length.greaterThan(0);
    expect(event.organization.id).to.equal('radebeul');
    expect(event.event.original).to.contain('Failed password');
    const [failure] = lines(result.stderr).map((line) => JSON.parse(line));
    expect(failure.line).to.equal(2);
    expect(failure.reason).to.be.a('string').with.length.greaterThan(0);
  });

  it('detect: turns the parsed events of a file into the alerts of the shipped rules, event time driving the windows', async () => {
    const parsed = await lagebild(['parse', '--org', 'radebeul', 'tests/fixtures/cli/ssh-guessing.log']);
    const eventsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lagebild-cli-')), 'events.ndjson');
    writeFileSync(eventsFile, parsed.stdout);
    const eventIds = lines(parsed.stdout).map((line) => JSON.parse(line).event.id as string);
    expect(eventIds).to.have.length(12);

    const result = await lagebild(['detect', '--rules', 'rules', '--events', eventsFile]);
    expect(result.code, result.stderr).to.equal(0);
    const alerts = lines(result.stdout).map((line) => JSON.parse(line));
    const guessing = alerts.filter((alert) => alert.rule.title === 'SSH password guessing');
    expect(guessing).to.have.length.greaterThan(0);
    expect(guessing[0].rule.type).to.equal('correlation');
    expect(guessing[0].group['source.ip']).to.equal('203.0.113.45');
    expect(guessing[0].organization.id).to.equal('radebeul');
    for (const id of guessing[0].event_ids) expect(eventIds).to.include(id);
  });

  it('detect: takes the file’s order as arrival, leaves events far behind their source out of correlations, and says so', async () => {
    const parsed = await lagebild(['parse', '--org', 'radebeul', 'tests/fixtures/cli/ssh-guessing.log']);
    const events = lines(parsed.stdout).map((line) => JSON.parse(line));
    // The same host reported three hours later first: the guessing lines arrive after it.
    const newer = { ...events[0], '@timestamp': new Date(Date.parse(events[0]['@timestamp']) + 3 * 3_600_000).toISOString(), event: { ...events[0].event, id: 'newer-line' } };
    const eventsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lagebild-cli-')), 'events.ndjson');
    writeFileSync(eventsFile, [newer, ...events].map((event) => JSON.stringify(event)).join('\n'));

    const strict = await lagebild(['detect', '--rules', 'rules', '--events', eventsFile]);
    expect(strict.code, strict.stderr).to.equal(0);
    expect(lines(strict.stdout).map((line) => JSON.parse(line).rule.title)).to.not.include('SSH password guessing');
    expect(strict.stderr).to.contain(`${eventsFile}: ${events.length} events arrived more than 3600 s behind their source`);

    const patient = await lagebild(['detect', '--rules', 'rules', '--events', eventsFile, '--lateness', '14400']);
    expect(lines(patient.stdout).map((line) => JSON.parse(line).rule.title)).to.include('SSH password guessing');
    // SigmaHQ rules that need a placeholder filled in warn about it; nothing else may be said.
    expect(lines(patient.stderr).filter((line) => !/: warning: placeholder %\w+% has no values/.test(line))).to.deep.equal([]);
  });

  it('detect: exits 2 and names file and line for every problem of a broken rule', async () => {
    const result = await lagebild(['detect', '--rules', 'tests/fixtures/cli/broken-rules', '--events', '-'], '');
    expect(result.code).to.equal(2);
    const problems = lines(result.stderr).filter((line) => line.includes('two_problems.yml:'));
    expect(problems.length).to.be.at.least(2);
    for (const problem of problems) expect(problem).to.match(/two_problems\.yml:\d+:\d+: error: /);
  });
});
