import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

const NDJSON = '{"message":"<38>1 2026-11-22T10:00:00Z fw1 sshd 42 - - Failed password for root from 203.0.113.5 port 4711 ssh2"}\n';
const GARBAGE = Buffer.from('this is not compressed at all, whatever the header says');

/** Bodies that no decompressor accepts: garbage, and a valid stream cut off halfway. */
const CORRUPT: [encoding: string, body: Buffer][] = [
  ['gzip', GARBAGE],
  ['gzip', gzipSync(NDJSON.repeat(50)).subarray(0, 40)],
  ['deflate', GARBAGE],
  ['br', GARBAGE],
];

/** A few KB that inflate to `megabytes` MB of spaces (valid JSON whitespace, valid NDJSON blank lines). */
function bomb(megabytes: number): Buffer {
  return gzipSync(Buffer.alloc(megabytes * 1024 * 1024, ' '), { level: 9 });
}

describe('security > compressed request bodies', function () {
  this.timeout(60_000);
  let lagebild: SpawnedLagebild;
  let token: string;

  before(async () => {
    lagebild = await startSpawnedLagebild();
    token = await lagebild.sourceToken();
  });

  after(async () => {
    await lagebild?.stop();
  });

  async function post(path: string, encoding: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; contentType: string; code: unknown }> {
    const response = await fetch(lagebild.baseUrl + path, { method: 'POST', headers: { 'content-encoding': encoding, ...headers }, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, contentType, code: contentType.includes('json') ? (JSON.parse(text) as { code?: unknown }).code : undefined };
  }

  const ingest = (encoding: string, body: Buffer) => post('/api/v1/ingest', encoding, body, { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' });
  const login = (encoding: string, body: Buffer) => post('/api/v1/auth/login', encoding, body, { 'content-type': 'application/json' });

  it('ingest: a corrupt gzip, deflate or br body is 400 corrupt_compressed_body, a bomb beyond 10 MB is 413', async () => {
    for (const [encoding, body] of CORRUPT) expect(await ingest(encoding, body), encoding).to.deep.equal({ status: 400, contentType: 'application/problem+json; charset=utf-8', code: 'corrupt_compressed_body' });
    expect(await ingest('gzip', bomb(64))).to.deep.include({ status: 413, code: 'payload_too_large' });
    expect(await ingest('gzip', gzipSync(NDJSON))).to.deep.include({ status: 202 });
  });

  it('JSON routes: a corrupt gzip, deflate or br body is 400 corrupt_compressed_body, a bomb beyond 1 MB is 413', async () => {
    for (const [encoding, body] of CORRUPT) expect(await login(encoding, body), encoding).to.deep.equal({ status: 400, contentType: 'application/problem+json; charset=utf-8', code: 'corrupt_compressed_body' });
    expect(await login('gzip', bomb(8))).to.deep.include({ status: 413, code: 'payload_too_large' });
    expect(await login('deflate', deflateSync('{"username":"nobody","password":"wrong-password"}'))).to.deep.include({ status: 401 });
    expect(await login('br', brotliCompressSync('{"username":"nobody","password":"wrong-password"}'))).to.deep.include({ status: 401 });
  });

  it('logs none of it at error level', async () => {
    for (const [encoding, body] of CORRUPT) await ingest(encoding, body);
    for (const [encoding, body] of CORRUPT) await login(encoding, body);
    const errors = lagebild
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && (JSON.parse(line) as { level?: number }).level! >= 50);
    expect(errors).to.deep.equal([]);
  });
});
