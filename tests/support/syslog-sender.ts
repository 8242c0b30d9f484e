import net from 'node:net';

export interface SyslogSenderOptions {
  host?: string;
  port: number;
  /** How long to keep trying to (re)connect before giving up. */
  reconnectForMs?: number;
}

export interface SendResult {
  /** Lines handed to the kernel; on a dropped connection the unsent rest is sent on the next one. */
  sent: number;
  reconnects: number;
  /** Time the sender waited on `drain`: the collector pushing back. */
  backpressureMs: number;
}

/**
 * A syslog client over TCP with octet-counting framing (RFC 6587 3.4.1: `LEN SP MSG`, LEN in bytes),
 * the framing a shipper like rsyslog uses for RFC 5424. It honours backpressure (waits for `drain`
 * when the collector pauses the socket) and reconnects when the connection drops. Syslog over TCP has
 * no acknowledgements, so a line in the socket buffer when the *server* dies can be lost; the fault
 * tests therefore never kill the collectors while sending.
 */
export class SyslogSender {
  private socket: net.Socket | undefined;
  private reconnects = 0;

  constructor(private readonly options: SyslogSenderOptions) {}

  async send(lines: Iterable<string>): Promise<SendResult> {
    let sent = 0;
    let backpressureMs = 0;
    for (const line of lines) {
      const frame = Buffer.from(line, 'utf8');
      const framed = Buffer.concat([Buffer.from(`${frame.length} `, 'ascii'), frame]);
      for (;;) {
        const socket = await this.connected();
        if (socket.write(framed)) break;
        const waitedFrom = Date.now();
        const drained = await waitForDrain(socket);
        backpressureMs += Date.now() - waitedFrom;
        // A write that was queued before the socket died is lost with it; send the line again.
        if (drained) break;
      }
      sent += 1;
    }
    return { sent, reconnects: this.reconnects, backpressureMs };
  }

  /** Ends the connection after everything written has been flushed to the server. */
  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
    });
  }

  private async connected(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed && this.socket.writable) return this.socket;
    if (this.socket) this.reconnects += 1;
    const deadline = Date.now() + (this.options.reconnectForMs ?? 60_000);
    let delayMs = 100;
    for (;;) {
      try {
        this.socket = await connect(this.options.host ?? '127.0.0.1', this.options.port);
        return this.socket;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 2_000);
      }
    }
  }
}

function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.off('error', reject);
      // Errors after connecting show up as a destroyed socket on the next write.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** True when the socket drained, false when it closed first. */
function waitForDrain(socket: net.Socket): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (drained: boolean) => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(drained);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    socket.on('drain', onDrain);
    socket.on('close', onClose);
  });
}
