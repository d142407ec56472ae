import type { RetryOptions } from 'ky';

/** Statuses after which repeating a safe call may succeed. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
export const MAX_RETRY_AFTER_MS = 60_000;
/** setTimeout's limit (2^31 - 1 ms): a longer delay fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

const backoff = (attempt: number) => Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
// Up to 25 % less than the computed delay, so clients that failed together do not retry together.
const jitter = (delay: number) => delay * (1 - Math.random() * 0.25);

/** The wait before retry number `attempt` (1-based) when the server gave no Retry-After. */
export const retryDelay = (attempt: number) => jitter(backoff(attempt));

/**
 * Safe calls retry on network errors, timeouts and RETRYABLE_STATUSES. Calls that
 * start or create something retry only where the server provably did not act:
 * a 429, or a connection refused before the request left.
 */
export function retryPolicy(idempotent: boolean, limit: number): RetryOptions {
  const statusCodes = idempotent ? RETRYABLE_STATUSES : [429];
  return {
    limit,
    methods: ['get', 'post', 'put', 'patch', 'delete'],
    statusCodes,
    afterStatusCodes: statusCodes,
    maxRetryAfter: MAX_RETRY_AFTER_MS,
    retryOnTimeout: idempotent,
    delay: backoff,
    jitter,
    shouldRetry: idempotent
      ? undefined
      : ({ error }) =>
          (error as { name?: string }).name === 'HTTPError' || refusedBeforeSending(error) ? undefined : false,
  };
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
