import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSimulator, type Simulator } from '@skyvern-edge/testing';
import { serve, type RunningServer } from '@skyvern-edge/testing/server';

let sim: Simulator;
let server: RunningServer;
let h: Record<string, string>;

beforeEach(async () => {
  sim = createSimulator();
  server = await serve(sim);
  h = { 'x-api-key': sim.apiKey, 'content-type': 'application/json' };
});

afterEach(async () => {
  await server.close();
  sim.close();
});

describe('node server adapter (real HTTP on 127.0.0.1)', () => {
  test('listens on a free port of 127.0.0.1 and answers like the handler', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const created = await fetch(`${server.url}/v1/run/tasks`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ prompt: 'over http' }),
    });
    expect(created.status).toBe(200);
    const run = await created.json();
    const got = await fetch(`${server.url}/v1/runs/${run.run_id}`, { headers: h });
    expect((await got.json()).run_id).toBe(run.run_id);
    expect(sim.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/run/tasks',
      bodyText: '{"prompt":"over http"}',
    });
    expect(sim.requests[0]!.headers['x-api-key']).toBe(sim.apiKey);
    expect((await fetch(`${server.url}/v1/runs`)).status).toBe(403);
    const profile = await (
      await fetch(`${server.url}/v1/browser_profiles`, { method: 'POST', headers: h, body: '{"name":"p"}' })
    ).json();
    const deleted = await fetch(`${server.url}/v1/browser_profiles/${profile.browser_profile_id}`, {
      method: 'DELETE',
      headers: h,
    });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
  });

  test('streams request bodies: a multipart upload keeps its bytes', async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256);
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'data.bin');
    const res = await fetch(`${server.url}/v1/upload_file`, {
      method: 'POST',
      headers: { 'x-api-key': sim.apiKey },
      body: form,
    });
    expect(res.status).toBe(200);
    const { s3_uri } = await res.json();
    const stored = sim.uploads.get(s3_uri)!.bytes;
    expect(stored.byteLength).toBe(bytes.byteLength);
    expect(stored.every((b, i) => b === bytes[i])).toBe(true); // (toEqual on 300 kB is slow)
  });

  test('streams large response bodies (huge-error)', async () => {
    sim.inject({ type: 'huge-error', bytes: 5_000_000 });
    const res = await fetch(`${server.url}/v1/version`);
    expect(res.status).toBe(500);
    expect((await res.arrayBuffer()).byteLength).toBe(5_000_000);
  });

  test('network-error becomes a destroyed socket; nothing is processed', async () => {
    sim.inject({ type: 'network-error' });
    const error = await fetch(`${server.url}/v1/run/tasks`, {
      method: 'POST',
      headers: h,
      body: '{"prompt":"x"}',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(sim.runs.size).toBe(0);
    expect((await fetch(`${server.url}/v1/version`)).status).toBe(200);
  });

  test('reset-after-processing: the client sees a reset, the run exists', async () => {
    sim.inject({ type: 'reset-after-processing' });
    const error = await fetch(`${server.url}/v1/run/tasks`, {
      method: 'POST',
      headers: h,
      body: '{"prompt":"x"}',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(sim.runs.size).toBe(1);
  });

  test('stall-body: headers arrive, the body never ends; the client times out', async () => {
    sim.inject({ type: 'stall-body' });
    const signal = AbortSignal.timeout(300);
    const res = await fetch(`${server.url}/v1/run/tasks`, {
      method: 'POST',
      headers: h,
      body: '{"prompt":"x"}',
      signal,
    });
    expect(res.status).toBe(200);
    const error = await res.text().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(sim.runs.size).toBe(1);
  });

  test('a client that gives up during a delay aborts the handler', async () => {
    sim.inject({ type: 'delay', ms: 10_000 });
    const started = Date.now();
    const error = await fetch(`${server.url}/v1/run/tasks`, {
      method: 'POST',
      headers: h,
      body: '{"prompt":"x"}',
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.runs.size).toBe(0);
  });

  test('close() ends open connections, even a stalled one', async () => {
    sim.inject({ type: 'stall-body' });
    const res = await fetch(`${server.url}/v1/version`);
    const reading = res.text().catch((e: unknown) => e);
    await server.close();
    expect(await reading).toBeInstanceOf(Error);
    server = await serve((req) => sim.handle(req)); // serve() takes a bare handler too
    expect((await fetch(`${server.url}/v1/version`)).status).toBe(200);
  });
});
