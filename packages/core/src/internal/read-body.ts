import { RequestTimeoutError, UserAbortError } from '../errors/connection-error.js';
import { concatBytes } from './bytes.js';

/**
 * Reads a response body under the same per-attempt timeout as its headers: a
 * server that sends headers and then stalls must not hang the caller. On
 * timeout or abort the stream is cancelled, which releases the connection.
 */
export async function readBody(response: Response, timeout: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(timeout)), timeout);
    if (signal) {
      onAbort = () => reject(new UserAbortError(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), interrupted]);
      if (done) return concatBytes(chunks, size);
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
