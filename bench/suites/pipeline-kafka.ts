import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';
import { progress } from '../progress.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { parseLines } from '../traffic/parse-lines.js';
import { writeResult } from '../write-result.js';
import { runLoadCurve } from './run-pipeline.js';

const SUITE = 'pipeline-kafka';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const ELASTICSEARCH = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

/**
 * Distributed mode on the real broker and cluster (Kafka + Elasticsearch, fresh index prefix per run;
 * the topics are the service's fixed ones and are kept, so that other users of the broker are not
 * disturbed), next to its ceiling measured first in the same run: the same components with no
 * Lagebild logic — a kafkajs producer and `eachBatch` consumer moving the same events (generated
 * background traffic parsed by the real parsers, as JSON) through a fresh topic, each consumed batch
 * bulk-indexed into a fresh Elasticsearch index. The plain produce/consume loop without Elasticsearch
 * is kept beside it (`kafkaOnly`), to say which of the two limits the ceiling.
 */
export async function runPipelineKafka(): Promise<void> {
  const prefix = `bench-${Date.now().toString(36)}`;
  const documents = eventDocuments(200_000);
  const kafkaOnly = await kafkaCeiling(documents, undefined, prefix);
  progress(SUITE, `kafkajs produce+consume: ${kafkaOnly.messagesPerSecond} msg/s`);
  const ceiling = await kafkaCeiling(documents, new Client({ node: ELASTICSEARCH }), prefix);
  progress(SUITE, `kafkajs produce+consume + Elasticsearch bulk: ${ceiling.messagesPerSecond} ev/s`);
  // Offered the ceiling's rate: the pipeline cannot sustain more than its components without logic.
  const { saturation, sweep, atEightyPercent } = await runLoadCurve(SUITE, (run) => ({ LAGEBILD_BUS: 'kafka', KAFKA_BROKERS: BROKERS, LAGEBILD_STORE: 'elasticsearch', ELASTICSEARCH_URL: ELASTICSEARCH, LAGEBILD_ES_INDEX_PREFIX: `${prefix}-${run}` }), ceiling.messagesPerSecond);
  const ratioToCeiling = Math.round((saturation.sustainedEventsPerSecond / ceiling.messagesPerSecond) * 100) / 100;
  writeResult(SUITE, {
    mode: 'distributed roles in one process: Kafka bus + Elasticsearch store',
    indexPrefix: `${prefix}-<run>`,
    ceiling,
    kafkaOnly,
    ...saturation,
    ratioToCeiling,
    atEightyPercent,
    sweep,
    target: {
      ratioToCeiling: 0.5,
      p99MsAtEightyPercent: 2000,
      met: ratioToCeiling >= 0.5 && atEightyPercent.latencyMs.p99! <= 2000 && atEightyPercent.probesSeen === atEightyPercent.probes,
    },
  });
}

/** Background traffic of 20 organisations parsed by the real parsers: the documents the pipeline archives. */
function eventDocuments(count: number): string[] {
  const traffic = generateTraffic({ organisations: 20, linesPerOrganisation: Math.ceil(count / 20), startMs: Date.now(), durationMs: 60_000, attacksPerScenario: 0, seed: 5 });
  const parsed = parseLines(traffic.lines.slice(0, count), traffic.organisations.map((o) => o.organisation));
  return parsed.events.map((event) => JSON.stringify(event));
}

interface Ceiling {
  messagesPerSecond: number;
  messages: number;
  averageMessageBytes: number;
  seconds: number;
  elasticsearchBulk: boolean;
}

/** Produces `documents` into a fresh 4-partition topic while a consumer takes them; with `elasticsearch`, each consumed batch is bulk-indexed before the next. */
async function kafkaCeiling(documents: string[], elasticsearch: Client | undefined, prefix: string): Promise<Ceiling> {
  const kafka = new Kafka({ clientId: 'lagebild-bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topic = `${prefix}-ceiling-${elasticsearch ? 'es' : 'kafka'}`;
  const index = `${topic}-events`;
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
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (elasticsearch) {
        const operations = batch.messages.flatMap((message) => [{ index: { _index: index } }, JSON.parse(message.value!.toString()) as object]);
        const response = await elasticsearch.bulk({ refresh: false, operations });
        if (response.errors) throw new Error(`bulk indexing into ${index} reported errors`);
      }
      consumed += batch.messages.length;
      if (consumed >= documents.length) done();
    },
  });
  const started = Date.now();
  const batchSize = 2000;
  for (let sent = 0; sent < documents.length; sent += batchSize) {
    await producer.send({ topic, messages: documents.slice(sent, sent + batchSize).map((value, i) => ({ key: `k${(sent + i) % 20}`, value })) });
    if (sent % 100_000 === 0) progress(SUITE, `ceiling: produced ${sent}, consumed ${consumed}`);
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  if (elasticsearch) {
    await elasticsearch.indices.delete({ index, ignore_unavailable: true });
    await elasticsearch.close();
  }
  const bytes = documents.reduce((sum, document) => sum + document.length, 0);
  return { messagesPerSecond: Math.round(documents.length / seconds), messages: documents.length, averageMessageBytes: Math.round(bytes / documents.length), seconds, elasticsearchBulk: elasticsearch !== undefined };
}
