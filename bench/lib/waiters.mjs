// 1,000 concurrent waitForRun on the simulator (real timers, in-process fetch).
// Heap per waiter: heapUsed after a full GC with every waiter parked between polls,
// minus heapUsed before they were made, over 1,000. Each waiter keeps its own
// AbortController (the user's, to stop it) and the last run it saw (~1.3 kB of JSON,
// for RunTimeoutError): both are counted. The simulator's request log is cleared
// before each reading, so only the SDK's memory is measured.
// Pending timers after all are aborted: setTimeout/clearTimeout are wrapped to keep
// the set of timers scheduled and neither fired nor cleared; goal 0.
// Needs --expose-gc (run.mjs runs it in a child process with it).
import { SkyvernClient, UserAbortError, getRun, runTask, waitForRun } from '@skyvern-edge/core';
import { ensureSimulator } from './prepare.mjs';

const WAITERS = Number(process.env.BENCH_WAITERS ?? 1000);

// Timer accounting, installed before any SDK call schedules one.
const pending = new Set();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
globalThis.setTimeout = function (fn, ms, ...args) {
  const handle = realSetTimeout(
    (...a) => {
      pending.delete(handle);
      fn(...a);
    },
    ms,
    ...args,
  );
  pending.add(handle);
  return handle;
};
globalThis.clearTimeout = function (handle) {
  pending.delete(handle);
  return realClearTimeout(handle);
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

function heapAfterGc() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

export async function runWaiters() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  await ensureSimulator();
  const { createSimulator } = await import('../.generated/testing.mjs');
  // The simulator's clock stands still 10 s into the runs (running, step 5): polls see the same
  // run and the simulator's own state does not grow while the waiters are measured.
  let simNow = Date.parse('2025-06-01T12:00:00Z');
  const sim = createSimulator({ now: () => simNow, scenario: () => ({ outcome: 'completed', durationMs: 3_600_000 }) });
  const client = new SkyvernClient({ apiKey: sim.apiKey, baseUrl: 'http://simulator.local', fetch: sim.fetch });
  const ids = [];
  for (let i = 0; i < WAITERS; i++)
    ids.push((await runTask(client, { prompt: `waiter ${i}`, url: 'https://example.com' })).run_id);
  simNow += 10_000;
  // One poll of each run first: the simulator makes what it makes lazily, and the SDK's code warms up.
  const runs = [];
  for (const id of ids) runs.push(await getRun(client, id));
  sim.requests.length = 0;
  await settle();

  // What a waiter's last-seen run costs by itself: 1,000 parsed copies of one answer.
  const text = JSON.stringify(runs[0]);
  const beforeRuns = heapAfterGc();
  const copies = ids.map(() => JSON.parse(text));
  const runObjectBytes = (heapAfterGc() - beforeRuns) / copies.length;
  copies.length = 0;
  runs.length = 0;

  const baseline = heapAfterGc();
  const controllers = [];
  const outcomes = [];
  for (const id of ids) {
    const controller = new AbortController();
    controllers.push(controller);
    outcomes.push(
      waitForRun(client, id, { signal: controller.signal }).then(
        () => 'resolved',
        (error) => (error instanceof UserAbortError ? 'aborted' : `failed: ${error?.message}`),
      ),
    );
  }
  // Every waiter polls at once (no initial run given): wait until each first poll is answered
  // and the waiters sit in their 1 s sleep.
  const deadline = Date.now() + 10_000;
  while (sim.requests.filter((r) => r.method === 'GET').length < WAITERS && Date.now() < deadline) await settle();
  for (let i = 0; i < 20; i++) await settle();
  const polled = sim.requests.length;
  sim.requests.length = 0;
  const parked = heapAfterGc();
  const timersWhileWaiting = pending.size;

  for (const controller of controllers) controller.abort();
  const settled = await Promise.all(outcomes);
  for (let i = 0; i < 5; i++) await settle();
  const timersAfterAbort = pending.size;
  const active = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  sim.close();
  return {
    waiters: WAITERS,
    firstPolls: polled,
    heapBaselineBytes: baseline,
    heapParkedBytes: parked,
    bytesPerWaiter: (parked - baseline) / WAITERS,
    runJsonBytes: text.length,
    runObjectBytes,
    timersWhileWaiting,
    timersAfterAbort,
    nodeActiveTimeoutsAfterAbort: active,
    outcomes: settled.reduce((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runWaiters();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
