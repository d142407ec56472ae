import { RequestTimeoutError, UserAbortError } from '../errors/connection-error.js';
import { concatBytes } from './bytes.js';

/**
 * The next chunk, within `timeout` ms: an idle timeout, not a deadline, so a long download that
 * keeps moving never times out while one that stalls does. On timeout or abort the stream is
 * cancelled, which releases the connection.
 */
async function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeout: number | undefined,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (timeout === undefined && !signal) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        if (timeout !== undefined) timer = setTimeout(() => reject(new RequestTimeoutError(timeout)), timeout);
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

/**
 * The one body reader: a whole stream, chunk by chunk under the idle timeout (if any);
 * `progress.bytes` counts what arrived. Past `max` bytes it stops, cancels the stream and answers
 * undefined.
 */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
  { timeout, signal, max = Number.POSITIVE_INFINITY, progress = { bytes: 0 } }: ReadAllOptions = {},
): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await nextChunk(reader, timeout, signal);
    if (done) return concatBytes(chunks, progress.bytes);
    progress.bytes += value.byteLength;
    if (progress.bytes > max) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
}

export interface ReadAllOptions {
  timeout?: number;
  signal?: AbortSignal;
  max?: number;
  progress?: { bytes: number };
}

/** A response's whole body (empty when it has none). */
export async function readBody(
  response: Response,
  timeout: number,
  signal?: AbortSignal,
  progress = { bytes: 0 },
): Promise<Uint8Array> {
  return response.body
    ? ((await readAll(response.body, { timeout, signal, progress })) as Uint8Array)
    : new Uint8Array(0);
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
