// The README's web-standard mounts that run inside this process: Next.js App Router route
// handlers (built lazily, so `next build` needs no key) and a Hono app.
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSkyvernProxy, createSkyvernRouteHandlers } from '@skyvern-edge/core/proxy';
import { json, stubFetch } from './helpers.js';
import { ABORT_WAIT_MS, fakeApi, listen, settlesWithin } from './proxy-sockets.js';

// The proxy calls its fetch with (url, init); the shared stub takes a Request.
const upstreamOf = (stub: ReturnType<typeof stubFetch>) => (url: string, init: RequestInit) =>
  stub.fetch(new Request(url, init));

const KEY = 'sk-mount-test-key-1234567';
const env: Record<string, string | undefined> = {};
afterEach(() => {
  delete env.SKYVERN_API_KEY;
  vi.restoreAllMocks();
});

describe('createSkyvernRouteHandlers (Next.js App Router)', () => {
  it('builds nothing at import: no key needed until the first request', async () => {
    const upstream = stubFetch(json({ run_id: 'tsk_1' }));
    const options = vi.fn(() => ({
      apiKey: env.SKYVERN_API_KEY!,
      basePath: '/api/skyvern',
      fetch: upstreamOf(upstream),
    }));
    // What a route file does at `next build`: evaluate the module, read its exports.
    const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = createSkyvernRouteHandlers(options);
    expect([GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS].every((f) => typeof f === 'function')).toBe(true);
    expect(options).not.toHaveBeenCalled();

    // Without the key at run time: a 500 that names no secret, and the next request tries again.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const missing = await GET(new Request('http://app.test/api/skyvern/v1/runs/tsk_1'));
    expect(missing.status).toBe(500);
    expect(await missing.json()).toEqual({ detail: 'The Skyvern proxy is not configured' });
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/apiKey/);

    env.SKYVERN_API_KEY = KEY;
    const answer = await GET(new Request('http://app.test/api/skyvern/v1/runs/tsk_1'));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ run_id: 'tsk_1' });
    expect(upstream.calls[0]!.headers.get('x-api-key')).toBe(KEY);
    // Built once, then reused by every method.
    await POST(new Request('http://app.test/api/skyvern/v1/runs/tsk_1/cancel', { method: 'POST' }));
    expect(options).toHaveBeenCalledTimes(2);
    expect(upstream.calls.map((c) => c.url.pathname)).toEqual(['/v1/runs/tsk_1', '/v1/runs/tsk_1/cancel']);
  });
});

// Next passes a visitor who leaves on as request.signal before the answer, and as a cancelled body
// mid-stream; asserted at a fake Skyvern API over loopback: its connection for the call closes.
describe('createSkyvernRouteHandlers: a client that leaves', () => {
  const api = fakeApi();
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${await listen(api.server)}`;
  });
  afterAll(() => {
    api.server.closeAllConnections();
    api.server.close();
  });
  const handlers = () => createSkyvernRouteHandlers(() => ({ apiKey: KEY, baseUrl, basePath: '/api/skyvern' }));

  it.each(['stall', 'stall-json'])(
    'aborts the upstream call when request.signal aborts before the answer (%s)',
    async (id) => {
      const { GET } = handlers();
      const call = api.expect(id);
      const client = new AbortController();
      const answer = GET(new Request(`http://app.test/api/skyvern/v1/runs/${id}`, { signal: client.signal }));
      await call.arrived;
      client.abort();
      expect(await settlesWithin(call.aborted, ABORT_WAIT_MS)).toBe(true);
      // Nobody reads it, but it comes: the handler does not hang on a call it gave up.
      expect((await answer).status).toBe(502);
    },
  );

  it.each(['stream', 'events'])('aborts the upstream call when the answer is cancelled mid-stream (%s)', async (id) => {
    const { GET } = handlers();
    const call = api.expect(id);
    const answer = await GET(new Request(`http://app.test/api/skyvern/v1/runs/${id}`));
    const reader = answer.body!.getReader();
    // The first chunk (text is held back a few characters, a key split across chunks is scrubbed).
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^(chunk|data)/);
    await reader.cancel();
    expect(await settlesWithin(call.aborted, ABORT_WAIT_MS)).toBe(true);
  });
});

describe('Hono', () => {
  it('mounts the handler on a wildcard route through c.req.raw', async () => {
    const upstream = stubFetch(json({ run_id: 'tsk_2' }));
    const skyvern = createSkyvernProxy({ apiKey: KEY, basePath: '/api/skyvern', fetch: upstreamOf(upstream) });
    const app = new Hono();
    app.get('/', (c) => c.text('home'));
    app.all('/api/skyvern/*', (c) => skyvern(c.req.raw));

    const answer = await app.fetch(
      new Request('http://app.test/api/skyvern/v1/runs/tsk_2', { headers: { cookie: 'a=1' } }),
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ run_id: 'tsk_2' });
    expect(upstream.calls[0]!.headers.get('cookie')).toBeNull();
    expect((await app.fetch(new Request('http://app.test/api/skyvern/v1/credentials'))).status).toBe(403);
    expect(await (await app.fetch(new Request('http://app.test/'))).text()).toBe('home');
  });
});
