import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ForbiddenError,
  NotFoundError,
  RunTimeoutError,
  UserAbortError,
  ValidationError,
  defaultPollSchedule,
  isTerminalStatus,
} from '../src/index.js';
import { json, makeClient, run, stubFetch, type Recorded } from './helpers.js';

/** A server whose run follows a timeline of [ms since start, status, step_count]. */
function timelineServer(
  timeline: [number, string, number?][],
  extra: (req: Recorded, n: number) => Response | Error | undefined = () => undefined,
) {
  const start = Date.now();
  return stubFetch((req, n) => {
    const special = extra(req, n);
    if (special) return special;
    if (req.method === 'POST' && req.url.pathname.endsWith('/cancel')) return json({});
    if (req.method === 'POST') return json(run('created'));
    const elapsed = Date.now() - start;
    const [, status, steps] = [...timeline].reverse().find(([at]) => elapsed >= at) ?? timeline[0]!;
    return json(run(status, steps === undefined ? {} : { step_count: steps }));
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('waitForRun', () => {
  it('resolves with the terminal run, polling on the default schedule', async () => {
    const server = timelineServer([
      [0, 'queued'],
      [2_000, 'running', 1],
      [10_000, 'completed', 4],
    ]);
    const client = makeClient(server.fetch);
    const done = client.waitForRun('tsk_1');
    await vi.advanceTimersByTimeAsync(15_000);
    await expect(done).resolves.toMatchObject({ status: 'completed', step_count: 4 });
    // 0, 1 s, 3 s, 5.75 s, 8.5 s, 11.25 s → terminal seen at 11.25 s.
    expect(server.calls.length).toBe(6);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed run is a result, not an exception', async () => {
    const server = timelineServer([
      [0, 'running'],
      [1_500, 'failed'],
    ]);
    const done = makeClient(server.fetch).waitForRun('tsk_1');
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(done).resolves.toMatchObject({ status: 'failed' });
  });

  it('paused and unknown statuses keep waiting', async () => {
    const server = timelineServer([
      [0, 'running'],
      [1_000, 'paused'],
      [4_000, 'reticulating'],
      [7_000, 'running'],
      [9_000, 'completed'],
    ]);
    const seen: string[] = [];
    const done = makeClient(server.fetch).waitForRun('tsk_1', { onUpdate: (r) => seen.push(r.status) });
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    expect(seen).toEqual(['running', 'paused', 'reticulating', 'running', 'completed']);
  });

  it('onUpdate fires once per observed change of status or step_count', async () => {
    const server = timelineServer([
      [0, 'running', 1],
      [2_500, 'running', 2],
      [6_000, 'running', 3],
      [9_000, 'completed', 3],
    ]);
    const seen: string[] = [];
    const done = makeClient(server.fetch).waitForRun('tsk_1', {
      onUpdate: (r) => seen.push(`${r.status}:${r.step_count}`),
    });
    await vi.advanceTimersByTimeAsync(20_000);
    await done;
    expect(server.calls.length).toBeGreaterThan(seen.length);
    expect(seen).toEqual(['running:1', 'running:2', 'running:3', 'completed:3']);
  });

  it('timeout rejects with RunTimeoutError carrying runId and the last run; the run is not canceled', async () => {
    const server = timelineServer([[0, 'running', 2]]);
    const done = makeClient(server.fetch).waitForRun('tsk_1', { timeout: 5_000 });
    const caught = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_001);
    const error = (await caught) as RunTimeoutError;
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(error.runId).toBe('tsk_1');
    expect(error.lastRun).toMatchObject({ status: 'running', step_count: 2 });
    expect(error.message).toMatch(/within 5000 ms \(last status: running\)/);
    expect(server.calls.some((c) => c.url.pathname.endsWith('/cancel'))).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancelOnTimeout cancels the run on the server', async () => {
    const server = timelineServer([[0, 'running']]);
    const done = makeClient(server.fetch)
      .waitForRun('tsk_1', { timeout: 3_000, cancelOnTimeout: true })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3_100);
    expect(await done).toBeInstanceOf(RunTimeoutError);
    expect(server.calls.filter((c) => c.url.pathname === '/v1/runs/tsk_1/cancel')).toHaveLength(1);
  });

  it('abort during the sleep rejects in the same tick and leaves no timer', async () => {
    const server = timelineServer([[0, 'running']]);
    const controller = new AbortController();
    const done = makeClient(server.fetch).waitForRun('tsk_1', { signal: controller.signal });
    let settled: unknown;
    done.catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(1_500);
    const before = server.calls.length;
    controller.abort('navigated away');
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBeInstanceOf(UserAbortError);
    expect((settled as UserAbortError).cause).toBe('navigated away');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls.length).toBe(before);
  });

  it('abort during a request cancels that request', async () => {
    let inflight: AbortSignal | undefined;
    const hanging = (req: Recorded) =>
      new Promise<Response>((_, reject) => {
        inflight = req.signal;
        req.signal.addEventListener('abort', () => reject(req.signal.reason));
      });
    const { fetch } = stubFetch(hanging as never);
    const controller = new AbortController();
    const done = makeClient(fetch)
      .waitForRun('tsk_1', { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(inflight?.aborted).toBe(false);
    controller.abort();
    expect(await done).toBeInstanceOf(UserAbortError);
    expect(inflight?.aborted).toBe(true);
    // The request's own timeout timer goes as soon as the aborted fetch unwinds.
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancelOnAbort also cancels the run on the server', async () => {
    const server = timelineServer([[0, 'running']]);
    const controller = new AbortController();
    const done = makeClient(server.fetch)
      .waitForRun('tsk_1', { signal: controller.signal, cancelOnAbort: true })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_200);
    controller.abort();
    expect(await done).toBeInstanceOf(UserAbortError);
    await vi.advanceTimersByTimeAsync(10);
    expect(server.calls.filter((c) => c.url.pathname === '/v1/runs/tsk_1/cancel')).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = timelineServer([[0, 'running']]);
    await expect(makeClient(server.fetch).waitForRun('tsk_1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      UserAbortError,
    );
    expect(server.calls).toHaveLength(0);
  });

  it('a 503 storm mid-wait backs off and recovers', async () => {
    const server = timelineServer(
      [
        [0, 'running'],
        [20_000, 'completed'],
      ],
      (_req, n) => (n >= 3 && n <= 7 ? json({ detail: 'busy' }, 503) : undefined),
    );
    const done = makeClient(server.fetch).waitForRun('tsk_1');
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    const statuses = server.calls.length;
    expect(statuses).toBeGreaterThanOrEqual(8);
  });

  it('network errors and 429 while polling do not end the wait; Retry-After wins', async () => {
    const times: number[] = [];
    const start = Date.now();
    const server = timelineServer(
      [
        [0, 'running'],
        [15_000, 'completed'],
      ],
      (_req, n) => {
        times.push(Date.now() - start);
        if (n === 2) return new TypeError('fetch failed');
        if (n === 3) return json({ detail: 'slow down' }, 429, { 'retry-after': '7' });
        return undefined;
      },
    );
    const done = makeClient(server.fetch).waitForRun('tsk_1');
    await vi.advanceTimersByTimeAsync(40_000);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    // The poll after the 429 came 7 s later, as the server asked.
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(7_000);
  });

  it('401, 403 and 404 end the wait with the typed error', async () => {
    for (const [status, ErrorClass] of [
      [403, ForbiddenError],
      [404, NotFoundError],
    ] as const) {
      const { fetch, calls } = stubFetch(json({ detail: 'no' }, status));
      const done = makeClient(fetch)
        .waitForRun('tsk_1')
        .catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(100);
      expect(await done).toBeInstanceOf(ErrorClass);
      expect(calls).toHaveLength(1);
    }
  });

  it('checks its options before any request, catching seconds given as milliseconds', async () => {
    const { fetch, calls } = stubFetch(json(run('running')));
    const client = makeClient(fetch);
    await expect(client.waitForRun('tsk_1', { pollInterval: 5 })).rejects.toThrow(
      /pollInterval must be a number of milliseconds >= 100/,
    );
    await expect(client.waitForRun('tsk_1', { timeout: 300 })).rejects.toThrow(ValidationError);
    await expect(client.waitForRun('', {})).rejects.toThrow(/run_id/);
    await expect(client.runTask({ prompt: 'x' }, { waitForCompletion: true, timeout: 30 })).rejects.toThrow(/timeout/);
    expect(calls).toHaveLength(0);
  });

  it('a fixed pollInterval or a function replaces the schedule', async () => {
    const server = timelineServer([
      [0, 'running'],
      [10_000, 'completed'],
    ]);
    const done = makeClient(server.fetch).waitForRun('tsk_1', { pollInterval: 500 });
    await vi.advanceTimersByTimeAsync(10_600);
    await done;
    expect(server.calls.length).toBe(21);
  });
});

describe('watchRun', () => {
  it('yields each change and ends after the terminal run', async () => {
    const server = timelineServer([
      [0, 'queued'],
      [1_000, 'running', 1],
      [3_000, 'running', 2],
      [6_000, 'completed', 2],
    ]);
    const seen: string[] = [];
    const iterate = (async () => {
      for await (const r of makeClient(server.fetch).watchRun('tsk_1')) seen.push(`${r.status}:${r.step_count ?? ''}`);
    })();
    await vi.advanceTimersByTimeAsync(15_000);
    await iterate;
    expect(seen).toEqual(['queued:', 'running:1', 'running:2', 'completed:2']);
  });

  it('break stops polling and leaves no timer', async () => {
    const server = timelineServer([
      [0, 'running', 1],
      [1_000, 'running', 2],
      [30_000, 'completed'],
    ]);
    const iterate = (async () => {
      for await (const r of makeClient(server.fetch).watchRun('tsk_1')) if (r.step_count === 2) break;
    })();
    await vi.advanceTimersByTimeAsync(2_000);
    await iterate;
    const count = server.calls.length;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls.length).toBe(count);
  });
});

describe('runTask / runWorkflow / login with waitForCompletion', () => {
  it('resolves with the terminal run, spending no poll on the run just created', async () => {
    const server = timelineServer([
      [0, 'queued'],
      [4_000, 'completed'],
    ]);
    const updates: string[] = [];
    const client = makeClient(server.fetch);
    const done = client.runTask(
      { prompt: 'find the price', url: 'example.com' },
      { waitForCompletion: true, onUpdate: (r) => updates.push(r.status) },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toMatchObject({ status: 'completed', run_id: 'tsk_1' });
    expect(server.calls[0]!.method).toBe('POST');
    expect(server.calls[1]!.method).toBe('GET');
    expect(updates).toEqual(['created', 'queued', 'completed']);
    for (const start of [
      () => client.runWorkflow({ agent_id: 'wpid_1' }, { waitForCompletion: true }),
      () => client.login({ credential_type: 'skyvern', url: 'example.com' } as never, { waitForCompletion: true }),
    ]) {
      const result = start();
      await vi.advanceTimersByTimeAsync(10_000);
      await expect(result).resolves.toMatchObject({ status: 'completed' });
    }
  });

  it('without waitForCompletion resolves with the created run', async () => {
    const server = timelineServer([[0, 'queued']]);
    await expect(makeClient(server.fetch).runTask({ prompt: 'x' })).resolves.toMatchObject({ status: 'created' });
    expect(server.calls).toHaveLength(1);
  });
});

describe('schedule', () => {
  it('is quick first, then steady; terminal statuses are the five', () => {
    expect([1, 2, 3, 10].map(defaultPollSchedule)).toEqual([1_000, 2_000, 2_750, 2_750]);
    expect(['completed', 'failed', 'terminated', 'timed_out', 'canceled'].every(isTerminalStatus)).toBe(true);
    expect(['created', 'queued', 'running', 'paused', 'new'].some(isTerminalStatus)).toBe(false);
  });
});
