import { expect } from 'chai';
import { requireService } from '../support/services.js';
import { SyslogSender } from '../support/syslog-sender.js';
import { Cluster, DEMO_PASSWORD, expectedAlerts, Probe, reportRate, sendPaced, uniquePrefix, workload } from './distributed-harness.js';

interface IncidentSummary {
  id: string;
  ruleIds?: string[];
  entities?: string[];
  alertCount: number;
  mergedInto?: string | null;
}

describe('integration > distributed pipeline (kafka + elasticsearch, one process per role)', function () {
  this.timeout(180_000);
  const cluster = new Cluster(uniquePrefix('pipeline'));
  const probe = new Probe(cluster.prefix);

  before(async function () {
    await requireService(this, 'kafka');
    await requireService(this, 'elasticsearch');
    // The api process seeds the demo users and organisations (--demo) before it listens, so it goes
    // first: the collectors read the constituency for attribution when they start.
    await cluster.start('api', { demo: true });
    await cluster.start('detectors');
    await cluster.start('collectors');
  });

  after(async () => {
    await cluster.stopAll();
    await probe.deleteIndices();
    await probe.close();
  });

  it('turns TCP syslog lines into incidents that an analyst sees through the API, each exactly once', async () => {
    const work = workload({ host: 'gw.radebeul.example', subnet: 11, total: 2_000, rootLogins: 20 });
    const expected = await expectedAlerts(work);
    const sender = new SyslogSender({ port: cluster.syslogPort });
    const started = Date.now();
    await sendPaced(sender, work.lines, 2_000);
    await sender.close();
    const outcome = await probe.waitForComplete(work, expected, 120_000, () => cluster.tails());
    reportRate('distributed pipeline, no faults', work.lines.length, Date.now() - started);

    expect(outcome.events).to.equal(work.lines.length);
    expect([...outcome.alerts.keys()].sort()).to.deep.equal([...expected.keys].sort());
    expect([...outcome.alerts.values()].every((count) => count === 1)).to.equal(true);

    const login = await fetch(`${cluster.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'analyst', password: DEMO_PASSWORD }) });
    expect(login.status).to.equal(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const seen: IncidentSummary[] = [];
    let cursor: string | undefined;
    do {
      const response = await fetch(`${cluster.baseUrl}/api/v1/incidents?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(response.status).to.equal(200);
      const page = (await response.json()) as { items: IncidentSummary[]; nextCursor?: string };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    // Every alert names the workload's host: the analyst sees one incident holding them all.
    const ours = seen.filter((incident) => incident.entities?.includes(`host.name=${work.host}`) && !incident.mergedInto);
    expect(ours).to.have.length(1);
    expect(ours[0]!.alertCount).to.equal(outcome.alertIds.length);
    expect(ours[0]!.ruleIds).to.include(expected.rootLoginRuleId);
  });

  // A shipper that reconnects flushes its backlog at once: the collector then publishes batches of up
  // to 2 000 events (~1 KB each) for one organisation, i.e. one partition. Kafka refuses a record
  // batch above message.max.bytes (1 MiB by default) for good, so the publish must be split by size.
  it('publishes a burst of lines that exceeds the broker\'s maximum message size in one flush', async () => {
    const work = workload({ host: 'burst.radebeul.example', subnet: 12, total: 2_000, rootLogins: 10 });
    const expected = await expectedAlerts(work);
    const sender = new SyslogSender({ port: cluster.syslogPort });
    const started = Date.now();
    await sender.send(work.lines);
    await sender.close();
    const outcome = await probe.waitForComplete(work, expected, 60_000, () => cluster.tails());
    reportRate('distributed pipeline, unpaced burst', work.lines.length, Date.now() - started);
    expect(outcome.events).to.equal(work.lines.length);
    expect([...outcome.alerts.keys()].sort()).to.deep.equal([...expected.keys].sort());
  });
});
