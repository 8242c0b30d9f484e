import net from 'node:net';

/**
 * The sender of the collectors bench, the same for Lagebild and for rsyslog: one TCP connection, the
 * payload written `repeats` times as fast as the receiver takes it (waiting for `drain`, so the
 * sender's own memory stays flat), then a clean end. Resolves once everything is handed to the kernel.
 */
export async function sendLinesOverTcp(port: number, payload: Buffer, repeats: number, onConnected: () => void = () => undefined): Promise<void> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  onConnected();
  for (let written = 0; written < repeats; written++) {
    if (!socket.write(payload)) await new Promise<void>((resolve) => socket.once('drain', resolve));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}
