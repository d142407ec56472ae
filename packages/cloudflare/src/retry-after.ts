import { ApiError } from '@skyvern-edge/core';

/** The server's Retry-After of a 429 (seconds or an HTTP date) in ms, else `fallbackMs`; capped at 5 minutes. */
export function retryAfterOf(error: ApiError, fallbackMs: number): number {
  const value = error.headers instanceof Headers ? error.headers.get('retry-after') : error.headers?.['retry-after'];
  const seconds = Number(value);
  const ms = value ? (Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()) : Number.NaN;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : fallbackMs, 0), 5 * 60_000);
}

export const isRateLimited = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 429;
