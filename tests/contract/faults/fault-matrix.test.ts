// Operation × fault, over real HTTP: each cell runs one call against its own simulator
// behind a real server (or a closed port) and checks the outcome (typed error class or
// success after retry), the time to settle, the requests the server received, that a
// creating call never acted twice, and that nothing (timer, socket) was left behind.
// Cells run side by side (their waits are timers, not CPU); each one's timers and sockets
// are attributed to it through async_hooks, and the whole process is checked with
// process.getActiveResourcesInfo() before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkyvernError } from '@skyvern-edge/core';
import {
  activeHandles,
  className,
  handlesAbove,
  HandleTracker,
  outcome,
  pool,
  SecretScanner,
  startStack,
  type Transport,
} from './harness.js';
import { budgetMs, FAULTS, MAX_RETRIES, OPS, type Expect, type FaultCase, type Op } from './matrix.js';

interface CellResult {
  id: string;
  op: Op;
  fault: FaultCase;
  expect: Expect;
  ok: boolean;
  error?: unknown;
  ms: number;
  budget: number;
  requests: number;
  allRequests: number;
  attempts: number;
  created: number | undefined;
  leftover: string[];
}

const cells = FAULTS.flatMap((fault) => OPS.map((op) => ({ id: `${op.name} × ${fault.name}`, op, fault })));
const results = new Map<string, CellResult>();
const tracker = new HandleTracker();
const scanner = new SecretScanner();
let baseline: { timers: number; sockets: number };
let elapsed = 0;

function transportOf(fault: FaultCase, op: Op): Transport {
  if (fault.transport === 'wire')
    return { kind: 'wire', rules: [{ fault: fault.wire!, method: op.method, path: op.pattern }] };
  return { kind: fault.transport };
}

async function runCell(cell: (typeof cells)[number]): Promise<CellResult> {
  const { id, op, fault } = cell;
  const expectation = fault[op.kind];
  const stack = await startStack(transportOf(fault, op));
  const seeded = op.seed(stack.sim);
  const before = op.created?.(stack.sim);
  fault.inject?.(stack.sim, { method: op.method, path: op.path });
  const client = stack.client({ timeout: fault.timeout, maxRetries: MAX_RETRIES });
  const result = await outcome(op.call(client, seeded));
  // Counted once the server is gone: a request still in flight cannot act later unseen.
  await stack.close();
  const requests = stack.sim.requests.filter((r) => r.method === op.method && op.pattern.test(r.path)).length;
  const created = op.created ? op.created(stack.sim) - before! : undefined;
  const leftover = await tracker.leftover(id);
  return {
    id,
    op,
    fault,
    expect: expectation,
    ok: result.ok,
    error: result.ok ? undefined : result.error,
    ms: result.ms,
    budget: budgetMs(fault, op.kind),
    requests,
    allRequests: stack.sim.requests.length,
    attempts: stack.attempts(),
    created,
    leftover,
  };
}

const inRange = (value: number, want: number | readonly [number, number]) =>
  typeof want === 'number' ? value === want : value >= want[0] && value <= want[1];

beforeAll(async () => {
  baseline = activeHandles();
  tracker.enable();
  const t0 = performance.now();
  const done = await pool(
    cells.map((cell) => () => tracker.run(cell.id, () => runCell(cell))),
    24,
  );
  elapsed = performance.now() - t0;
  for (const result of done) {
    results.set(result.id, result);
    if (!result.ok) scanner.scan(result.id, result.error);
  }
}, 90_000);

afterAll(() => tracker.disable());

describe('fault matrix over real HTTP', () => {
  for (const { id, op, fault } of cells) {
    const expectation = fault[op.kind];
    it(`${id} → ${expectation.result === 'ok' ? 'ok' : expectation.result.name}, ${JSON.stringify(expectation.requests)} request(s)`, () => {
      const r = results.get(id)!;
      const seen = r.ok ? 'ok' : `${className(r.error)}: ${(r.error as Error)?.message?.slice(0, 200)}`;
      // Outcome: success, or exactly the expected error class (not a parent, not a raw TypeError).
      if (expectation.result === 'ok') expect(seen, id).toBe('ok');
      else {
        expect(r.error, `${id}: ${seen}`).toBeInstanceOf(SkyvernError);
        expect(className(r.error), `${id}: ${seen}`).toBe(expectation.result.name);
        if (expectation.message) expect((r.error as Error).message, id).toMatch(expectation.message);
      }
      // Time: settled within every attempt's timeout + the backoffs + slack, and not suspiciously early.
      expect(r.ms, `${id}: settled in ${Math.round(r.ms)} ms`).toBeLessThanOrEqual(r.budget);
      if (expectation.minMs !== undefined)
        expect(r.ms, `${id}: settled in ${Math.round(r.ms)} ms`).toBeGreaterThanOrEqual(expectation.minMs);
      // Requests the server received for this operation.
      expect(
        inRange(r.requests, expectation.requests),
        `${id}: server received ${r.requests}, expected ${JSON.stringify(expectation.requests)}`,
      ).toBe(true);
      if (expectation.attempts !== undefined) {
        expect(
          inRange(r.attempts, expectation.attempts),
          `${id}: ${r.attempts} attempts, expected ${JSON.stringify(expectation.attempts)}`,
        ).toBe(true);
      }
      // A creating call: acted at most once, and exactly as often as expected.
      if (op.kind === 'create') {
        expect(r.created, `${id}: created`).toBe(expectation.created);
        expect(r.created! <= 1, `${id}: duplicate`).toBe(true);
        // Sent again only where the server provably did nothing (429; a refused connection never reached it).
        if (r.requests > 1) expect(fault.resendAllowed, `${id}: the POST was sent ${r.requests} times`).toBe(true);
      }
      // Nothing left: no timer, no socket, no listening server of this cell.
      expect(r.leftover, `${id}: left behind`).toEqual([]);
    });
  }

  it('summary: no duplicates, no leaks, no key in any error', async () => {
    const all = [...results.values()];
    expect(all).toHaveLength(cells.length);
    const requests = all.reduce((n, r) => n + r.allRequests, 0);
    const duplicates = all.reduce((n, r) => n + Math.max(0, (r.created ?? 0) - 1), 0);
    const cellLeaks = all.filter((r) => r.leftover.length > 0).length;
    // Process-wide, as Node reports it: back to the baseline once every server is closed.
    const excess = await handlesAbove(baseline);
    const leaks = cellLeaks + excess.timers + excess.sockets;
    console.log(
      `fault matrix: ${all.length} cells, ${requests} requests, duplicates = ${duplicates}, leaks = ${leaks} ` +
        `(${OPS.length} operations × ${FAULTS.length} faults, ${scanner.count} errors scanned for the key, ${(elapsed / 1000).toFixed(1)} s)`,
    );
    expect(duplicates).toBe(0);
    expect(excess).toEqual({ timers: 0, sockets: 0 });
    expect(all.filter((r) => r.leftover.length > 0).map((r) => `${r.id}: ${r.leftover.join(', ')}`)).toEqual([]);
    expect(scanner.findings()).toEqual([]);
    expect(scanner.count).toBeGreaterThan(50);
  });
});
