import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sendFromChildProcess } from './send-from-child-process.js';

export type RsyslogRun = { linesPerSecond: number; lines: number; seconds: number; peakRssMiB: number | null } | { missing: string };

/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const SEARCH_PATH = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
/** `nobody` on Debian: rsyslog needs no privilege for this setup, so a root bench does not give it any. */
const NOBODY = 65534;
const STARTUP_MS = 10_000;
const DELIVERY_MS = 120_000;

export function findRsyslogd(): string | undefined {
  for (const dir of SEARCH_PATH) {
    if (!dir) continue;
    const candidate = path.join(dir, 'rsyslogd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The ceiling of the collectors bench: rsyslog from Debian receiving the same lines from the same
 * sender over one TCP connection (imtcp) and writing them to a file (omfile), as CERTs run it today.
 * It runs as a child process with a generated configuration, its own work directory and an
 * unprivileged port; the rate counts from the sender's connecting until the file holds every line. The template
 * writes each message as received, so "every line" is an exact byte count.
 */
export async function measureRsyslog(payloadFile: string, payloadBytes: number, repeats: number, linesPerPayload: number): Promise<RsyslogRun> {
  const rsyslogd = findRsyslogd();
  if (!rsyslogd) return { missing: 'rsyslogd is not installed (Debian: apt-get install rsyslog)' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-bench-rsyslog-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o777);
  const output = path.join(dir, 'received.log');
  const port = await freePort();
  const config = path.join(dir, 'rsyslog.conf');
  writeFileSync(
    config,
    [
      `global(workDirectory="${dir}")`,
      'module(load="imtcp")',
      'template(name="asReceived" type="string" string="%rawmsg%\\n")',
      `input(type="imtcp" address="127.0.0.1" port="${port}")`,
      `action(type="omfile" file="${output}" template="asReceived")`,
      '',
    ].join('\n'),
  );
  const child = spawn(rsyslogd, ['-n', '-f', config, '-i', path.join(dir, 'rsyslogd.pid')], { stdio: ['ignore', 'ignore', 'pipe'], ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    if (!(await listening(port, child))) return { missing: `rsyslogd did not start listening: ${stderr.trim().slice(0, 500) || 'no output'}` };
    const expectedBytes = payloadBytes * repeats;
    const sending = sendFromChildProcess(port, payloadFile, repeats);
    const started = await sending.connected;
    await sending.done;
    if (!(await fileReaches(output, expectedBytes))) return { missing: `rsyslog wrote ${sizeOf(output)} of ${expectedBytes} bytes within ${DELIVERY_MS / 1000} s` };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lines = linesPerPayload * repeats;
    return { linesPerSecond: Math.round(lines / seconds), lines, seconds: Math.round(seconds * 100) / 100, peakRssMiB: peakRssMiB(child.pid) };
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listening(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const connected = await new Promise<boolean>((resolve) => {
      const probe = net.connect({ port, host: '127.0.0.1' });
      probe.once('connect', () => {
        probe.end();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (connected) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function fileReaches(file: string, bytes: number): Promise<boolean> {
  const deadline = Date.now() + DELIVERY_MS;
  while (sizeOf(file) < bytes) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The child's high-water mark of resident memory, for comparison with Lagebild's growth. */
function peakRssMiB(pid: number | undefined): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
