// The caller leaving mid-flight, over real HTTP: while headers stall, while the body
// stalls, during a retry backoff, between polls of a wait, during a stalled poll. The
// promise must reject with UserAbortError (cause: the signal's reason) right away, the
// server must not have been asked twice, and nothing may be left (timer, socket).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAbortError, type Skyvern } from '@skyvern-edge/core';
import type { Simulator } from '@skyvern-edge/testing';
import { activeHandles, handlesAbove, HandleTracker, outcome, SecretScanner, startStack } from './harness.js';

const ABORT_AT = 250;
/** From the abort to the rejection: the abort event itself rejects; slack for a loaded CI machine. */
const WITHIN = 400;

interface Case {
  name: string;
  setup(sim: Simulator): unknown;
  call(client: Skyvern, seeded: unknown, signal: AbortSignal): Promise<unknown>;
  /** Requests the server received in the whole case (setup calls, polls and cancels included). */
  requests: number;
  /** Runs (or uploads) that exist afterwards, when the call creates. */
  created?: (sim: Simulator) => number;
  createdAfter?: number;
  /** Run ids that must be canceled on the server afterwards (cancelOnAbort). */
  canceled?: boolean;
}

/** Nothing to seed: the case starts its own run ([slow]: 60 s, it outlives the test). */
const longRun = () => undefined;

const CASES: Case[] = [
  {
    name: 'getRun while the headers stall',
    setup: (sim) => {
      sim.inject({ type: 'delay', ms: 60_000 });
      return sim.seedRuns(1)[0]!.runId;
    },
    call: (client, id, signal) => client.getRun(id as string, { signal }),
    requests: 1,
  },
  {
    name: 'getRun while the body stalls',
    setup: (sim) => {
      sim.inject({ type: 'stall-body' });
      return sim.seedRuns(1)[0]!.runId;
    },
    call: (client, id, signal) => client.getRun(id as string, { signal }),
    requests: 1,
  },
  {
    name: 'getRun during the backoff after a 503',
    setup: (sim) => {
      // Retry-After: 5 → the retry would come at 5 s; the abort comes first.
      sim.inject({ status: 503, headers: { 'retry-after': '5' } });
      return sim.seedRuns(1)[0]!.runId;
    },
    call: (client, id, signal) => client.getRun(id as string, { signal }),
    requests: 1,
  },
  {
    name: 'runTask while the headers stall (not processed: no run)',
    setup: (sim) => sim.inject({ type: 'delay', ms: 60_000 }),
    call: (client, _, signal) => client.runTask({ prompt: 'abort me' }, { signal }),
    requests: 1,
    created: (sim) => sim.runs.size,
    createdAfter: 0,
  },
  {
    name: 'uploadFile while the body stalls (processed: one upload)',
    setup: (sim) => sim.inject({ type: 'stall-body' }),
    call: (client, _, signal) => client.uploadFile(new Blob(['abort me']), { signal }),
    requests: 1,
    created: (sim) => sim.uploads.size,
    createdAfter: 1,
  },
  {
    name: 'waitForRun between polls (run keeps running)',
    setup: longRun,
    call: async (client, _, signal) => {
      const run = await client.runTask({ prompt: 'a long one [slow]' });
      return client.waitForRun(run.run_id, { signal, pollInterval: 5_000 });
    },
    // runTask, then one poll; the next would come at 5 s.
    requests: 2,
    created: (sim) => sim.runs.size,
    createdAfter: 1,
  },
  {
    name: 'waitForRun during a stalled poll',
    setup: (sim) => {
      sim.inject({ type: 'delay', ms: 60_000 }, { match: { method: 'GET', path: '/v1/runs/{run_id}' } });
      return sim.seedRuns(1)[0]!.runId;
    },
    call: (client, id, signal) => client.waitForRun(id as string, { signal }),
    requests: 1,
  },
  {
    name: 'waitForRun with cancelOnAbort: the run is canceled on the server',
    setup: longRun,
    call: async (client, _, signal) => {
      const run = await client.runTask({ prompt: 'cancel me [slow]' });
      return client.waitForRun(run.run_id, { signal, pollInterval: 5_000, cancelOnAbort: true });
    },
    // runTask, one poll, the cancel.
    requests: 3,
    created: (sim) => sim.runs.size,
    createdAfter: 1,
    canceled: true,
  },
  {
    name: 'runTask with waitForCompletion, aborted while waiting (one run, never a second POST)',
    setup: longRun,
    call: (client, _, signal) =>
      client.runTask({ prompt: 'wait for me [slow]' }, { waitForCompletion: true, signal, pollInterval: 5_000 }),
    // The POST only: the created run is the first observation, the first poll would come at 5 s.
    requests: 1,
    created: (sim) => sim.runs.size,
    createdAfter: 1,
  },
  {
    name: 'watchRun, aborted between polls',
    setup: longRun,
    call: async (client, _, signal) => {
      const run = await client.runTask({ prompt: 'watch me [slow]' });
      for await (const _update of client.watchRun(run.run_id, { signal, pollInterval: 5_000 })) {
        // keep watching
      }
    },
    // runTask, then one poll.
    requests: 2,
    created: (sim) => sim.runs.size,
    createdAfter: 1,
  },
];

const tracker = new HandleTracker();
const scanner = new SecretScanner();
let baseline: ReturnType<typeof activeHandles>;

beforeAll(() => {
  baseline = activeHandles();
  tracker.enable();
});
afterAll(() => tracker.disable());

describe('aborting mid-flight over real HTTP', () => {
  for (const c of CASES) {
    it(`${c.name} → UserAbortError within ${WITHIN} ms of the abort, nothing left`, async () => {
      const { result, stack, abortedAt, leftover } = await tracker.run(c.name, async () => {
        const stack = await startStack();
        const seeded = c.setup(stack.sim);
        const reason = new Error('the caller left');
        const abort = new AbortController();
        let abortedAt = 0;
        const timer = setTimeout(() => {
          abortedAt = performance.now();
          abort.abort(reason);
        }, ABORT_AT);
        const started = performance.now();
        const result = await outcome(c.call(stack.client({ timeout: 10_000, maxRetries: 2 }), seeded, abort.signal));
        clearTimeout(timer);
        const settledAt = started + result.ms;
        // Give a cancelOnAbort request its moment, then close.
        if (c.canceled) await new Promise((resolve) => setTimeout(resolve, 300));
        await stack.close();
        return { result, stack, abortedAt: settledAt - abortedAt, leftover: await tracker.leftover(c.name) };
      });
      expect(result.ok, c.name).toBe(false);
      const error = (result as { error: unknown }).error;
      scanner.scan(c.name, error);
      expect(error, String(error)).toBeInstanceOf(UserAbortError);
      expect((error as UserAbortError).cause).toBeInstanceOf(Error);
      expect(abortedAt, 'ms from abort to rejection').toBeLessThanOrEqual(WITHIN);
      const seen = stack.sim.requests.map((r) => `${r.method} ${r.path}`);
      expect(seen.length, `requests: ${seen.join(', ')}`).toBe(c.requests);
      expect(seen.filter((r) => r === 'POST /v1/run/tasks').length, 'runTask POSTs').toBeLessThanOrEqual(1);
      const cancels = seen.filter((r) => r.endsWith('/cancel'));
      if (c.created) expect(c.created(stack.sim), 'created').toBe(c.createdAfter);
      if (c.canceled) {
        expect(cancels).toHaveLength(1);
        expect([...stack.sim.runs.values()][0]!.forced?.status).toBe('canceled');
      } else {
        expect(cancels).toHaveLength(0);
      }
      expect(leftover).toEqual([]);
    });
  }

  it('the process holds no more timers or sockets than before, and no error held the key', async () => {
    expect(await handlesAbove(baseline)).toEqual({ timers: 0, sockets: 0 });
    expect(scanner.findings()).toEqual([]);
  });
});
