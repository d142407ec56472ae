import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectionFaultOf, createSimulator } from '@skyvern-edge/testing';
import { client } from './helpers/client.js';

const task = (sim: ReturnType<typeof createSimulator>, init: RequestInit = {}) =>
  sim.fetch('/v1/run/tasks', {
    method: 'POST',
    headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
    body: '{"prompt":"x"}',
    ...init,
  });

describe('fault injection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('status faults: 503, 429 with Retry-After, an HTML 502 page; then normal answers', async () => {
    const sim = createSimulator();
    sim.inject({ status: 503 });
    sim.inject({ status: 429, headers: { 'retry-after': '2' } });
    sim.inject({ status: 429, headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' } });
    sim.inject({
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const a = await task(sim);
    expect(a.status).toBe(503);
    expect(await a.json()).toEqual({ detail: 'Service Unavailable' });
    const b = await task(sim);
    expect(b.status).toBe(429);
    expect(b.headers.get('retry-after')).toBe('2');
    expect((await task(sim)).headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    const d = await task(sim);
    expect(d.status).toBe(502);
    expect(d.headers.get('content-type')).toBe('text/html');
    expect(await d.text()).toContain('502 Bad Gateway');
    expect(sim.runs.size).toBe(0);
    expect((await task(sim)).status).toBe(200);
    expect(sim.runs.size).toBe(1);
    expect(sim.requests.map((r) => r.fault)).toEqual([
      'status-503',
      'status-429',
      'status-429',
      'status-502',
      undefined,
    ]);
  });

  test('match by method and path (exact, template, RegExp) and times', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const f = sim.inject({ status: 500 }, { match: { method: 'get', path: '/v1/runs/{run_id}' }, times: 2 });
    sim.inject({ status: 418 }, { match: { path: /^\/v1\/browser/ }, times: Infinity });
    const id = (await api.post('/v1/run/tasks', { prompt: 'x' })).json.run_id;
    expect((await api.get('/v1/runs')).status).toBe(200);
    expect((await api.get(`/v1/runs/${id}`)).status).toBe(500);
    expect(f.remaining).toBe(1);
    expect((await api.get(`/v1/runs/${id}`)).status).toBe(500);
    expect(f.hits).toBe(2);
    expect((await api.get(`/v1/runs/${id}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await api.get('/v1/browser_sessions')).status).toBe(418);
    sim.clearFaults();
    expect((await api.get('/v1/browser_sessions')).status).toBe(200);
    const g = sim.inject({ status: 500 }, { match: { path: '/v1/version' } });
    g.remove();
    expect((await api.get('/v1/version')).status).toBe(200);
  });

  test('network-error rejects like fetch and touches nothing', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'network-error' });
    const error = await task(sim).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as any).cause).toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(connectionFaultOf(error)).toBe('network-error');
    expect(sim.runs.size).toBe(0);
    expect(sim.requests[0]!.fault).toBe('network-error');
  });

  test('reset-after-processing: the run IS created, then the connection resets', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'reset-after-processing' });
    const error = await task(sim).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('terminated');
    expect((error as any).cause.code).toBe('ECONNRESET');
    expect(sim.runs.size).toBe(1);
  });

  test('reset-before-processing resets without creating anything', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'reset-before-processing' });
    const error = await task(sim).catch((e: unknown) => e);
    expect((error as any).cause.code).toBe('ECONNRESET');
    expect(sim.runs.size).toBe(0);
  });

  test('status-after-processing: processed, then 500', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'status-after-processing', status: 500 });
    const res = await task(sim);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('Internal Server Error');
    expect(sim.runs.size).toBe(1);
  });

  test('delay waits (fake timers) and honours request.signal', async () => {
    vi.useFakeTimers();
    const sim = createSimulator();
    sim.inject({ type: 'delay', ms: 5000 });
    let settled = false;
    const pending = task(sim).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);

    sim.inject({ type: 'delay', ms: 60_000 });
    const controller = new AbortController();
    const aborted = task(sim, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('client gave up'));
    const reason = await aborted;
    expect((reason as Error).message).toBe('client gave up');
    expect(sim.runs.size).toBe(1);
  });

  test('stall-body: headers come, the body never ends until the signal aborts', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'stall-body' });
    const controller = new AbortController();
    const res = await task(sim, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    let done = false;
    const reading = res.text().then(
      () => (done = true),
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    controller.abort(new DOMException('Timed out', 'TimeoutError'));
    const error = await reading;
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(sim.runs.size).toBe(1);
  });

  test('truncated-json: a body that does not parse', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'truncated-json' });
    const res = await task(sim);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"run_id":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  test('wrong-content-type: a 200 HTML page', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'wrong-content-type' });
    const res = await task(sim);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  test('huge-error: a 5 MB error body', async () => {
    const sim = createSimulator();
    sim.inject({ type: 'huge-error', bytes: 5_000_000, status: 500 });
    sim.inject({ type: 'huge-error', bytes: 1000, status: 502 });
    const res = await task(sim);
    expect(res.status).toBe(500);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.byteLength).toBe(5_000_000);
    const small = await task(sim);
    expect(small.status).toBe(502);
    expect(JSON.parse(await small.text()).detail).toHaveLength(1000 - '{"detail":""}'.length);
  });
});
