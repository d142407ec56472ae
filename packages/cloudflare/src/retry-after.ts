import { ApiError, retryAfterMs } from '@skyvern-edge/core';

const MAX_WAIT_MS = 5 * 60_000;

/** The server's pacing of a 429 in ms (the core's one parser: Retry-After, RateLimit-Reset), else `fallbackMs`; capped at 5 minutes. */
export function retryAfterOf(error: ApiError, fallbackMs: number): number {
  return retryAfterMs(error.headers, MAX_WAIT_MS) ?? Math.min(Math.max(fallbackMs, 0), MAX_WAIT_MS);
}

export const isRateLimited = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 429;
