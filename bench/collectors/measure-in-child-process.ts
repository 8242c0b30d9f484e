import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TcpPathRun } from './measure-tcp-path.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tcp-path-process.js');

export interface ChildMeasurement {
  payloadFile: string;
  repeats: number;
  linesPerPayload: number;
  parsingWorkers: number;
  /** The memory bus's bound; null for none. */
  busMaxBytes: number | null;
  consumerDelayMs: number;
  label: string;
}

/** Runs `measureTcpPath` in a fresh node with this process's flags (tcp-path-process.ts). */
export async function measureInChildProcess(measurement: ChildMeasurement): Promise<TcpPathRun> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [...process.execArgv, SCRIPT, JSON.stringify(measurement)], { maxBuffer: 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out)));
    child.stderr?.pipe(process.stderr);
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as TcpPathRun;
}
