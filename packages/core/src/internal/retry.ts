import { ApiError } from '../errors/api-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { retryAfterMs } from './sleep.js';

/** Statuses after which repeating a safe call may succeed. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
export const MAX_RETRY_AFTER_MS = 60_000;
/** setTimeout's limit (2^31 - 1 ms): a longer delay fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;
/**
 * The one backoff: `base` · 2^(attempt - 1), capped at `cap`, minus up to 25 % jitter so clients
 * that failed together do not retry together. Requests use 0.5 s to 8 s; run polling 1 s to 30 s.
 */
export const backoff = (attempt: number, base = 500, cap = 8_000) =>
  Math.min(base * 2 ** (attempt - 1), cap) * (1 - Math.random() * 0.25);

/** What the retry decision knows of a call (from its descriptor and the request). */
export interface RetryTraits {
  /** Safe to repeat: the operation's own decision, or a call the server de-duplicates by key. */
  idempotent: boolean;
  /** Sent with an Idempotency-Key the server de-duplicates by. */
  keyed: boolean;
}

/**
 * Whether an attempt that failed this way may be repeated. Any call retries a 429 and a request
 * that provably never left (connection refused, host not found); safe calls also retry 408, 5xx,
 * network errors and timeouts; a keyed call retries 409, the server's "the first attempt with
 * this key is still in progress".
 */
export function isRetryable(failure: Error, { idempotent, keyed }: RetryTraits): boolean {
  if (failure instanceof ApiError) {
    return (
      failure.status === 429 ||
      (keyed && failure.status === 409) ||
      (idempotent && RETRYABLE_STATUSES.includes(failure.status))
    );
  }
  return failure instanceof ConnectionError && (idempotent || refusedBeforeSending(failure.cause));
}

/** Whether the server may have acted on an attempt that failed this way (its answer then was lost). */
export function mayHaveActed(failure: Error): boolean {
  if (failure instanceof ApiError) return failure.status >= 500;
  return failure instanceof ConnectionError && !refusedBeforeSending(failure.cause);
}

/** The wait before retry number `attempt` (1-based): the server's Retry-After, or backoff with jitter. */
export function retryDelay(attempt: number, failure?: Error): number {
  const server = failure instanceof ApiError ? retryAfterMs(failure.headers, MAX_RETRY_AFTER_MS) : undefined;
  return server ?? backoff(attempt);
}

const REFUSED = /ECONNREFUSED|ConnectionRefused|connection refused|ENOTFOUND|EAI_AGAIN|dns error/i;

/**
 * True when the error chain proves the request never reached a server: the
 * connection was refused or the host did not resolve. Browsers hide this
 * ("Failed to fetch"), so there a create call is never retried.
 */
export function refusedBeforeSending(error: unknown): boolean {
  for (
    let e = error as { cause?: unknown; code?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === 'string' && REFUSED.test(e.code)) return true;
    if (typeof e.message === 'string' && REFUSED.test(e.message) && (e as { name?: string }).name !== 'HTTPError')
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
