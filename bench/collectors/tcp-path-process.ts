import type { ChildMeasurement } from './measure-in-child-process.js';
import { measureTcpPath } from './measure-tcp-path.js';

// `node tcp-path-process.js OPTIONS_JSON`: one TCP path measurement in a fresh process, so that its
// memory figures are the collector's alone, not what earlier measurements left in the heap. Prints
// the result as JSON on the last line of stdout; progress goes to stderr.
const { payloadFile, repeats, linesPerPayload, parsingWorkers, busMaxBytes, consumerDelayMs, label } = JSON.parse(process.argv[2]!) as ChildMeasurement;
const run = await measureTcpPath(payloadFile, repeats, linesPerPayload, {
  parsingWorkers,
  busMaxBytes: busMaxBytes ?? Number.POSITIVE_INFINITY,
  consumerDelayMs,
  onProgress: (message) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] collectors: ${label}: ${message}\n`),
});
process.stdout.write(`${JSON.stringify(run)}\n`);
