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

/** Retry-After in seconds or as an HTTP date → milliseconds, capped; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, cap: number): number | undefined {
  const value = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), cap) : undefined;
}
