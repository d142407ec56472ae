// The fault matrix: which operations meet which faults, and what the SDK must then do.
// Each expectation is the documented policy (README "Retries", "Waiting for a run"),
// written out per kind of call rather than derived from the code under test.
import {
  UnexpectedResponseError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  RateLimitError,
  RequestTimeoutError,
  RunTimeoutError,
  type Skyvern,
} from '@skyvern-edge/core';
import type { FaultMatch, Simulator } from '@skyvern-edge/testing';
import type { Transport } from './harness.js';

/**
 * safe: retried on transient trouble; create: retried only where the server provably did not act; wait:
 * waitForRun's poll loop.
 */
export type Kind = 'safe' | 'create' | 'wait';

export interface Op {
  name: string;
  kind: Kind;
  method: string;
  /** Template for sim.inject. */
  path: string;
  /** For counting the requests of this operation. */
  pattern: RegExp;
  seed(sim: Simulator): unknown;
  call(client: Skyvern, seeded: unknown): Promise<unknown>;
  /** How many things of the kind this call creates exist (runs, sessions, uploads). */
  created?(sim: Simulator): number;
}

/** Overall limit of the waitForRun cells (ms). */
export const WAIT_TIMEOUT = 4_000;

export const OPS: Op[] = [
  {
    name: 'getRun',
    kind: 'safe',
    method: 'GET',
    path: '/v1/runs/{run_id}',
    pattern: /^\/v1\/runs\/[^/]+$/,
    seed: (sim) => sim.seedRuns(1)[0]!.runId,
    call: (client, runId) => client.getRun(runId as string),
  },
  {
    name: 'getWorkflows',
    kind: 'safe',
    method: 'GET',
    path: '/v1/agents',
    pattern: /^\/v1\/agents$/,
    seed: (sim) => sim.seedWorkflows(2),
    call: (client) => client.getWorkflows({ page_size: 5 }),
  },
  {
    name: 'cancelRun',
    kind: 'safe',
    method: 'POST',
    path: '/v1/runs/{run_id}/cancel',
    pattern: /^\/v1\/runs\/[^/]+\/cancel$/,
    seed: (sim) => sim.seedRuns(1)[0]!.runId,
    call: (client, runId) => client.cancelRun(runId as string),
  },
  {
    name: 'runTask',
    kind: 'create',
    method: 'POST',
    path: '/v1/run/tasks',
    pattern: /^\/v1\/run\/tasks$/,
    seed: () => undefined,
    call: (client) => client.runTask({ prompt: 'fault matrix', url: 'https://example.com' }),
    created: (sim) => sim.runs.size,
  },
  {
    name: 'runWorkflow',
    kind: 'create',
    method: 'POST',
    path: '/v1/run/agents',
    pattern: /^\/v1\/run\/agents$/,
    seed: (sim) => sim.seedWorkflows(1)[0]!.workflow_permanent_id,
    call: (client, agentId) =>
      client.runWorkflow({ agent_id: agentId as string, parameters: { url: 'https://example.com' } }),
    created: (sim) => sim.runs.size,
  },
  {
    name: 'createBrowserSession',
    kind: 'create',
    method: 'POST',
    path: '/v1/browser_sessions',
    pattern: /^\/v1\/browser_sessions$/,
    seed: () => undefined,
    call: (client) => client.createBrowserSession({ timeout: 60 }),
    created: (sim) => sim.sessions.size,
  },
  {
    name: 'uploadFile',
    kind: 'create',
    method: 'POST',
    path: '/v1/upload_file',
    pattern: /^\/v1\/upload_file$/,
    seed: () => undefined,
    call: (client) =>
      client.uploadFile({ data: 'fault matrix upload', filename: 'matrix.txt', contentType: 'text/plain' }),
    created: (sim) => sim.uploads.size,
  },
  {
    name: 'waitForRun',
    kind: 'wait',
    method: 'GET',
    path: '/v1/runs/{run_id}',
    pattern: /^\/v1\/runs\/[^/]+$/,
    // Already terminal: the wait ends at the first good poll, so the request count is exact.
    seed: (sim) => sim.seedRuns(1)[0]!.runId,
    call: (client, runId) => client.waitForRun(runId as string, { timeout: WAIT_TIMEOUT, pollInterval: 100 }),
  },
];

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Expect {
  result: 'ok' | ErrorClass;
  /** Requests of this operation the server received: exact, or [min, max]. */
  requests: number | readonly [number, number];
  /** Connection attempts the client made (counted at its fetch), when they differ from `requests`. */
  attempts?: number | readonly [number, number];
  /** For creating calls: how many things exist afterwards (0 = never acted, 1 = acted once). */
  created?: number;
  message?: RegExp;
  /** A lower bound on the time to settle (proves a wait or timeout really happened). */
  minMs?: number;
}

export interface FaultCase {
  name: string;
  transport: Transport['kind'];
  /** For the wire transport. */
  wire?: 'reset-mid-headers' | 'reset-mid-body';
  inject?(sim: Simulator, match: FaultMatch): void;
  /** Per-attempt client timeout (ms). */
  timeout: number;
  /** Server-imposed waits on top of the backoff (Retry-After). */
  extraMs?: number;
  /** The server provably did nothing (a 429): the only case where a creating call may be sent again. */
  resendAllowed?: boolean;
  safe: Expect;
  create: Expect;
  wait: Expect;
}

const ok = (requests: number, extra: Partial<Expect> = {}): Expect => ({ result: 'ok', requests, ...extra });
const fails = (
  result: ErrorClass,
  requests: number | readonly [number, number],
  extra: Partial<Expect> = {},
): Expect => ({ result, requests, ...extra });
/**
 * waitForRun under a fault that never ends: it backs off 1 s, 2 s, 4 s … until its 4 s limit.
 * Quick failures poll at 0, ~1 s and ~3 s; stalled polls (0.8 s each) at 0 and ~1.8 s. One
 * more poll is allowed for a timer that fires a millisecond before the deadline, and one fewer for
 * a loaded machine where the ~3 s poll slips past the deadline: the upper bound is what proves
 * the wait backs off instead of storming.
 */
const waitGivesUp = (requests: number | readonly [number, number] = [2, 4], extra: Partial<Expect> = {}): Expect =>
  fails(RunTimeoutError, requests, { minMs: WAIT_TIMEOUT - 50, ...extra });

const NORMAL = 3_000;
/** Per-attempt timeout of the stall cells: short, yet a normal answer fits in it on a loaded CI machine. */
const STALL = 800;
const HTML_502 =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

export const FAULTS: FaultCase[] = [
  {
    name: '429 with Retry-After as an HTTP date',
    transport: 'serve',
    // An HTTP date has whole seconds: now + 2 s is 1–2 s away.
    inject: (sim, match) =>
      sim.inject({ status: 429, headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString() } }, { match }),
    timeout: NORMAL,
    extraMs: 2_000,
    resendAllowed: true,
    safe: ok(2, { minMs: 900 }),
    create: ok(2, { created: 1, minMs: 900 }),
    wait: ok(2, { minMs: 900 }),
  },
  {
    name: '429 storm (Retry-After: 0)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ status: 429, headers: { 'retry-after': '0' } }, { match, times: Infinity }),
    timeout: NORMAL,
    resendAllowed: true,
    safe: fails(RateLimitError, 3),
    // A 429 proves the server did not act: retried even for creating calls, still nothing created.
    create: fails(RateLimitError, 3, { created: 0 }),
    wait: waitGivesUp(),
  },
  {
    name: '503 once',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ status: 503 }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    create: fails(InternalServerError, 1, { created: 0 }),
    // The poll after a 503 waits the one backoff: 1 s minus up to 25 % jitter.
    wait: ok(2, { minMs: 740 }),
  },
  {
    name: '503 storm',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ status: 503 }, { match, times: Infinity }),
    timeout: NORMAL,
    safe: fails(InternalServerError, 3, { minMs: 1_000 }),
    create: fails(InternalServerError, 1, { created: 0 }),
    wait: waitGivesUp(),
  },
  {
    name: 'connection refused, then the server comes up',
    transport: 'refused-once',
    timeout: NORMAL,
    safe: ok(1, { attempts: 2 }),
    create: ok(1, { attempts: 2, created: 1 }),
    // The one backoff: 1 s minus up to 25 % jitter.
    wait: ok(1, { attempts: 2, minMs: 740 }),
  },
  {
    name: 'connection refused (closed port)',
    transport: 'refused',
    timeout: NORMAL,
    safe: fails(ConnectionError, 0, { attempts: 3, message: /ECONNREFUSED/ }),
    create: fails(ConnectionError, 0, { attempts: 3, message: /ECONNREFUSED/, created: 0 }),
    wait: waitGivesUp(0, { attempts: [3, 4] }),
  },
  {
    name: 'connection closed before an answer (not processed)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'network-error' }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    // Over a real socket a close is not provably "before sending": never retried for a create.
    create: fails(ConnectionError, 1, { created: 0 }),
    wait: ok(2),
  },
  {
    name: 'reset before processing',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'reset-before-processing' }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    create: fails(ConnectionError, 1, { created: 0 }),
    wait: ok(2),
  },
  {
    name: 'reset mid-headers (after processing)',
    transport: 'wire',
    wire: 'reset-mid-headers',
    timeout: NORMAL,
    safe: ok(2),
    create: fails(ConnectionError, 1, { created: 1 }),
    wait: ok(2),
  },
  {
    name: 'reset mid-body (after processing)',
    transport: 'wire',
    wire: 'reset-mid-body',
    timeout: NORMAL,
    safe: ok(2),
    create: fails(ConnectionError, 1, { created: 1 }),
    wait: ok(2),
  },
  {
    name: 'reset after processing',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'reset-after-processing' }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    create: fails(ConnectionError, 1, { created: 1 }),
    wait: ok(2),
  },
  {
    name: 'stalled headers once',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'delay', ms: 60_000 }, { match }),
    timeout: STALL,
    safe: ok(2, { minMs: STALL - 20 }),
    create: fails(RequestTimeoutError, 1, { created: 0, minMs: STALL - 20 }),
    wait: ok(2, { minMs: STALL - 20 }),
  },
  {
    name: 'stalled headers, every time',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'delay', ms: 60_000 }, { match, times: Infinity }),
    timeout: STALL,
    safe: fails(RequestTimeoutError, 3, { minMs: 3 * STALL }),
    create: fails(RequestTimeoutError, 1, { created: 0, minMs: STALL - 20 }),
    wait: waitGivesUp([2, 3]),
  },
  {
    name: 'stalled body (after processing)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'stall-body' }, { match }),
    timeout: STALL,
    safe: ok(2, { minMs: STALL - 20 }),
    create: fails(RequestTimeoutError, 1, { created: 1, minMs: STALL - 20 }),
    wait: ok(2, { minMs: STALL - 20 }),
  },
  {
    name: 'HTML 502 page from a proxy',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ status: 502, body: HTML_502 }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    create: fails(InternalServerError, 1, { created: 0, message: /^502 502 Bad Gateway$/ }),
    wait: ok(2),
  },
  {
    name: 'truncated JSON (after processing)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'truncated-json' }, { match }),
    timeout: NORMAL,
    safe: fails(UnexpectedResponseError, 1, { message: /malformed JSON/ }),
    create: fails(UnexpectedResponseError, 1, { created: 1, message: /malformed JSON/ }),
    wait: fails(UnexpectedResponseError, 1, { message: /malformed JSON/ }),
  },
  {
    name: 'wrong content-type (200 text/html)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'wrong-content-type' }, { match }),
    timeout: NORMAL,
    safe: fails(UnexpectedResponseError, 1, { message: /text\/html/ }),
    create: fails(UnexpectedResponseError, 1, { created: 0, message: /text\/html/ }),
    wait: fails(UnexpectedResponseError, 1, { message: /text\/html/ }),
  },
  {
    name: '5 MB error body (500)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'huge-error', bytes: 5_000_000, status: 500 }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    // The message stays short (clipped); the body is kept for who wants it.
    create: fails(InternalServerError, 1, { created: 0, message: /^500 x{300}…$/ }),
    wait: ok(2),
  },
  {
    name: '500 after the server acted',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ type: 'status-after-processing', status: 500 }, { match }),
    timeout: NORMAL,
    safe: ok(2),
    create: fails(InternalServerError, 1, { created: 1 }),
    wait: ok(2),
  },
  {
    name: '403 (bad key)',
    transport: 'serve',
    inject: (sim, match) => sim.inject({ status: 403, body: '{"detail":"Invalid credentials"}' }, { match }),
    timeout: NORMAL,
    safe: fails(ForbiddenError, 1, { message: /API key/ }),
    create: fails(ForbiddenError, 1, { created: 0, message: /API key/ }),
    wait: fails(ForbiddenError, 1, { message: /API key/ }),
  },
];

export const MAX_RETRIES = 2;
/** Slack on every time bound, for a loaded 2-core CI machine. */
export const MARGIN_MS = 2_500;
/** Sum of ky's backoffs for MAX_RETRIES (0.5 s + 1 s, before jitter). */
const BACKOFFS_MS = 1_500;

/** How long a cell may take: every attempt timing out, every backoff, Retry-After, plus slack. */
export function budgetMs(fault: FaultCase, kind: Kind): number {
  if (kind === 'wait') return WAIT_TIMEOUT + (fault.extraMs ?? 0) + MARGIN_MS;
  return (MAX_RETRIES + 1) * fault.timeout + BACKOFFS_MS + (fault.extraMs ?? 0) + MARGIN_MS;
}
