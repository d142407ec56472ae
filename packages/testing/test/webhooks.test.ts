import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSimulator, signWebhook } from '@skyvern-edge/testing';
import { client, manualClock } from './helpers/client.js';

/** Checks a delivery the way a receiver would: WebCrypto HMAC-SHA256 over the raw body, keyed by the API key. */
async function verify(body: string, signature: string, apiKey: string): Promise<boolean> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(apiKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  const mac = Uint8Array.from(signature.match(/../g)!.map((h) => parseInt(h, 16)));
  return crypto.subtle.verify('HMAC', key, mac, enc.encode(body));
}

function receiver() {
  const received: { url: string; headers: Record<string, string>; body: string }[] = [];
  const webhookFetch = async (req: Request) => {
    received.push({ url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() });
    return new Response('thanks', { status: 200 });
  };
  return { received, webhookFetch };
}

describe('signWebhook', () => {
  test('lowercase hex HMAC-SHA256 of the body keyed by the API key', async () => {
    // RFC 4231 test case 2.
    const { signature, timestamp } = await signWebhook('what do ya want for nothing?', 'Jefe', 1_700_000_000);
    expect(signature).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(timestamp).toBe('1700000000');
    expect((await signWebhook('x', 'k')).timestamp).toMatch(/^\d{10}$/);
  });
});

describe('webhook deliveries', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a run with webhook_url POSTs itself, signed, when it turns terminal', async () => {
    const clock = manualClock();
    const { received, webhookFetch } = receiver();
    const sim = createSimulator({ now: clock.now, webhookFetch, apiKey: 'sk-hook' });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'x', webhook_url: 'https://hooks.example.com/skyvern' })).json
      .run_id;
    clock.advance(5000);
    await sim.deliverWebhooks();
    expect(received).toHaveLength(0);
    clock.advance(60_000);
    await sim.deliverWebhooks();
    expect(received).toHaveLength(1);
    const hit = received[0]!;
    expect(hit.url).toBe('https://hooks.example.com/skyvern');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['x-skyvern-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(hit.headers['x-skyvern-timestamp']).toBe(String(Math.floor(clock.now() / 1000)));
    expect(await verify(hit.body, hit.headers['x-skyvern-signature']!, 'sk-hook')).toBe(true);
    expect(await verify(hit.body + ' ', hit.headers['x-skyvern-signature']!, 'sk-hook')).toBe(false);
    // Compact JSON of the same run GET /v1/runs/{id} answers.
    const run = (await api.get(`/v1/runs/${id}`)).json;
    expect(hit.body).toBe(JSON.stringify(run));
    expect(hit.body).not.toMatch(/": /);
    expect(sim.webhookDeliveries[0]).toMatchObject({ runId: id, status: 200, responseBody: 'thanks', replay: false });
    // Delivered once only.
    clock.advance(60_000);
    await api.get(`/v1/runs/${id}`);
    await sim.deliverWebhooks();
    expect(received).toHaveLength(1);
    sim.close();
  });

  test('timers deliver with nobody polling (fake timers)', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const { received, webhookFetch } = receiver();
    const sim = createSimulator({ webhookFetch });
    await client(sim).post('/v1/run/tasks', { prompt: 'x [fail]', webhook_url: 'https://hooks.example.com/a' });
    await vi.advanceTimersByTimeAsync(11_000);
    expect(received).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await sim.deliverWebhooks();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body).status).toBe('failed');
    sim.close();
  });

  test('cancel and completeRun fire the webhook at once', async () => {
    const clock = manualClock();
    const { received, webhookFetch } = receiver();
    const sim = createSimulator({ now: clock.now, webhookFetch });
    const api = client(sim);
    const a = (await api.post('/v1/run/tasks', { prompt: 'a', webhook_url: 'https://hooks.example.com/a' })).json
      .run_id;
    const b = (await api.post('/v1/run/tasks', { prompt: 'b', webhook_url: 'https://hooks.example.com/b' })).json
      .run_id;
    await api.post(`/v1/runs/${a}/cancel`);
    sim.completeRun(b, 'terminated');
    await sim.deliverWebhooks();
    expect(received.map((r) => [r.url, JSON.parse(r.body).status])).toEqual([
      ['https://hooks.example.com/a', 'canceled'],
      ['https://hooks.example.com/b', 'terminated'],
    ]);
    sim.close();
  });

  test('the default webhookFetch is the global fetch, called unbound', async () => {
    const clock = manualClock();
    const calls: unknown[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = function (this: unknown, input: RequestInfo | URL) {
      calls.push(this);
      expect(input).toBeInstanceOf(Request);
      return Promise.resolve(new Response(null, { status: 204 }));
    } as typeof fetch;
    try {
      const sim = createSimulator({ now: clock.now });
      const id = (await client(sim).post('/v1/run/tasks', { prompt: 'x', webhook_url: 'https://hooks.example.com/x' }))
        .json.run_id;
      sim.completeRun(id);
      await sim.deliverWebhooks();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toBeUndefined();
      sim.close();
    } finally {
      globalThis.fetch = original;
    }
  });

  test('a failing receiver is recorded, not thrown', async () => {
    const clock = manualClock();
    const sim = createSimulator({
      now: clock.now,
      webhookFetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const id = (await client(sim).post('/v1/run/tasks', { prompt: 'x', webhook_url: 'https://hooks.example.com/x' }))
      .json.run_id;
    sim.completeRun(id);
    await sim.deliverWebhooks();
    expect(sim.webhookDeliveries[0]).toMatchObject({ runId: id, error: 'fetch failed' });
    expect(sim.webhookDeliveries[0]!.status).toBeUndefined();
    sim.close();
  });

  test('retry_webhook re-sends to the run URL or another one and reports the result', async () => {
    const clock = manualClock();
    const { received, webhookFetch } = receiver();
    const sim = createSimulator({ now: clock.now, webhookFetch });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'x', webhook_url: 'https://hooks.example.com/first' })).json
      .run_id;
    sim.completeRun(id);
    await sim.deliverWebhooks();
    const replay = await api.post(`/v1/runs/${id}/retry_webhook`, { webhook_url: 'https://hooks.example.com/second' });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({
      run_id: id,
      run_type: 'task_v2',
      default_webhook_url: 'https://hooks.example.com/first',
      target_webhook_url: 'https://hooks.example.com/second',
      status_code: 200,
      response_body: 'thanks',
      error: null,
    });
    expect(await verify(replay.json.payload, replay.json.headers['x-skyvern-signature'], sim.apiKey)).toBe(true);
    expect(received.map((r) => r.url)).toEqual(['https://hooks.example.com/first', 'https://hooks.example.com/second']);
    const noUrl = (await api.post('/v1/run/tasks', { prompt: 'y' })).json.run_id;
    expect((await api.post(`/v1/runs/${noUrl}/retry_webhook`)).json.error).toMatch(/No webhook URL/);
    sim.close();
  });

  test('close() clears webhook timers so the process can exit; reset() clears everything', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const { received, webhookFetch } = receiver();
    const sim = createSimulator({ webhookFetch });
    await client(sim).post('/v1/run/tasks', { prompt: 'x', webhook_url: 'https://hooks.example.com/a' });
    expect(vi.getTimerCount()).toBe(1);
    sim.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(received).toHaveLength(0);
    // Still delivered when asked: the run is terminal by the clock.
    await sim.deliverWebhooks();
    expect(received).toHaveLength(1);
    sim.reset();
    expect(sim.webhookDeliveries).toEqual([]);
  });
});
