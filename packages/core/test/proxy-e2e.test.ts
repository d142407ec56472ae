import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Skyvern } from '@skyvern-edge/core';
import { createSkyvernProxy, type SkyvernProxyHandler, type SkyvernProxyOptions } from '@skyvern-edge/core/proxy';
import { createSimulator } from '@skyvern-edge/testing';
import { scanAnswersFor } from './proxy-scan.js';

const KEY = 'sk-e2e-proxy-key-9f8e7d6c5b4a';
const BASE = 'http://app.test/api/skyvern';
const sim = createSimulator({ apiKey: KEY });
const upstream = (input: string, init: RequestInit) => sim.handle(new Request(input, init));

// The key never reaches a response, in a body or a header.
const scanned = scanAnswersFor(KEY);
function proxyWith(options: Partial<SkyvernProxyOptions> = {}): SkyvernProxyHandler {
  const proxy = createSkyvernProxy({
    apiKey: KEY,
    basePath: '/api/skyvern',
    baseUrl: 'https://api.skyvern.test',
    fetch: upstream,
    ...options,
  });
  return async (request) => scanned(await proxy(request));
}
afterAll(() => sim.close());

const browserHeaders = {
  'x-api-key': 'sk-browser-stolen',
  authorization: 'Bearer browser',
  cookie: 'session=alice',
  'proxy-authorization': 'Basic eA==',
};
const postJson = (path: string, body: unknown) =>
  new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { ...browserHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string) => new Request(`${BASE}${path}`, { headers: browserHeaders });

function lastUpstream() {
  const request = sim.requests.at(-1)!;
  expect(request.headers['x-api-key']).toBe(KEY);
  for (const name of ['authorization', 'cookie', 'proxy-authorization']) expect(request.headers[name]).toBeUndefined();
  return request;
}

describe('the proxy in front of the simulator', () => {
  it('passes every default-allowed operation through, with its own key only', async () => {
    const created: unknown[] = [];
    const proxy = proxyWith({ onRunCreated: (run) => void created.push(run) });

    const task = await proxy(postJson('/v1/run/tasks', { prompt: 'Find the price', url: 'https://example.com' }));
    expect(task.status).toBe(200);
    const run = (await task.json()) as { run_id: string };
    expect(lastUpstream()).toMatchObject({ method: 'POST', path: '/v1/run/tasks' });
    expect(created).toEqual([run]);

    const [workflow] = sim.seedWorkflows(1);
    const wf = await proxy(postJson('/v1/run/agents', { agent_id: workflow!.workflow_permanent_id, parameters: {} }));
    expect(wf.status).toBe(200);
    expect(lastUpstream().path).toBe('/v1/run/agents');
    const wfRun = (await wf.json()) as { run_id: string };
    expect(created).toHaveLength(2);

    for (const path of [
      `/v1/runs/${run.run_id}`,
      `/v1/runs/${wfRun.run_id}/timeline`,
      `/v1/runs/${run.run_id}/artifacts?artifact_type=screenshot_final`,
    ]) {
      const response = await proxy(get(path));
      expect(response.status, path).toBe(200);
      const seen = lastUpstream();
      expect(seen.path + seen.search).toBe(path);
    }

    const cancel = await proxy(
      new Request(`${BASE}/v1/runs/${run.run_id}/cancel`, { method: 'POST', headers: browserHeaders }),
    );
    expect(cancel.status).toBeLessThan(300);
    expect(lastUpstream().path).toBe(`/v1/runs/${run.run_id}/cancel`);

    const session = await proxy(postJson('/v1/browser_sessions', { timeout: 60 }));
    expect(session.status).toBe(200);
    const { browser_session_id } = (await session.json()) as { browser_session_id: string };
    expect((await proxy(get(`/v1/browser_sessions/${browser_session_id}`))).status).toBe(200);
    const close = await proxy(
      new Request(`${BASE}/v1/browser_sessions/${browser_session_id}/close`, {
        method: 'POST',
        headers: browserHeaders,
      }),
    );
    expect(close.status).toBeLessThan(300);
    lastUpstream();

    const form = new FormData();
    form.append('file', new Blob(['hello']), 'hello.txt');
    const upload = await proxy(
      new Request(`${BASE}/v1/upload_file`, { method: 'POST', headers: browserHeaders, body: form }),
    );
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ s3_uri: expect.any(String), presigned_url: expect.any(String) });
    lastUpstream();
    expect(created).toHaveLength(2);
  });

  it('denies what is not allowed without reaching the simulator, and forwards it once allowed', async () => {
    const before = sim.requests.length;
    const proxy = proxyWith();
    expect((await proxy(get('/v1/credentials'))).status).toBe(403);
    expect(
      (await proxy(postJson('/v1/credentials', { name: 'x', credential_type: 'password', credential: {} }))).status,
    ).toBe(403);
    expect((await proxy(get('/v1/custom-llms'))).status).toBe(403);
    expect(sim.requests.length).toBe(before);
    const allowed = proxyWith({ allow: ['getCredentials'] });
    const response = await allowed(get('/v1/credentials'));
    expect(response.status).toBe(200);
    expect(lastUpstream().path).toBe('/v1/credentials');
  });

  it("passes the simulator's errors through (a wrong key: 403; an unknown run: 404)", async () => {
    const wrong = createSkyvernProxy({ apiKey: 'sk-wrong', basePath: '/api/skyvern', fetch: upstream });
    const denied = await wrong(get('/v1/runs/tsk_nope'));
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toMatch(/json/);
    const missing = await proxyWith()(get('/v1/runs/tsk_does_not_exist'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toHaveProperty('detail');
  });

  it('streams a 3 MB binary upload to the simulator byte for byte', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'data.bin');
    const response = await proxyWith()(new Request(`${BASE}/v1/upload_file`, { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    const { s3_uri } = (await response.json()) as { s3_uri: string };
    const stored = [...sim.uploads.values()].find((u) => u.s3Uri === s3_uri)!;
    expect(stored.filename).toBe('data.bin');
    expect(stored.bytes.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
  });
});

/** The Node adapter from the README: node:http req/res <-> Request/Response. */
function nodeAdapter(handler: SkyvernProxyHandler) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await handler(
      new Request(new URL(req.url!, `http://${req.headers.host ?? 'localhost'}`), {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])) as [
          string,
          string,
        ][],
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: 'half',
        signal: abort.signal,
      } as RequestInit),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as never).pipe(res);
    else res.end();
  };
}

describe('end to end: the client, a Node http server running the proxy, the simulator', () => {
  let server: Server;
  let origin: string;
  const incomingKeys: (string | undefined)[] = [];
  beforeAll(async () => {
    const adapter = nodeAdapter(proxyWith({ cors: { origin: 'https://app.test' } }));
    server = createServer((req, res) => {
      incomingKeys.push(req.headers['x-api-key'] as string | undefined);
      void adapter(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it('runs runTask → getRun → cancelRun → uploadFile with a keyless client', async () => {
    vi.stubEnv('SKYVERN_API_KEY', '');
    incomingKeys.length = 0;
    try {
      const skyvern = new Skyvern({ baseUrl: `${origin}/api/skyvern`, maxRetries: 0 });
      const run = await skyvern.runTask({ prompt: 'Find the price', url: 'https://example.com' });
      expect(run.run_id).toMatch(/\w/);
      expect(lastUpstream().path).toBe('/v1/run/tasks');
      const again = await skyvern.getRun(run.run_id);
      expect(again.run_id).toBe(run.run_id);
      await skyvern.cancelRun(run.run_id);
      expect(lastUpstream().path).toBe(`/v1/runs/${run.run_id}/cancel`);
      const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
      const uploaded = await skyvern.uploadFile({ data: bytes, filename: 'e2e.bin' });
      const stored = [...sim.uploads.values()].find((u) => u.s3Uri === uploaded.s3_uri)!;
      expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
      lastUpstream();
      // The client sent no key to the proxy; the proxy added its own upstream.
      expect(incomingKeys).toEqual([undefined, undefined, undefined, undefined]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('surfaces the proxy rules to the client as API errors', async () => {
    const skyvern = new Skyvern({ baseUrl: `${origin}/api/skyvern`, maxRetries: 0 });
    await expect(skyvern.getCredentials()).rejects.toMatchObject({ status: 403 });
    const raw = await fetch(`${origin}/api/skyvern/v1/runs/x%2f..%2fcredentials`);
    expect(raw.status).toBe(400);
    const big = await fetch(`${origin}/api/skyvern/v1/run/tasks`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    const preflight = await fetch(`${origin}/api/skyvern/v1/run/tasks`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.test');
  });
});
