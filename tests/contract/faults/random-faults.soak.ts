// Soak: 500 concurrent waitForRun and 2,000 calls against one simulator behind a real
// HTTP server, with faults drawn from a seeded PRNG. Each call carries its id in a header
// and the server plays that call's own fault plan attempt by attempt, so which call meets
// which fault does not depend on interleaving: a run is reproducible, and each call's
// outcome can be predicted from its plan and the retry policy.
// Afterwards: every promise settled (counted), successes + typed failures = total and each
// matches its prediction, no creating call acted twice, and — once the server is closed —
// the process holds no timer or socket (process.getActiveResourcesInfo, polled).
// Runs as its own CI stage: scripts/test-soak.sh (config: soak.config.ts).
import { expect, it } from 'vitest';
import {
  ConnectionError,
  InternalServerError,
  RateLimitError,
  RequestTimeoutError,
  SkyvernError,
  UnexpectedResponseError,
  UserAbortError,
  type Skyvern,
} from '@skyvern-edge/core';
import { createSimulator, type RunOutcome } from '@skyvern-edge/testing';
import { serve } from '@skyvern-edge/testing/server';
import {
  networkError,
  resetError,
  stalledBody,
  statusResponse,
  truncated,
} from '../../../packages/testing/src/internal/faults.js';
import { activeHandles, API_KEY, className, handlesAbove, pool, prng, SecretScanner } from './harness.js';

const SEED = Number(process.env.SOAK_SEED ?? 20_260_501);
const WAITS = 500;
const CALLS = 2_000;
/** Per attempt: generous, so a loaded CI machine does not turn slow answers into timeouts. */
const TIMEOUT = 5_000;
const MAX_RETRIES = 2;
const IN_FLIGHT = 100;
const BUDGET_MS = 60_000;

type FaultKind =
  | '429'
  | '503'
  | 'html-502'
  | 'close-before'
  | 'reset-before'
  | 'reset-after'
  | 'stall-headers'
  | 'stall-body'
  | 'truncated-json'
  | '500-after';

/** What each fault does: does the server act, is a safe / creating call retried, what error ends the call. */
const FAULT: Record<
  FaultKind,
  { acts: boolean; retrySafe: boolean; retryCreate: boolean; error: string; weight: number }
> = {
  '429': { acts: false, retrySafe: true, retryCreate: true, error: RateLimitError.name, weight: 3 },
  '503': { acts: false, retrySafe: true, retryCreate: false, error: InternalServerError.name, weight: 3 },
  'html-502': { acts: false, retrySafe: true, retryCreate: false, error: InternalServerError.name, weight: 1 },
  'close-before': { acts: false, retrySafe: true, retryCreate: false, error: ConnectionError.name, weight: 2 },
  'reset-before': { acts: false, retrySafe: true, retryCreate: false, error: ConnectionError.name, weight: 2 },
  'reset-after': { acts: true, retrySafe: true, retryCreate: false, error: ConnectionError.name, weight: 2 },
  'stall-headers': { acts: false, retrySafe: true, retryCreate: false, error: RequestTimeoutError.name, weight: 1 },
  'stall-body': { acts: true, retrySafe: true, retryCreate: false, error: RequestTimeoutError.name, weight: 1 },
  'truncated-json': {
    acts: true,
    retrySafe: false,
    retryCreate: false,
    error: UnexpectedResponseError.name,
    weight: 1,
  },
  '500-after': { acts: true, retrySafe: true, retryCreate: false, error: InternalServerError.name, weight: 2 },
};
const KINDS = Object.keys(FAULT) as FaultKind[];
/** What a wait's polls may meet: transient trouble only (it backs off and keeps waiting). */
const WAIT_KINDS: FaultKind[] = [
  '429',
  '503',
  'html-502',
  'close-before',
  'reset-before',
  'reset-after',
  'stall-body',
  '500-after',
];

function pick<T>(rand: () => number, items: readonly T[], weight: (item: T) => number = () => 1): T {
  const total = items.reduce((n, item) => n + weight(item), 0);
  let r = rand() * total;
  for (const item of items) if ((r -= weight(item)) < 0) return item;
  return items[items.length - 1]!;
}

type Mode = 'safe' | 'create';
interface CallPlan {
  id: string;
  op: 'getRun' | 'getWorkflows' | 'getRuns' | 'cancelRun' | 'runTask' | 'runWorkflow' | 'uploadFile';
  mode: Mode;
  /** The fault each attempt meets (undefined: none). */
  faults: (FaultKind | undefined)[];
}

/** The documented policy applied to a plan: outcome class, attempts, and whether the server acted (creating calls). */
function predict(
  plan: CallPlan,
  faults: readonly (FaultKind | 'slow' | undefined)[] = plan.faults,
): { outcome: string; attempts: number; acted: number } {
  let acted = 0;
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    const fault = faults[attempt];
    if (!fault) return { outcome: 'ok', attempts: attempt + 1, acted: acted + 1 };
    // 'slow': an attempt that outlived TIMEOUT because the machine was busy, not by plan.
    const f =
      fault === 'slow'
        ? { acts: false, retrySafe: true, retryCreate: false, error: RequestTimeoutError.name }
        : FAULT[fault];
    if (f.acts) acted++;
    const retried = plan.mode === 'safe' ? f.retrySafe : f.retryCreate;
    if (!retried || attempt === MAX_RETRIES) return { outcome: f.error, attempts: attempt + 1, acted };
  }
  throw new Error('unreachable');
}

/**
 * Whether an outcome is the plan's, or the plan's with some attempts turned into timeouts by
 * a busy machine ('timing'), or neither. Either way the policy must hold: the second case
 * is counted (and bounded) rather than failed, so CI load cannot make the soak flaky.
 */
function judge(plan: CallPlan, outcome: string, attempts: number): 'planned' | 'timing' | 'wrong' {
  const want = predict(plan);
  if (want.outcome === outcome && want.attempts === attempts) return 'planned';
  for (let mask = 1; mask < 1 << (MAX_RETRIES + 1); mask++) {
    const faults = plan.faults.map((f, i) => (mask & (1 << i) ? 'slow' : f));
    const alt = predict(plan, faults);
    if (alt.outcome === outcome && alt.attempts === attempts) return 'timing';
  }
  return 'wrong';
}

it(`soak: ${WAITS} concurrent waits and ${CALLS} calls with seeded random faults over real HTTP`, async () => {
  const baseline = activeHandles();
  const rand = prng(SEED);
  const started = performance.now();

  // ---- plans, all drawn before anything runs
  const runScenario = new Map<string, { outcome: RunOutcome; durationMs: number }>();
  const waitPlans = Array.from({ length: WAITS }, (_, j) => {
    const marker = `soak wait #${j}`;
    runScenario.set(marker, {
      outcome: pick(rand, ['completed', 'completed', 'failed', 'terminated'] as const),
      durationMs: 200 + Math.floor(rand() * 2_500),
    });
    // Faults on the poll number k; never more than two in a row (backoff 1 s, 2 s).
    const faults: (FaultKind | undefined)[] = [];
    for (let k = 0; k < 60; k++) {
      const streak = faults.length >= 2 && faults[k - 1] && faults[k - 2];
      faults.push(!streak && rand() < 0.25 ? pick(rand, WAIT_KINDS) : undefined);
    }
    const abortAfterMs = rand() < 0.05 ? 100 + Math.floor(rand() * 1_500) : undefined;
    return { marker, faults, abortAfterMs, startAfterMs: Math.floor(rand() * 250) };
  });
  const ops: [CallPlan['op'], Mode, number][] = [
    ['getRun', 'safe', 25],
    ['getWorkflows', 'safe', 10],
    ['getRuns', 'safe', 10],
    ['cancelRun', 'safe', 10],
    ['runTask', 'create', 25],
    ['runWorkflow', 'create', 10],
    ['uploadFile', 'create', 10],
  ];
  const callPlans: CallPlan[] = Array.from({ length: CALLS }, (_, i) => {
    const [op, mode] = pick(rand, ops, (o) => o[2]);
    const faults = Array.from({ length: MAX_RETRIES + 1 }, () =>
      rand() < 0.3 ? pick(rand, KINDS, (k) => FAULT[k].weight) : undefined,
    );
    return { id: `c${i}`, op, mode, faults };
  });

  // ---- the server: each request meets the fault its call (header) or its wait (run id) planned
  const sim = createSimulator({
    apiKey: API_KEY,
    runTimeline: { queuedAfterMs: 30, runningAfterMs: 60, durationMs: 800, stepEveryMs: 300 },
    scenario: (body) => runScenario.get(body?.prompt),
  });
  const attemptsOf = new Map<string, number>();
  const waitRunIds = new Map<string, (typeof waitPlans)[number]>();
  let injected = 0;
  let received = 0;
  const handler = async (request: Request): Promise<Response> => {
    received++;
    const url = new URL(request.url);
    const callId = request.headers.get('x-soak-call');
    const key =
      callId ??
      (request.method === 'GET' && /^\/v1\/runs\/[^/]+$/.test(url.pathname) ? url.pathname.split('/')[3]! : undefined);
    const attempt = key === undefined ? 0 : (attemptsOf.get(key) ?? 0);
    if (key !== undefined) attemptsOf.set(key, attempt + 1);
    const plan = callId ? callByIdPlan.get(callId)?.faults : key ? waitRunIds.get(key)?.faults : undefined;
    const fault = plan?.[attempt];
    if (!fault) return sim.handle(request);
    injected++;
    switch (fault) {
      case '429':
        return statusResponse(429, undefined, { 'retry-after': '0' });
      case '503':
        return statusResponse(503);
      case 'html-502':
        return statusResponse(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
      case 'close-before':
        throw networkError();
      case 'reset-before':
        throw resetError();
      case 'stall-headers':
        // Headers never come; ends when the client gives up and the connection closes.
        await new Promise<void>((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }),
        );
        throw new Error('unreachable');
      default: {
        const response = await sim.handle(request);
        if (fault === 'truncated-json') return truncated(response);
        await response.body?.cancel();
        if (fault === 'reset-after') throw resetError();
        if (fault === '500-after') return statusResponse(500);
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        return new Response(stalledBody(request.signal), { status: response.status, headers });
      }
    }
  };
  const callByIdPlan = new Map(callPlans.map((p) => [p.id, p]));
  const server = await serve(handler);
  const { Skyvern } = await import('@skyvern-edge/core');
  const client: Skyvern = new Skyvern({
    apiKey: API_KEY,
    baseUrl: server.url,
    timeout: TIMEOUT,
    maxRetries: MAX_RETRIES,
  });
  const setupClient: Skyvern = client.withOptions({ timeout: 60_000 });

  // ---- setup, fault-free: the runs to wait on, runs to read and cancel, a workflow
  const waitRuns = await pool(
    waitPlans.map((w) => () => setupClient.runTask({ prompt: w.marker })),
    50,
  );
  waitRuns.forEach((run, j) => waitRunIds.set(run.run_id, waitPlans[j]!));
  const readable = sim.seedRuns(50).map((r) => r.runId);
  const cancellable = sim.seedRuns(50).map((r) => r.runId);
  const agentId = sim.seedWorkflows(3)[0]!.workflow_permanent_id;
  const setupRequests = received;

  // ---- the soak: every wait at once (staggered over 250 ms), calls 100 at a time
  let settled = 0;
  const scanner = new SecretScanner();
  const waitResults = waitPlans.map(async (w, j) => {
    await new Promise((resolve) => setTimeout(resolve, w.startAfterMs));
    const abort = new AbortController();
    const timer =
      w.abortAfterMs === undefined
        ? undefined
        : setTimeout(() => abort.abort(new Error('caller left')), w.abortAfterMs);
    const t0 = performance.now();
    try {
      // The default poll schedule (1 s, 2 s, then 2.75 s), as users get it.
      const run = await client.waitForRun(waitRuns[j]!.run_id, { timeout: 45_000, signal: abort.signal });
      return { j, outcome: 'ok', status: run.status, ms: performance.now() - t0 };
    } catch (error) {
      scanner.scan(`wait ${j}`, error);
      return { j, outcome: className(error), error, ms: performance.now() - t0 };
    } finally {
      clearTimeout(timer);
      settled++;
    }
  });
  const call = (plan: CallPlan, i: number) => {
    const options = { headers: { 'x-soak-call': plan.id } };
    const marker = `soak call #${i}`;
    switch (plan.op) {
      case 'getRun':
        return client.getRun(readable[i % readable.length]!, options);
      case 'getWorkflows':
        return client.getWorkflows({ page_size: 5 }, options);
      case 'getRuns':
        return client.getRuns({ page_size: 5 }, options);
      case 'cancelRun':
        return client.cancelRun(cancellable[i % cancellable.length]!, options);
      case 'runTask':
        return client.runTask({ prompt: marker }, options);
      case 'runWorkflow':
        return client.runWorkflow({ agent_id: agentId, title: marker }, options);
      case 'uploadFile':
        return client.uploadFile({ data: marker, filename: `${plan.id}.txt` }, options);
    }
  };
  const callResults = pool(
    callPlans.map((plan, i) => async () => {
      const t0 = performance.now();
      try {
        await call(plan, i);
        return { plan, outcome: 'ok', ms: performance.now() - t0 };
      } catch (error) {
        scanner.scan(plan.id, error);
        return { plan, outcome: className(error), error, ms: performance.now() - t0 };
      } finally {
        settled++;
      }
    }),
    IN_FLIGHT,
  );
  const [waits, calls] = await Promise.all([Promise.all(waitResults), callResults]);
  const soakMs = performance.now() - started;

  // ---- every promise settled, and the counts add up
  expect(settled).toBe(WAITS + CALLS);
  const typed = (e: unknown) => e instanceof SkyvernError;
  const callOk = calls.filter((c) => c.outcome === 'ok').length;
  const callFailed = calls.filter((c) => c.outcome !== 'ok' && typed(c.error)).length;
  const waitOk = waits.filter((w) => w.outcome === 'ok').length;
  const waitFailed = waits.filter((w) => w.outcome !== 'ok' && typed(w.error)).length;
  expect(callOk + callFailed).toBe(CALLS);
  expect(waitOk + waitFailed).toBe(WAITS);

  // ---- each call ended as its plan predicts: class and attempts the server received
  const mismatches: string[] = [];
  const timingAffected = new Set<string>();
  for (const c of calls) {
    const got = attemptsOf.get(c.plan.id) ?? 0;
    const verdict = judge(c.plan, c.outcome, got);
    if (verdict === 'timing') timingAffected.add(c.plan.id);
    if (verdict === 'wrong') {
      const want = predict(c.plan);
      mismatches.push(
        `${c.plan.id} ${c.plan.op} [${c.plan.faults.map((f) => f ?? '-').join(', ')}]: ${c.outcome} after ${got} attempts, predicted ${want.outcome} after ${want.attempts}`,
      );
    }
  }
  expect(mismatches.slice(0, 20), `${mismatches.length} calls ended against the retry policy`).toEqual([]);
  // A few slow attempts on a busy machine are fine; many would mean the SDK (not the machine) is slow.
  expect(timingAffected.size, 'calls with an unplanned timeout').toBeLessThanOrEqual(CALLS * 0.05);

  // ---- waits: a terminal run with the planned status, or UserAbortError where the caller aborted
  const waitProblems = waits
    .filter((w) => {
      const plan = waitPlans[w.j]!;
      if (w.outcome === UserAbortError.name) return plan.abortAfterMs === undefined;
      return w.outcome !== 'ok' || w.status !== runScenario.get(plan.marker)!.outcome;
    })
    .map((w) => `wait ${w.j}: ${w.outcome} ${w.status ?? (w.error as Error)?.message}`);
  expect(waitProblems).toEqual([]);

  // ---- creating calls: never acted twice; acted exactly as often as the plan says
  const runsByMarker = new Map<string, number>();
  for (const run of sim.runs.values()) {
    const marker = (run.request.prompt ?? run.request.title) as string | undefined;
    if (marker?.startsWith('soak call #')) runsByMarker.set(marker, (runsByMarker.get(marker) ?? 0) + 1);
  }
  const uploadsByName = new Map<string, number>();
  for (const upload of sim.uploads.values())
    uploadsByName.set(upload.filename, (uploadsByName.get(upload.filename) ?? 0) + 1);
  let duplicates = 0;
  const actedWrong: string[] = [];
  calls.forEach((c, i) => {
    if (c.plan.mode !== 'create') return;
    const acted =
      c.plan.op === 'uploadFile'
        ? (uploadsByName.get(`${c.plan.id}.txt`) ?? 0)
        : (runsByMarker.get(`soak call #${i}`) ?? 0);
    duplicates += Math.max(0, acted - 1);
    if (acted !== predict(c.plan).acted && !timingAffected.has(c.plan.id))
      actedWrong.push(`${c.plan.id} ${c.plan.op}: acted ${acted}, predicted ${predict(c.plan).acted}`);
  });
  expect(duplicates).toBe(0);
  expect(actedWrong).toEqual([]);

  // ---- no key in any error; bounded in time
  expect(scanner.findings()).toEqual([]);
  const slowestCall = Math.max(...calls.map((c) => c.ms));
  expect(slowestCall, 'slowest call (ms)').toBeLessThanOrEqual((MAX_RETRIES + 1) * TIMEOUT + 1_500 + 5_000);
  expect(soakMs).toBeLessThan(BUDGET_MS);

  // ---- no handle left once the server is gone (polled, not assumed)
  await server.close();
  sim.close();
  const left = await handlesAbove(baseline, 3_000);

  const byClass = (list: { outcome: string }[]) =>
    Object.entries(
      list.reduce<Record<string, number>>((acc, r) => ((acc[r.outcome] = (acc[r.outcome] ?? 0) + 1), acc), {}),
    )
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  console.log(
    [
      `soak (seed ${SEED}): ${WAITS + CALLS} promises settled of ${WAITS + CALLS} in ${(soakMs / 1000).toFixed(1)} s; ` +
        `${received - setupRequests} requests (+${setupRequests} setup), ${injected} faults injected`,
      `  calls ${CALLS}: ${callOk} ok + ${callFailed} typed failures (${byClass(calls)}); ${CALLS - timingAffected.size} as planned, ` +
        `${timingAffected.size} with an unplanned timeout (busy machine), 0 against the policy; slowest ${Math.round(slowestCall)} ms`,
      `  waits ${WAITS}: ${waitOk} ok + ${waitFailed} typed failures (${byClass(waits)})`,
      `  duplicates = ${duplicates}, errors scanned for the key = ${scanner.count} (0 found), handles left = ${left.timers} timers + ${left.sockets} sockets`,
    ].join('\n'),
  );
  expect(left).toEqual({ timers: 0, sockets: 0 });
}, 120_000);
