import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApi, type TestApi } from './test-api.js';

describe('api > app', () => {
  let api: TestApi;
  afterEach(() => api.close());

  it('answers unknown routes with a 404 problem carrying the request id', async () => {
    api = await startTestApi();
    const response = await api.client.request('GET', '/api/v1/nothing-here', { headers: { 'x-request-id': 'req-123' } });
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.headers.get('x-request-id')).to.equal('req-123');
    expect(response.body).to.include({ status: 404, code: 'not_found', requestId: 'req-123', instance: '/api/v1/nothing-here', type: 'urn:lagebild:problem:not_found' });
  });

  it('generates a request id when none or a malformed one is sent', async () => {
    api = await startTestApi();
    const response = await api.client.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('answers a malformed JSON body with 400 malformed_json', async () => {
    api = await startTestApi();
    const response = await api.client.request('POST', '/api/v1/auth/login', { rawBody: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).to.equal(400);
    expect(response.body).to.include({ code: 'malformed_json' });
  });

  it('refuses JSON bodies over 1 MB with 413', async () => {
    api = await startTestApi();
    const response = await api.client.request('POST', '/api/v1/auth/login', { body: { username: 'x', password: 'y'.repeat(1_100_000) } });
    expect(response.status).to.equal(413);
    expect(response.body).to.include({ code: 'payload_too_large' });
  });

  it('sets a strict content security policy and no CORS headers', async () => {
    api = await startTestApi();
    const response = await api.client.request('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("default-src 'self'");
    expect(csp).to.include("script-src 'self'");
    expect(csp).not.to.include('unsafe-inline');
    expect(response.headers.get('access-control-allow-origin')).to.equal(null);
    expect(response.headers.get('x-powered-by')).to.equal(null);
  });

  it('reports liveness, readiness and metrics', async () => {
    let storeReady = true;
    api = await startTestApi({ readiness: async () => ({ store: storeReady }) });
    expect((await api.client.request('GET', '/healthz')).status).to.equal(200);
    expect((await api.client.request('GET', '/readyz')).status).to.equal(200);
    storeReady = false;
    const notReady = await api.client.request('GET', '/readyz');
    expect(notReady.status).to.equal(503);
    expect(notReady.body).to.deep.include({ checks: { store: false } });
    const metrics = await api.client.request('GET', '/metrics');
    expect(metrics.text).to.include('lagebild_http_requests_total{method="GET",route="/readyz",status="503"} 1');
  });

  it('serves the UI with a fallback to index.html, but never for API paths', async () => {
    const uiDir = mkdtempSync(path.join(tmpdir(), 'lagebild-ui-'));
    writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Lagebild</title>');
    writeFileSync(path.join(uiDir, 'app.js'), 'console.log(1)');
    api = await startTestApi({ uiDir });
    expect((await api.client.request('GET', '/')).text).to.include('<title>Lagebild</title>');
    expect((await api.client.request('GET', '/app.js')).text).to.equal('console.log(1)');
    expect((await api.client.request('GET', '/incidents/abc')).text).to.include('<title>Lagebild</title>');
    const api404 = await api.client.request('GET', '/api/v1/unknown');
    expect(api404.status).to.equal(404);
    expect(api404.body).to.include({ code: 'not_found' });
  });
});
