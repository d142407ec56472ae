// The upstream timeout (504) and client aborts reaching the upstream call.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@skyvern-edge/core';
import { createSkyvernProxy, DEFAULT_UPSTREAM_TIMEOUT } from '@skyvern-edge/core/proxy';

const KEY = 'sk-timeout-test-key-0123456789';
const URL_ = 'https://app.test/v1/runs/tsk_1';

/** An upstream that answers with `respond` (or never), keeping the signal it was given. */
function upstream(respond?: (signal: AbortSignal) => Response) {
  const state: { signal?: AbortSignal } = {};
  const fetch = (_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal!;
      state.signal = signal;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      if (respond) resolve(respond(signal));
    });
  return { fetch, state };
}

const stalled = (first?: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(new TextEncoder().encode(first));
    },
  });

describe('upstreamTimeout', () => {
  it('defaults to 60 s and must be a positive integer', () => {
    expect(DEFAULT_UPSTREAM_TIMEOUT).toBe(60_000);
    for (const bad of [0, -1, 1.5, Number.NaN, '100']) {
      expect(() => createSkyvernProxy({ apiKey: KEY, upstreamTimeout: bad as number })).toThrow(ValidationError);
    }
  });

  it('answers 504 and aborts the upstream call when no answer comes in time', async () => {
    const api = upstream();
    const proxy = createSkyvernProxy({ apiKey: KEY, upstreamTimeout: 80, fetch: api.fetch });
    const t0 = performance.now();
    const answer = await proxy(new Request(URL_));
    expect(answer.status).toBe(504);
    expect(await answer.json()).toEqual({ detail: 'The Skyvern API did not answer within 80 ms' });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(api.state.signal!.aborted).toBe(true);
  });

  it('answers 504 when a JSON body stalls after the headers', async () => {
    const api = upstream(
      () => new Response(stalled('{"run_id":'), { headers: { 'content-type': 'application/json' } }),
    );
    const proxy = createSkyvernProxy({ apiKey: KEY, upstreamTimeout: 80, fetch: api.fetch });
    const answer = await proxy(new Request(URL_));
    expect(answer.status).toBe(504);
    expect(api.state.signal!.aborted).toBe(true);
  });

  it('lets a streamed answer run past it', async () => {
    const api = upstream(
      () =>
        new Response(
          new ReadableStream({
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 150));
              controller.enqueue(new TextEncoder().encode('late'));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'application/octet-stream' } },
        ),
    );
    const proxy = createSkyvernProxy({ apiKey: KEY, upstreamTimeout: 50, fetch: api.fetch });
    const answer = await proxy(new Request(URL_));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('late');
    expect(api.state.signal!.aborted).toBe(false);
  });
});

describe('a client abort', () => {
  /** A browser that leaves 20 ms after asking, before the answer. */
  async function leaveAfter20ms(proxy: (request: Request) => Promise<Response>) {
    const client = new AbortController();
    const pending = proxy(new Request(URL_, { signal: client.signal }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.abort();
    await pending;
  }

  it('aborts the upstream call while it waits for the answer', async () => {
    const api = upstream();
    await leaveAfter20ms(createSkyvernProxy({ apiKey: KEY, fetch: api.fetch }));
    expect(api.state.signal!.aborted).toBe(true);
  });

  it('is not reported to onError, before the answer or while a JSON answer is read', async () => {
    const reported: unknown[] = [];
    for (const respond of [
      undefined,
      () => new Response(stalled('{"run_id":'), { headers: { 'content-type': 'application/json' } }),
    ]) {
      const api = upstream(respond);
      await leaveAfter20ms(
        createSkyvernProxy({ apiKey: KEY, fetch: api.fetch, onError: (error) => reported.push(error) }),
      );
      expect(api.state.signal!.aborted).toBe(true);
    }
    expect(reported).toEqual([]);
  });
});
