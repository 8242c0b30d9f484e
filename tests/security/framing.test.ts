import net from 'node:net';
import { expect } from 'chai';
import { eventually } from '../support/eventually.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

/** squid's native access log: every line opens with an epoch timestamp, i.e. with a digit. */
function squidLine(index: number): string {
  return `${1741952700 + index}.123    150 10.20.30.${index + 1} TCP_MISS/200 5120 GET http://www.example.org/${index} - HIER_DIRECT/198.51.100.80 text/html`;
}

function syslogLine(index: number): string {
  return `<38>1 2026-11-22T10:00:0${index}Z fw1 sshd 4242 - - Failed password for invalid user u${index} from 10.51.3.4 port 4711 ssh2`;
}

async function send(port: number, chunks: string[]): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const chunk of chunks) {
    socket.write(chunk);
    // Separate reads on the other side, as a slow or chatty sender would produce them.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

describe('security > syslog framing guess', function () {
  this.timeout(60_000);
  let lagebild: SpawnedLagebild;

  before(async () => {
    lagebild = await startSpawnedLagebild();
  });

  after(async () => {
    await lagebild?.stop();
  });

  /** What one TCP connection did to the tcp counters: parse dead letters tell events from failures (the demo replay shares the parser counters). */
  async function deltas(action: () => Promise<void>, expectedMessages: number): Promise<{ received: number; framingDeadLetters: number; parseDeadLetters: number }> {
    const read = async () => ({
      received: await lagebild.metric('lagebild_collector_messages_received_total', { transport: 'tcp' }),
      framingDeadLetters: await lagebild.metric('lagebild_dead_letters_total', { stage: 'framing', transport: 'tcp' }),
      parseDeadLetters: await lagebild.metric('lagebild_dead_letters_total', { stage: 'parse', transport: 'tcp' }),
    });
    const before = await read();
    await action();
    await eventually(async () => {
      const now = await read();
      return now.received - before.received >= expectedMessages || now.framingDeadLetters > before.framingDeadLetters ? true : undefined;
    }, 10_000, `${expectedMessages} messages`);
    // Anything framed differently than expected would show up now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await read();
    return { received: after.received - before.received, framingDeadLetters: after.framingDeadLetters - before.framingDeadLetters, parseDeadLetters: after.parseDeadLetters - before.parseDeadLetters };
  }

  it('reads 20 squid lines that start with epoch digits as 20 newline-framed events', async () => {
    const lines = Array.from({ length: 20 }, (_, index) => squidLine(index));
    expect(await deltas(() => send(lagebild.syslogPort, [lines.map((line) => `${line}\n`).join('')]), 20)).to.deep.equal({ received: 20, framingDeadLetters: 0, parseDeadLetters: 0 });
  });

  it('still reads octet-counted syslog, also when the first read ends before the <', async () => {
    const stream = [0, 1, 2].map((index) => `${Buffer.byteLength(syslogLine(index))} ${syslogLine(index)}`).join('');
    expect(await deltas(() => send(lagebild.syslogPort, [stream.slice(0, 2), stream.slice(2, 4), stream.slice(4)]), 3)).to.deep.equal({ received: 3, framingDeadLetters: 0, parseDeadLetters: 0 });
  });
});
