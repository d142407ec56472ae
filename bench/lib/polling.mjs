// Polling cost and detection delay of waiting for a ~60 s run, on the simulator with a
// fake clock (@sinonjs/fake-timers faking setTimeout/setInterval/Date): no real waiting.
// Each trial starts a task with `runTask(..., { waitForCompletion: true })`; the run
// lasts 60 s + U(0, 3 s) from creation to its terminal status. Measured per trial:
// the requests the SDK sent (the create + its GET polls) and the detection delay, from
// the run's terminal transition to the moment the promise resolved, in fake ms.
import FakeTimers from '@sinonjs/fake-timers';
import { SkyvernClient, runTask } from '@skyvern-edge/core';
import { ensureSimulator } from './prepare.mjs';

const TRIALS = Number(process.env.BENCH_POLL_TRIALS ?? 100);
/** Fake ms per clock.tickAsync step; timers inside a step still fire at their exact times. */
const STEP_MS = Number(process.env.BENCH_POLL_STEP ?? 500);
const RUN_MS = 60_000;
const JITTER_MS = 3_000;
const RUNNING_AFTER_MS = 1_500;

async function schedule({ createSimulator, seededRandom }, label, pollInterval) {
  const clock = FakeTimers.withGlobal(globalThis).install({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.parse('2025-06-01T12:00:00Z'),
  });
  try {
    const random = seededRandom(0x5eed);
    let lifetime = 0;
    const sim = createSimulator({
      runTimeline: { queuedAfterMs: 500, runningAfterMs: RUNNING_AFTER_MS, stepEveryMs: 2_000 },
      // Running time = lifetime − the queue phase, so creation → terminal is `lifetime`.
      scenario: () => ({ outcome: 'completed', durationMs: lifetime - RUNNING_AFTER_MS }),
    });
    const client = new SkyvernClient({ apiKey: sim.apiKey, baseUrl: 'http://simulator.local', fetch: sim.fetch });
    const trials = [];
    for (let i = 0; i < TRIALS; i++) {
      lifetime = RUN_MS + Math.round(random() * JITTER_MS);
      const firstRequest = sim.requests.length;
      let resolvedAt;
      let failure;
      const done = runTask(
        client,
        { prompt: 'benchmark run', url: 'https://example.com' },
        { waitForCompletion: true, pollInterval },
      ).then(
        (run) => {
          resolvedAt = Date.now();
          return run;
        },
        (error) => {
          failure = error;
        },
      );
      while (resolvedAt === undefined && failure === undefined) await clock.tickAsync(STEP_MS);
      if (failure) throw failure;
      const run = await done;
      const simRun = sim.runs.get(run.run_id);
      const terminalAt = simRun.startedAt + simRun.scenario.durationMs;
      const sent = sim.requests.slice(firstRequest);
      const lastPollAt = sent.at(-1).at;
      trials.push({
        requests: sent.length,
        polls: sent.filter((r) => r.method === 'GET').length,
        delay: resolvedAt - terminalAt,
        // The resolution is timed at the step the promise settled in; the last poll's arrival is exact.
        stepSlack: resolvedAt - lastPollAt,
        status: run.status,
      });
    }
    sim.close();
    const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const delays = trials.map((t) => t.delay);
    return {
      label,
      trials: trials.length,
      requestsMean: mean(trials.map((t) => t.requests)),
      requestsMax: Math.max(...trials.map((t) => t.requests)),
      pollsMean: mean(trials.map((t) => t.polls)),
      delayMeanMs: mean(delays),
      delayMaxMs: Math.max(...delays),
      delayMinMs: Math.min(...delays),
      stepSlackMaxMs: Math.max(...trials.map((t) => t.stepSlack)),
      statuses: [...new Set(trials.map((t) => t.status))],
    };
  } finally {
    clock.uninstall();
  }
}

export async function runPolling() {
  await ensureSimulator();
  const testing = await import('../.generated/testing.mjs');
  return {
    runMs: `${RUN_MS / 1000} s + U(0, ${JITTER_MS / 1000} s)`,
    stepMs: STEP_MS,
    results: [
      await schedule(testing, 'default schedule (1 s, 2 s, then 2.75 s)', undefined),
      await schedule(testing, 'fixed 10 s (`pollInterval: 10_000`)', 10_000),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runPolling();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
