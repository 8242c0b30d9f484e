import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SENDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tcp-sender-process.js');

export interface Sending {
  /** When the sender's connection was up: the start of the measured time. */
  connected: Promise<bigint>;
  /** The sender wrote everything and closed its connection. */
  done: Promise<void>;
}

/** Runs the bench's sender (tcp-sender-process.ts) in a child process against `port`. */
export function sendFromChildProcess(port: number, payloadFile: string, repeats: number): Sending {
  const child = spawn(process.execPath, [SENDER, String(port), payloadFile, String(repeats)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const connected = new Promise<bigint>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('connected')) resolve(process.hrtime.bigint());
    });
    child.once('exit', (code) => reject(new Error(`the sender exited with ${code} before connecting`)));
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the sender exited with ${code}`))));
  });
  return { connected, done };
}
