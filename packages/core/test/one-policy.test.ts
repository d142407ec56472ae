import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryAfterMs, UserAbortError } from '../src/index.js';
import { json, makeClient, run, stubFetch } from './helpers.js';

// One implementation of each policy: the same Retry-After parser for request retries and run
// polling, one AbortSignal check that works across realms.
afterEach(() => vi.useRealTimers());

describe('one Retry-After parser', () => {
  it("a request retry honours Retry-After: '1.5' as 1.5 s", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(json({}, 503, { 'retry-after': '1.5' }), json(run('running')));
    const pending = makeClient(fetch).getRun('tsk_1');
    await vi.advanceTimersByTimeAsync(1_400);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(2);
    await expect(pending).resolves.toMatchObject({ status: 'running' });
  });

  it('a request retry honours RateLimit-Reset when there is no Retry-After', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(json({}, 429, { 'ratelimit-reset': '2' }), json(run('running')));
    const pending = makeClient(fetch).getRun('tsk_1');
    await vi.advanceTimersByTimeAsync(1_900);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toMatchObject({ status: 'running' });
  });

  it('run polling honours RateLimit-Reset too: the next poll waits for the reset', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(
      json(run('running')),
      json({ detail: 'slow down' }, 429, { 'ratelimit-reset': '5' }),
      json(run('completed')),
    );
    const done = makeClient(fetch).waitForRun('tsk_1', { pollInterval: 100 });
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4_700);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(calls).toHaveLength(3);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
  });

  it("run polling reads Retry-After: '1.5' the same way", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(json({}, 503, { 'retry-after': '1.5' }), json(run('completed')));
    const done = makeClient(fetch).waitForRun('tsk_1', { pollInterval: 100 });
    await vi.advanceTimersByTimeAsync(1_400);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(2);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
  });
});

describe('one AbortSignal check', () => {
  it("waitForRun takes a signal that is not this realm's AbortSignal (a polyfill, another realm) and honours it", async () => {
    class ForeignSignal extends EventTarget {
      aborted = false;
      reason: unknown;
      abort(reason: unknown) {
        this.aborted = true;
        this.reason = reason;
        this.dispatchEvent(new Event('abort'));
      }
    }
    const signal = new ForeignSignal();
    expect(signal instanceof AbortSignal).toBe(false);
    const { fetch } = stubFetch(json(run('running')));
    const waiting = makeClient(fetch).waitForRun('tsk_1', {
      signal: signal as unknown as AbortSignal,
      pollInterval: 100,
    });
    const aborted = expect(waiting).rejects.toBeInstanceOf(UserAbortError);
    setTimeout(() => signal.abort('stop'), 50);
    await aborted;
  });

  it('both refuse what is not a signal, naming the option', async () => {
    const client = makeClient(stubFetch(json(run('completed'))).fetch);
    await expect(client.getRun('tsk_1', { signal: {} as never })).rejects.toMatchObject({ field: 'options.signal' });
    await expect(client.waitForRun('tsk_1', { signal: {} as never })).rejects.toMatchObject({ field: 'signal' });
  });
});

describe('the exported Retry-After parser', () => {
  it('is the one the SDK retries with: seconds with fractions, RateLimit-Reset, capped', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '1.5' }), 60_000)).toBe(1_500);
    expect(retryAfterMs({ 'ratelimit-reset': '3' }, 60_000)).toBe(3_000);
    expect(retryAfterMs({ 'retry-after': '600' }, 60_000)).toBe(60_000);
    expect(retryAfterMs({}, 60_000)).toBeUndefined();
  });
});
