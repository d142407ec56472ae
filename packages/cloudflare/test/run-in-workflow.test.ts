// runInWorkflow and startRunOnce against the simulator in Node, with a scripted `step` whose clock
// is the simulator's: option checks, the lookup a retried create makes, and runtimes that do not
// tell the attempt. The real runtime is tested in test-workerd/.
import { Skyvern, ValidationError } from '@skyvern-edge/core';
import { findRunByKey, keyedTitle, runEventType, runInWorkflow, runKey, startRunOnce } from '@skyvern-edge/cloudflare';
import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it } from 'vitest';

function world() {
  let now = 1_700_000_000_000;
  const sim = createSimulator({ now: () => now, runTimeline: { durationMs: 5_000 } });
  const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch, maxRetries: 0 });
  const names: string[] = [];
  const step = {
    // No context argument: the runtime does not say which attempt this is.
    async do<T>(name: string, ...args: unknown[]): Promise<T> {
      names.push(name);
      const callback = args.at(-1) as () => Promise<T>;
      return callback();
    },
    async sleep(name: string, ms: number) {
      names.push(name);
      now += ms;
    },
    async waitForEvent(): Promise<never> {
      throw new Error('not used');
    },
  };
  return { sim, client, step, names };
}

describe('runInWorkflow (scripted step)', () => {
  it('refuses bad options with a ValidationError naming the field, before any request', async () => {
    const { sim, client, step } = world();
    const base = { instanceId: 'i-1', name: 'task', request: { task: { prompt: 'p' } } };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, instanceId: '' }, 'instanceId'],
      [{ ...base, name: 3 }, 'name'],
      [{ ...base, request: { prompt: 'p' } }, 'request'],
      [{ ...base, webhookUrl: '/webhook' }, 'webhookUrl'],
      [{ ...base, timeout: 10 }, 'timeout'],
      [{ ...base, pollInterval: 0 }, 'pollInterval'],
      [{ ...base, webhookFallbackInterval: Number.NaN }, 'webhookFallbackInterval'],
    ];
    for (const [options, field] of cases) {
      const error = await runInWorkflow(step, client, options as never).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    }
    expect(sim.requests).toHaveLength(0);
  });

  it('polls on durable sleeps to the terminal run; the steps are named the same on every pass', async () => {
    const { sim, client, step, names } = world();
    const options = { instanceId: 'i-1', name: 'task', request: { task: { prompt: 'p', title: 'Mine' } } };
    const run = await runInWorkflow(step, client, options);
    expect(run.status).toBe('completed');
    expect(sim.runs.size).toBe(1);
    expect(names[0]).toBe('task: create');
    expect(names.slice(1, 5)).toEqual(['task: sleep 1', 'task: poll 1', 'task: sleep 2', 'task: poll 2']);
    // Without the attempt number the create looked for an earlier one first.
    expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/v1/runs' });
    expect([...sim.runs.values()][0]!.title).toBe(`Mine [${await runKey('i-1', 'task')}]`);
    // A second pass (a replay, or a retried create) finds the same run instead of making one.
    const again = await runInWorkflow(step, client, options);
    expect(again.run_id).toBe(run.run_id);
    expect(sim.runs.size).toBe(1);
  });

  it('gives up with RunTimeoutError after `timeout` of waiting, counted in durable waits', async () => {
    const { client, step } = world();
    const error = await runInWorkflow(step, client, {
      instanceId: 'i-2',
      name: 'slow',
      request: { task: { prompt: '[slow]' } },
      timeout: 5_000,
      pollInterval: 2_000,
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('RunTimeoutError');
  });
});

describe('startRunOnce', () => {
  it('skips the lookup on a first attempt (one request), and finds the run on a retry', async () => {
    const { sim, client } = world();
    const key = await runKey('batch-1', 'item-0');
    const first = await startRunOnce(client, { key, request: { task: { prompt: 'p' } }, mayHaveStarted: false });
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/run/tasks']);
    const retry = await startRunOnce(client, { key, request: { task: { prompt: 'p' } }, mayHaveStarted: true });
    expect(retry.run_id).toBe(first.run_id);
    expect(sim.runs.size).toBe(1);
    // A different key is a different run; a title that merely mentions the key is not a match.
    const other = await runKey('batch-1', 'item-1');
    expect(await findRunByKey(client, other)).toBeUndefined();
    expect(keyedTitle(undefined, key)).toBe(`[${key}]`);
  });

  it('keys and event types are deterministic and within the runtime rules', async () => {
    expect(await runKey('a', 'b')).toBe(await runKey('a', 'b'));
    expect(await runKey('a', 'b')).not.toBe(await runKey('a', 'c'));
    expect(await runKey('a', 'b')).toMatch(/^ske-[0-9a-f]{24}$/);
    await expect(runKey('', 'b')).rejects.toBeInstanceOf(ValidationError);
    expect(runEventType('tsk_v2_1')).toBe('skyvern-tsk_v2_1');
    expect(runEventType('a/b'.repeat(60))).toMatch(/^[\w-]{100}$/);
  });
});
