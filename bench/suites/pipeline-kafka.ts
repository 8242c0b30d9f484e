import { Kafka, logLevel } from 'kafkajs';
import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';
import { runPipeline } from './run-pipeline.js';

const SUITE = 'pipeline-kafka';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const ELASTICSEARCH = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

/**
 * Distributed mode on the real broker and cluster (Kafka + Elasticsearch, fresh index prefix per run;
 * the topics are the service's fixed ones and are kept, so that other users of the broker are not
 * disturbed), next to the ceiling: a plain kafkajs producer and consumer moving messages of the same
 * size through a fresh topic on the same broker in the same run.
 */
export async function runPipelineKafka(): Promise<void> {
  const ceiling = await kafkaCeiling(400_000, 1100);
  progress(SUITE, `kafkajs produce+consume ceiling: ${ceiling.messagesPerSecond} msg/s`);
  const prefix = `bench-${Date.now().toString(36)}`;
  const run = await runPipeline(SUITE, { LAGEBILD_BUS: 'kafka', KAFKA_BROKERS: BROKERS, LAGEBILD_STORE: 'elasticsearch', ELASTICSEARCH_URL: ELASTICSEARCH, LAGEBILD_ES_INDEX_PREFIX: prefix }, 12_000, 40);
  progress(SUITE, `sustained ${run.sustainedEventsPerSecond} ev/s, latency ${JSON.stringify(run.latencyMs)} (${run.probesSeen}/${run.probes} probes)`);
  writeResult(SUITE, {
    mode: 'distributed roles in one process: Kafka bus + Elasticsearch store',
    indexPrefix: prefix,
    ceiling,
    ...run,
    ratioToCeiling: Math.round((run.sustainedEventsPerSecond / ceiling.messagesPerSecond) * 100) / 100,
    target: { eventsPerSecond: 10_000, p99Ms: 2000, met: run.sustainedEventsPerSecond >= 10_000 && run.latencyMs.p99! <= 2000 && run.probesSeen === run.probes },
  });
}

async function kafkaCeiling(messages: number, bytes: number): Promise<{ messagesPerSecond: number; messages: number; messageBytes: number; seconds: number }> {
  const kafka = new Kafka({ clientId: 'lagebild-bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench-ceiling-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({ eachBatch: async ({ batch }) => {
    consumed += batch.messages.length;
    if (consumed >= messages) done();
  } });
  const value = 'x'.repeat(bytes);
  const started = Date.now();
  const batchSize = 2000;
  for (let sent = 0; sent < messages; sent += batchSize) {
    await producer.send({ topic, messages: Array.from({ length: batchSize }, (_, i) => ({ key: `k${(sent + i) % 20}`, value })) });
    if (sent % 100_000 === 0) progress(SUITE, `ceiling: produced ${sent}, consumed ${consumed}`);
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return { messagesPerSecond: Math.round(messages / seconds), messages, messageBytes: bytes, seconds };
}
