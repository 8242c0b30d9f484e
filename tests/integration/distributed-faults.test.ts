import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { KAFKA_BROKERS, requireService } from '../support/services.js';
import { SyslogSender } from '../support/syslog-sender.js';
import { Cluster, expectedAlerts, Probe, reportRate, sendPaced, services, uniquePrefix, workload, type Outcome, type Workload } from './distributed-harness.js';

const { Kafka, logLevel } = kafkajs;

/** Every expected alert exactly once, all of them in one incident exactly once, every line archived exactly once. */
function expectExactlyOnce(outcome: Outcome, work: Workload, expected: { keys: Set<string> }, rootLoginRuleId: string): void {
  expect(outcome.events, 'archived events').to.equal(work.lines.length);
  expect([...outcome.alerts.keys()].sort(), 'alerts by rule and address').to.deep.equal([...expected.keys].sort());
  const repeated = [...outcome.alerts].filter(([, count]) => count !== 1);
  expect(repeated, 'alerts stored more than once').to.deep.equal([]);
  // Every alert names the workload's host: one story, one incident, each alert in it once.
  expect(outcome.story.incidents, 'open incidents of the host').to.equal(1);
  expect([...outcome.story.alertIds].sort(), 'alerts in the incident').to.deep.equal([...outcome.alertIds].sort());
  expect(outcome.story.alertCount, 'the incident counts each alert once').to.equal(outcome.alertIds.length);
  expect(outcome.story.ruleIds, 'the root logins are part of the story').to.include(rootLoginRuleId);
}

describe('integration > distributed faults (kafka + elasticsearch, real processes)', function () {
  this.timeout(240_000);
  const cluster = new Cluster(uniquePrefix('faults'));
  const probe = new Probe(cluster.prefix);
  let servicesTouched = false;

  before(async function () {
    await requireService(this, 'kafka');
    await requireService(this, 'elasticsearch');
    await cluster.seed();
    await cluster.start('detectors');
    await cluster.start('collectors');
  });

  after(async function () {
    this.timeout(300_000);
    // A failed fault test may have left a service down; the next suites need both.
    if (servicesTouched) {
      await services('start', 'elasticsearch');
      await services('start', 'kafka');
    }
    await cluster.stopAll();
    await probe.deleteIndices();
    await probe.close();
  });

  /** Sends the workload while `fault` runs, then waits until everything is stored and checks it. */
  async function underFault(label: string, work: Workload, linesPerSecond: number, fault: () => Promise<void>): Promise<void> {
    const expected = await expectedAlerts(work);
    const sender = new SyslogSender({ port: cluster.syslogPort });
    const started = Date.now();
    await Promise.all([sendPaced(sender, work.lines, linesPerSecond), fault()]);
    await sender.close();
    const outcome = await probe.waitForComplete(work, expected, 180_000, () => cluster.tails());
    reportRate(label, work.lines.length, Date.now() - started);
    // A moment more, so that a duplicate written late by a redelivery would be seen too.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expectExactlyOnce(await probe.outcome(work), work, expected, expected.rootLoginRuleId);
    expect(outcome.events).to.equal(work.lines.length);
  }

  it('dead-letters a poison message on events and carries on with the lines after it', async () => {
    const poison = `poison ${randomBytes(6).toString('hex')} {not json`;
    const kafka = new Kafka({ brokers: KAFKA_BROKERS, clientId: 'distributed-faults', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'events', acks: -1, messages: [{ key: 'radebeul', value: poison }] });
    await producer.disconnect();

    const work = workload({ host: 'poison.radebeul.example', subnet: 24, total: 2_000, rootLogins: 10 });
    await underFault('poison message', work, 4_000, async () => undefined);

    const consumer = kafka.consumer({ groupId: `distributed-faults-dlq-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: 'events.dlq', fromBeginning: true });
    const deadLetter = await new Promise<{ headers: Record<string, string> } | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() !== poison) return;
          clearTimeout(timer);
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
          resolve({ headers });
        },
      });
    });
    await consumer.disconnect();
    expect(deadLetter, 'the poison message on events.dlq').to.not.equal(undefined);
    expect(deadLetter!.headers['x-original-topic']).to.equal('events');
  });

  it('loses and duplicates nothing when the detector process is killed with SIGKILL mid-stream and restarted', async () => {
    const work = workload({ host: 'sigkill.radebeul.example', subnet: 21, total: 8_000, rootLogins: 40 });
    await underFault('detector SIGKILL + restart', work, 2_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const code = await cluster.get('detectors').kill('SIGKILL');
      expect(code).to.equal('SIGKILL');
      await cluster.start('detectors');
    });
  });

  it('loses nothing when Elasticsearch is stopped for 30 s during ingest', async function () {
    // The outage, Elasticsearch's start (up to a minute on a loaded machine) and the probe's own
    // 180 s wait must fit, or a failure shows as a bare mocha time-out instead of what was missing.
    this.timeout(360_000);
    const work = workload({ host: 'esdown.radebeul.example', subnet: 22, total: 8_000, rootLogins: 40 });
    servicesTouched = true;
    await underFault('Elasticsearch down 30 s', work, 1_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await services('stop', 'elasticsearch');
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      await services('start', 'elasticsearch');
    });
  });

  it('loses nothing when the Kafka broker is restarted during TCP syslog ingest', async () => {
    const work = workload({ host: 'kafkarestart.radebeul.example', subnet: 23, total: 8_000, rootLogins: 40 });
    servicesTouched = true;
    await underFault('Kafka broker restart', work, 1_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await services('restart', 'kafka');
    });
  });
});
