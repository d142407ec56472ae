import { UserAbortError } from '../errors/connection-error.js';

/** A timer that the signal clears: an aborted sleep leaves nothing scheduled. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UserAbortError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UserAbortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The server's pacing in milliseconds, capped; undefined when absent or unreadable. The one parser
 * for request retries and run polling: `Retry-After` in seconds (fractions too: '1.5') or as an
 * HTTP date; without it, `RateLimit-Reset` (seconds until the window resets).
 */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, cap: number): number | undefined {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? undefined;
  const after = get('retry-after')?.trim();
  const value = after || get('ratelimit-reset')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : after ? Date.parse(value) - Date.now() : Number.NaN;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), cap) : undefined;
}
