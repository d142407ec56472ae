import { RequestTimeoutError, UserAbortError } from '../errors/connection-error.js';

/**
 * Reads a response body under the same per-attempt timeout as its headers: a
 * server that sends headers and then stalls must not hang the caller. On
 * timeout or abort the stream is cancelled, which releases the connection.
 */
export async function readBody(response: Response, timeout: number, signal?: AbortSignal): Promise<string> {
  if (!response.body) return '';
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
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), interrupted]);
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
