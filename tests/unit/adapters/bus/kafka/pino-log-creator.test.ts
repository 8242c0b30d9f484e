import { Writable } from 'node:stream';
import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { pinoLogCreator } from '../../../../../adapters/bus/kafka/pino-log-creator.js';
import { createLogger } from '../../../../../core/logging.js';

const { logLevel } = kafkajs;

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, log: pinoLogCreator(createLogger({ level: 'debug', destination }))(logLevel.WARN) };
}

describe('adapters > bus > kafka > pino-log-creator', () => {
  it('writes kafkajs log entries as pino lines at the same level', () => {
    const { lines, log } = capture();
    log({ namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'now', message: 'Crash', groupId: 'detectors' } });
    log({ namespace: 'Runner', level: logLevel.WARN, label: 'WARN', log: { timestamp: 'now', message: 'Rebalancing' } });
    expect(lines.map((line) => [line.level, line.msg, line.kafkajs])).to.deep.equal([
      [50, 'Crash', 'Consumer'],
      [40, 'Rebalancing', 'Runner'],
    ]);
    expect(lines[0]).to.include({ groupId: 'detectors' });
    expect(lines[0]).to.not.have.property('timestamp');
  });

  it('reports the error responses kafkajs retries itself as warnings', () => {
    const { lines, log } = capture();
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'now', message: 'Response Heartbeat(key: 12, version: 3)', error: 'The group is rebalancing' } });
    expect(lines.map((line) => [line.level, line.error])).to.deep.equal([[40, 'The group is rebalancing']]);
  });
});
