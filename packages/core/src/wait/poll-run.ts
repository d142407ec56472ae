import * as op from '../generated/operations.js';
import { runShape } from '../internal/run-shape.js';
import { ApiError } from '../errors/api-error.js';
import { isTransientError } from '../errors/is-transient-error.js';
import { RunTimeoutError } from '../errors/run-timeout-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { retryAfterMs, sleep } from '../internal/sleep.js';
import { backoff, MAX_RETRY_AFTER_MS, MAX_TIMER_MS } from '../internal/retry.js';
import { checkSignal, describeValue } from '../internal/validate.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Run } from '../types.js';
import { defaultPollSchedule } from './poll-schedule.js';
import { isTerminalStatus } from './terminal.js';
import { DEFAULT_WAIT_TIMEOUT_MS, type WaitOptions } from './wait-options.js';

/** Shared by waitForRun and watchRun: what the poll loop saw last, for RunTimeoutError. */
export interface PollState {
  last?: Run;
}

/**
 * Polls a run and yields it at each observed change (status or step_count),
 * returning once it is terminal. Stops on `signal` (internal to the callers).
 */
export async function* pollRun(
  client: SkyvernClient,
  runId: string,
  options: WaitOptions,
  signal: AbortSignal,
  state: PollState,
  initial?: Run,
  where = 'waitForRun',
): AsyncGenerator<Run, Run> {
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT_MS;
  const deadline = Date.now() + timeout;
  const interval = options.pollInterval;
  const given =
    typeof interval === 'function' ? interval : interval === undefined ? defaultPollSchedule : () => interval;
  // A function's answer is checked like the number form: a forgotten `return` (undefined),
  // NaN or 0 would otherwise poll with no pause at all.
  const schedule = (n: number, run: Run) => checkedInterval(given(n, run as never), where);
  let attempt = 0;
  let failures = 0;
  let lastKey: string | undefined;
  let delay = 0;

  const observe = (run: Run): boolean => {
    state.last = run;
    const key = `${run.status}|${run.step_count ?? ''}`;
    if (key === lastKey) return false;
    lastKey = key;
    return true;
  };

  if (initial) {
    if (observe(initial)) yield initial;
    if (isTerminalStatus(initial.status)) return initial;
    delay = schedule(++attempt, initial);
  }
  for (;;) {
    // Capped at setTimeout's limit: above it Node fires after 1 ms.
    if (delay > 0) await sleep(Math.min(delay, Math.max(deadline - Date.now(), 0), MAX_TIMER_MS), signal);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new RunTimeoutError(runId, timeout, state.last);
    try {
      // Only the run and the server's pacing outlive this await: holding the Response
      // across the sleep would keep its streams and headers alive for every waiter.
      // The descriptor, not api/runs.ts: imports run one way (api → wait), never in a circle.
      const { data, serverDelay } = await client
        .request(
          op.getRun,
          [runId],
          undefined,
          { signal, maxRetries: 0, timeout: Math.min(client.timeout, remaining) },
          {
            shape: runShape,
          },
        )
        .withResponse()
        .then(({ data, response }) => ({ data, serverDelay: retryAfterMs(response.headers, MAX_RETRY_AFTER_MS) }));
      failures = 0;
      if (observe(data)) yield data;
      if (isTerminalStatus(data.status)) return data;
      delay = serverDelay ?? schedule(++attempt, data);
    } catch (error) {
      if (!isTransientError(error)) throw error;
      failures++;
      const serverWait = error instanceof ApiError ? retryAfterMs(error.headers, MAX_RETRY_AFTER_MS) : undefined;
      // After a transient failure (network, 429, 5xx): about 1 s, 2 s, 4 s … up to 30 s.
      delay = Math.max(serverWait ?? 0, backoff(failures, 1_000, 30_000));
    }
  }
}

/** Between 100 ms (less is almost always seconds given as ms) and setTimeout's limit. */
const isInterval = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 100 && value <= MAX_TIMER_MS;

function checkedInterval(value: unknown, where: string): number {
  if (!isInterval(value)) {
    throw new ValidationError(
      'pollInterval',
      `returned ${describeValue(value)}; it must return milliseconds between 100 and ${MAX_TIMER_MS}`,
      where,
    );
  }
  return value;
}

export function checkWaitOptions(options: WaitOptions, where: string): void {
  const { timeout, pollInterval, onUpdate } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 1_000)) {
    throw new ValidationError(
      'timeout',
      `must be a number of milliseconds >= 1000 (received ${describeValue(timeout)})`,
      where,
    );
  }
  if (pollInterval !== undefined && typeof pollInterval !== 'function' && !isInterval(pollInterval)) {
    throw new ValidationError(
      'pollInterval',
      `must be a number of milliseconds >= 100 or a function (received ${describeValue(pollInterval)})`,
      where,
    );
  }
  if (onUpdate !== undefined && typeof onUpdate !== 'function') {
    throw new ValidationError('onUpdate', 'must be a function', where);
  }
  checkSignal(options.signal, 'signal', where);
}
