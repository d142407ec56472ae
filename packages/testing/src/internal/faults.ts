import type { Fault, FaultMatch, InjectedFault } from '../types.js';
import { templateMatches } from './http.js';
import { sleep } from './util.js';

/** Marks the errors that stand for a broken connection, so the node server can reset the socket. */
export const SIMULATED_FAULT: unique symbol = Symbol.for('skyvern-edge.testing.simulated-fault');

export type ConnectionFaultKind = 'network-error' | 'reset';

/** The kind of connection fault an error stands for, if it is one the simulator made. */
export function connectionFaultOf(error: unknown): ConnectionFaultKind | undefined {
  return typeof error === 'object' && error !== null
    ? ((error as any)[SIMULATED_FAULT] as ConnectionFaultKind | undefined)
    : undefined;
}

function mark<E extends Error>(error: E, kind: ConnectionFaultKind): E {
  Object.defineProperty(error, SIMULATED_FAULT, { value: kind, enumerable: false });
  return error;
}

/** What fetch (undici) rejects with when the connection is refused. */
export function networkError(): TypeError {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 1,
  });
  return mark(new TypeError('fetch failed', { cause }), 'network-error');
}

/** What fetch rejects with when the connection is reset. */
export function resetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return mark(new TypeError('terminated', { cause }), 'reset');
}

export function faultName(fault: Fault): string {
  return 'type' in fault ? fault.type : `status-${fault.status}`;
}

export interface FaultEntry extends InjectedFault {
  remaining: number;
  hits: number;
}

export function matches(match: FaultMatch, method: string, pathname: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  if (match.path instanceof RegExp) {
    match.path.lastIndex = 0;
    return match.path.test(pathname);
  }
  return match.path.includes('{') ? templateMatches(match.path, pathname) : match.path === pathname;
}

/** A body that sends nothing and never ends; it errors with the signal's reason when the signal aborts. */
export function stalledBody(signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  let onAbort: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!signal) return;
      onAbort = () => controller.error(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    cancel() {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  });
}

/** `bytes` sent `chunkBytes` at a time, every `intervalMs`; after `stallAfterChunks` chunks, nothing more. */
export function slowBody(
  bytes: Uint8Array,
  {
    intervalMs,
    chunkBytes = 1024,
    stallAfterChunks,
  }: { intervalMs: number; chunkBytes?: number; stallAfterChunks?: number },
  signal: AbortSignal | null | undefined,
): ReadableStream<Uint8Array> {
  let offset = 0;
  let chunks = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (stallAfterChunks !== undefined && chunks >= stallAfterChunks) {
          await new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
          );
        }
        await sleep(intervalMs, signal);
        controller.enqueue(bytes.slice(offset, offset + chunkBytes));
        offset += chunkBytes;
        chunks++;
        if (offset >= bytes.byteLength) controller.close();
      } catch (error) {
        try {
          controller.error(error);
        } catch {
          // Already cancelled by the reader.
        }
      }
    },
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The answer of a `{ status }` fault: the given body, or FastAPI's `{"detail": ...}`. */
export function statusResponse(status: number, body?: string, headers: Record<string, string> = {}): Response {
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (body === undefined) {
    const detail = STATUS_TEXT[status] ?? `HTTP ${status}`;
    return new Response(status === 204 || status === 304 ? null : JSON.stringify({ detail }), {
      status,
      headers: { ...(hasType ? {} : { 'content-type': 'application/json' }), ...headers },
    });
  }
  const trimmed = body.trimStart();
  const guessed =
    trimmed.startsWith('{') || trimmed.startsWith('[')
      ? 'application/json'
      : trimmed.startsWith('<')
        ? 'text/html; charset=utf-8'
        : 'text/plain; charset=utf-8';
  return new Response(body, { status, headers: { ...(hasType ? {} : { 'content-type': guessed }), ...headers } });
}

export function htmlPage(body?: string): Response {
  const page =
    body ??
    '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><h1>Welcome</h1><p>Please sign in to continue.</p></body></html>';
  return new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A JSON error body of exactly `bytes` bytes: {"detail":"xxxx…"}. */
export function hugeError(status: number, bytes: number): Response {
  const frame = '{"detail":""}';
  const body = frame.slice(0, -2) + 'x'.repeat(Math.max(0, bytes - frame.length)) + '"}';
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

/** The same answer with its body cut in half. */
export async function truncated(response: Response): Promise<Response> {
  const text = await response.text();
  const cut = text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : '{"';
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(cut, { status: response.status === 204 ? 200 : response.status, headers });
}
