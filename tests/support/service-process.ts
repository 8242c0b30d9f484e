import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** What a `lagebild start` child process logged when it was ready (pino's "Lagebild started" line). */
interface StartedLine {
  http?: number | null;
  syslog?: number | null;
}

export interface ServiceProcessOptions {
  /** Comma-separated roles for `--only`. */
  roles: string;
  env: Record<string, string>;
  demo?: boolean;
  /** Where the process's stdout and stderr are kept (one file per start), for reading after a failure. */
  logFile: string;
  readyTimeoutMs?: number;
}

export interface ServiceProcess {
  readonly roles: string;
  readonly pid: number;
  readonly httpPort: number | undefined;
  readonly syslogPort: number | undefined;
  /** The last lines the process wrote, for failure messages. */
  tail(lines?: number): string;
  /** Sends the signal and resolves with the exit code (or signal name) once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<number | string>;
  /** SIGTERM (the service drains and commits), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const BIN = path.resolve('bin/lagebild.js');
const TAIL_LIMIT = 200;

/**
 * Spawns `node bin/lagebild.js start --only ROLES` as a real child process and resolves once it
 * logged "Lagebild started", which the service only does after its consumers joined their groups
 * and its listeners are bound. Rejects with the end of its output if it exits or times out first.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const args = [BIN, 'start', '--only', options.roles, ...(options.demo ? ['--demo'] : [])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LAGEBILD_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  let exit: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = code ?? signal ?? 'unknown';
      resolve(exit);
    });
  });
  const started = new Promise<StartedLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lagebild --only ${options.roles} not ready after ${options.readyTimeoutMs ?? 60_000} ms:\n${recent.slice(-30).join('\n')}`)), options.readyTimeoutMs ?? 60_000);
    const onLine = (line: string) => {
      recent.push(line);
      if (recent.length > TAIL_LIMIT) recent.shift();
      const parsed = parseStartedLine(line);
      if (parsed) {
        clearTimeout(timer);
        resolve(parsed);
      }
    };
    forwardLines(child, log, onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lagebild --only ${options.roles} exited (${code}) before it was ready:\n${recent.slice(-30).join('\n')}`));
    });
  });

  let ready: StartedLine;
  try {
    ready = await started;
  } catch (error) {
    if (exit === undefined) child.kill('SIGKILL');
    await exited;
    log.end();
    throw error;
  }

  const kill = async (signal: NodeJS.Signals) => {
    if (exit === undefined) child.kill(signal);
    const code = await exited;
    log.end();
    return code;
  };
  return {
    roles: options.roles,
    pid: child.pid!,
    httpPort: ready.http ?? undefined,
    syslogPort: ready.syslog ?? undefined,
    tail: (lines = 30) => recent.slice(-lines).join('\n'),
    kill,
    async stop(graceMs = 20_000) {
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

function forwardLines(child: ChildProcess, log: WriteStream, onLine: (line: string) => void): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      log.write(chunk);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) onLine(line);
    });
  }
}

function parseStartedLine(line: string): StartedLine | undefined {
  if (!line.startsWith('{') || !line.includes('Lagebild started')) return undefined;
  try {
    const parsed = JSON.parse(line) as { msg?: string } & StartedLine;
    return parsed.msg === 'Lagebild started' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A loopback TCP port that was free a moment ago; fixed ports let a restarted process keep its address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
