import { describe, expect, it, vi } from 'vitest';
import { operationList } from '../src/generated/operations.js';
import {
  ConnectionError,
  InternalServerError,
  RateLimitError,
  RequestTimeoutError,
  type Skyvern,
} from '../src/index.js';
import { specCalls, sample } from '../../../tests/contract/spec-samples.js';
import { json, makeClient, refused, reset, run, stubFetch } from './helpers.js';

const calls = specCalls();
const CREATES = new Set(operationList.filter((d) => d.idempotent === false).map((d) => d.name));

function invoke(client: Skyvern, call: (typeof calls)[number]) {
  const method = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call.name]!;
  const args: unknown[] = [...call.pathArgs];
  if (call.name === 'uploadFile') args.push(new Uint8Array([1]));
  else if (call.params !== undefined) args.push(call.params);
  return method.apply(client, args);
}

const ok = (call: (typeof calls)[number]) =>
  call.successStatus === 204
    ? new Response(null, { status: 204 })
    : json(sample(call.successSchema) ?? {}, call.successStatus);

describe('retry policy, per operation, against a faulty server', () => {
  it('classifies the run-creating and create calls as never-duplicated', () => {
    for (const name of [
      'runTask',
      'runWorkflow',
      'login',
      'downloadFiles',
      'uploadFile',
      'createCredential',
      'createBrowserSession',
      'createBrowserProfile',
      'retryRunWebhook',
      'retryWorkflowRun',
      'runScript',
      'runSdkAction',
      'createSchedule',
    ]) {
      expect(CREATES.has(name), name).toBe(true);
    }
    for (const name of [
      'getRun',
      'cancelRun',
      'closeBrowserSession',
      'deleteWorkflow',
      'updateFolder',
      'deleteCredential',
    ]) {
      expect(CREATES.has(name), name).toBe(false);
    }
  });

  for (const call of calls) {
    const creates = CREATES.has(call.name);
    it(`${call.name}: 503 → ${creates ? '1 request (no retry)' : '3 requests'}, then success`, async () => {
      const { fetch, calls: seen } = stubFetch(
        json({ detail: 'busy' }, 503, { 'retry-after': '0' }),
        json({ detail: 'busy' }, 503, { 'retry-after': '0' }),
        ok(call),
      );
      const attempt = invoke(makeClient(fetch), call);
      if (creates) {
        await expect(attempt).rejects.toBeInstanceOf(InternalServerError);
        expect(seen).toHaveLength(1);
      } else {
        await attempt;
        expect(seen).toHaveLength(3);
      }
    });

    it(`${call.name}: 429 with Retry-After is retried, create or not`, async () => {
      const { fetch, calls: seen } = stubFetch(json({ detail: 'slow down' }, 429, { 'retry-after': '0' }), ok(call));
      await invoke(makeClient(fetch), call);
      expect(seen).toHaveLength(2);
    });
  }
});

describe('retry rows', () => {
  const get = calls.find((c) => c.name === 'getRun')!;
  const create = calls.find((c) => c.name === 'runTask')!;

  for (const status of [408, 500, 502, 504]) {
    it(`${status}: retried for getRun, not for runTask`, async () => {
      const a = stubFetch(json({}, status, { 'retry-after': '0' }), json(run('running')));
      await invoke(makeClient(a.fetch), get);
      expect(a.calls).toHaveLength(2);
      const b = stubFetch(json({}, status, { 'retry-after': '0' }), json(run('created')));
      await expect(invoke(makeClient(b.fetch), create)).rejects.toMatchObject({ status });
      expect(b.calls).toHaveLength(1);
    });
  }

  it('connection refused before sending: retried for both', async () => {
    for (const call of [get, create]) {
      const { fetch, calls: seen } = stubFetch(refused(), json(run('created')));
      await invoke(makeClient(fetch), call);
      expect(seen, call.name).toHaveLength(2);
    }
  });

  it('connection reset after sending: retried for getRun, never for runTask', async () => {
    const a = stubFetch(reset(), json(run('running')));
    await invoke(makeClient(a.fetch), get);
    expect(a.calls).toHaveLength(2);
    const b = stubFetch(reset(), json(run('created')));
    await expect(invoke(makeClient(b.fetch), create)).rejects.toBeInstanceOf(ConnectionError);
    expect(b.calls).toHaveLength(1);
  });

  it('timeout: retried for getRun, never for runTask', async () => {
    const hang = (req: { signal: AbortSignal }) =>
      new Promise<Response>((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason)));
    const a = stubFetch(hang as never, json(run('running')));
    await invoke(makeClient(a.fetch, { timeout: 50 }), get);
    expect(a.calls).toHaveLength(2);
    const b = stubFetch(hang as never);
    await expect(invoke(makeClient(b.fetch, { timeout: 50 }), create)).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(b.calls).toHaveLength(1);
  });

  it('a body cut short: getRun retries from the same budget, runTask does not', async () => {
    const cut = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"run_id":"tsk'));
            controller.error(new TypeError('terminated'));
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const a = stubFetch(cut, json(run('running')));
    expect((await invoke(makeClient(a.fetch), get)) as { status: string }).toMatchObject({ status: 'running' });
    expect(a.calls).toHaveLength(2);
    const b = stubFetch(cut);
    await expect(invoke(makeClient(b.fetch), get)).rejects.toBeInstanceOf(ConnectionError);
    expect(b.calls).toHaveLength(3);
    const c = stubFetch(cut, json(run('created')));
    await expect(invoke(makeClient(c.fetch), create)).rejects.toBeInstanceOf(ConnectionError);
    expect(c.calls).toHaveLength(1);
  });

  it('retries spend one budget: header failures and body failures together stop at maxRetries', async () => {
    const cut = () =>
      new Response(new ReadableStream({ start: (c) => c.error(new TypeError('terminated')) }), {
        headers: { 'content-type': 'application/json' },
      });
    const { fetch, calls: seen } = stubFetch(json({}, 503, { 'retry-after': '0' }), cut, json(run('running')));
    await expect(makeClient(fetch, { maxRetries: 1 }).getRun('tsk_1')).rejects.toBeInstanceOf(ConnectionError);
    expect(seen).toHaveLength(2);
  });

  it('createWorkflow sends one Idempotency-Key per call, the same on every attempt, so it may retry', async () => {
    const { fetch, calls: seen } = stubFetch(
      json({}, 503, { 'retry-after': '0' }),
      json({}, 502, { 'retry-after': '0' }),
      json({ workflow_permanent_id: 'wpid_1' }),
    );
    const client = makeClient(fetch);
    await client.createWorkflow({ json_definition: { title: 'x' } } as never);
    const keys = seen.map((c) => c.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    const again = stubFetch(json({ workflow_permanent_id: 'wpid_2' }));
    await makeClient(again.fetch).createWorkflow({ json_definition: { title: 'x' } } as never, {
      headers: { 'Idempotency-Key': 'mine' },
    });
    expect(again.calls[0]!.headers.get('idempotency-key')).toBe('mine');
    await makeClient(again.fetch).createWorkflow({ json_definition: { title: 'x' } } as never);
    expect(again.calls[1]!.headers.get('idempotency-key')).not.toBe(keys[0]);
  });

  it('gives up after maxRetries with the typed error', async () => {
    const { fetch, calls: seen } = stubFetch(json({ detail: 'slow' }, 429, { 'retry-after': '0' }));
    await expect(makeClient(fetch, { maxRetries: 3 }).getRun('tsk_1')).rejects.toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(4);
    const once = stubFetch(json({}, 503, { 'retry-after': '0' }));
    await expect(makeClient(once.fetch).getRun('tsk_1', { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(once.calls).toHaveLength(1);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    vi.useFakeTimers();
    try {
      for (const make of [() => '1', () => new Date(Date.now() + 2_000).toUTCString()]) {
        const value = make();
        const { fetch, calls: seen } = stubFetch(json({}, 429, { 'retry-after': value }), json(run('running')));
        const pending = makeClient(fetch).getRun('tsk_1');
        await vi.advanceTimersByTimeAsync(900);
        expect(seen, value).toHaveLength(1);
        await vi.advanceTimersByTimeAsync(1_200);
        expect(seen, value).toHaveLength(2);
        await expect(pending).resolves.toMatchObject({ status: 'running' });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off exponentially without Retry-After: 500 ms then 1 s, each up to 25 % shorter', async () => {
    vi.useFakeTimers();
    try {
      const { fetch, calls: seen } = stubFetch(json({}, 503), json({}, 503), json(run('running')));
      const pending = makeClient(fetch).getRun('tsk_1');
      await vi.advanceTimersByTimeAsync(370);
      expect(seen).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(140);
      expect(seen).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(610);
      expect(seen).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(400);
      expect(seen).toHaveLength(3);
      await expect(pending).resolves.toMatchObject({ status: 'running' });
    } finally {
      vi.useRealTimers();
    }
  });
});
