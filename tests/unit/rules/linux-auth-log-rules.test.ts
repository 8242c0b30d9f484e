import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAttributor } from '../../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../../collectors/normalise-event.js';
import { autoParser } from '../../../collectors/parsers/auto.js';
import type { Alert } from '../../../core/domain/alert.js';
import { DetectionEngine } from '../../../detectors/detection-engine.js';

const fixtureLine = (file: string, containing: string): string => {
  const line = readFileSync(path.resolve('tests/fixtures/parsers/linux-auth', file), 'utf8').split('\n').find((candidate) => candidate.includes(containing));
  if (line === undefined) throw new Error(`no line with "${containing}" in ${file}`);
  return line;
};

/**
 * Account changes in the Linux auth log (useradd, usermod) through the auto parser and the default
 * rule set, as the service runs them: their programs are no service of their own, so the rules only
 * see them because the auth log's dataset makes them Linux events (deriveLogsource).
 */
describe('rules > default rule set on account changes in the Linux auth log', function () {
  this.timeout(60_000);
  let engine: DetectionEngine;
  const attributor = createAttributor([]);

  before(async () => {
    ({ engine } = await DetectionEngine.load(path.resolve('rules')));
  });

  const titlesFor = (line: string): string[] => {
    const outcome = autoParser.parse(line, { receivedAt: new Date('2026-05-17T18:10:00Z'), peerAddress: '192.0.2.10' });
    if (!outcome.ok) throw new Error(`unparsed: ${line}`);
    const alerts: Alert[] = engine.process(normaliseEvent(outcome.event, new Date('2026-05-17T18:10:00Z'), attributor, { peerAddress: '192.0.2.10' }));
    return alerts.map((alert) => alert.rule.title);
  };

  it('reports an account added to the wheel group once, not again for the gshadow line', () => {
    expect(titlesFor(fixtureLine('elastic-shadow-utils.log', "add 'testuser' to group 'wheel'"))).to.include('Account added to an administrators group on Linux');
    expect(titlesFor(fixtureLine('elastic-shadow-utils.log', "add 'testuser' to shadow group"))).to.deep.equal([]);
  });

  it("runs SigmaHQ's rule on useradd lines: a new user with UID 0 is reported, a service account is not", () => {
    // The form shadow-utils' useradd writes (src/useradd.c), with the root UID and group of a backdoor account.
    expect(titlesFor('<86>May 17 18:06:00 fs01 useradd[1337]: new user: name=sysupd, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0')).to.include('Privileged User Has Been Created');
    expect(titlesFor(fixtureLine('filebeat-system-auth.log', 'new user: name=apache'))).to.deep.equal([]);
  });
});
