import { RequestTimeoutError, UserAbortError } from '../errors/connection-error.js';
import { concatBytes } from './bytes.js';

/**
 * The next chunk, within `timeout` ms: an idle timeout, not a deadline, so a long download that
 * keeps moving never times out while one that stalls does. On timeout or abort the stream is
 * cancelled, which releases the connection.
 */
async function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RequestTimeoutError(timeout)), timeout);
        onAbort = () => reject(new UserAbortError(signal?.reason));
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Reads a whole body, chunk by chunk under the idle timeout; `progress.bytes` counts what arrived. */
export async function readBody(
  response: Response,
  timeout: number,
  signal?: AbortSignal,
  progress = { bytes: 0 },
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await nextChunk(reader, timeout, signal);
    if (done) return concatBytes(chunks, progress.bytes);
    chunks.push(value);
    progress.bytes += value.byteLength;
  }
}

/**
 * The body as a stream for the caller to read (`asResponse()`), under the same idle timeout and
 * signal. Pulled: nothing is timed while nobody reads. `mapError` turns a failure into the SDK's.
 */
export function streamBody(
  body: ReadableStream<Uint8Array>,
  timeout: number,
  signal: AbortSignal | undefined,
  mapError: (error: unknown) => unknown,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await nextChunk(reader, timeout, signal);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(mapError(error));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
