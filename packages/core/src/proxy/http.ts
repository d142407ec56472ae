// Small web-standard helpers of the proxy: JSON errors, header filters, CORS, bounded body reads.
import type { ProxyCorsOptions } from './types.js';
import { readAll } from '../internal/read-body.js';

/** A JSON error in the API's own shape, `{ "detail": "..." }`. */
export function fail(status: number, detail: string, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify({ detail }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

// Credentials the browser sent (the proxy sets its own key), hop-by-hop headers, and
// headers the upstream fetch computes itself (length, host, encodings it can decode).
const DROP_REQUEST = new Set([
  'x-api-key',
  'authorization',
  'cookie',
  'proxy-authorization',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'content-length',
  'accept-encoding',
  // Headers some servers and frameworks obey to change the method, path or host they act on.
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'x-original-url',
  'x-rewrite-url',
  'x-forwarded-host',
  'forwarded',
]);

/** The browser's headers minus credentials and hop-by-hop ones, plus the proxy's key. */
export function upstreamHeaders(incoming: Headers, apiKey: string): Headers {
  const named = new Set(
    (incoming.get('connection') ?? '')
      .toLowerCase()
      .split(',')
      .map((token) => token.trim()),
  );
  const headers = new Headers();
  incoming.forEach((value, name) => {
    if (!DROP_REQUEST.has(name) && !named.has(name)) headers.set(name, value);
  });
  headers.set('x-api-key', apiKey);
  return headers;
}

// Only these upstream headers reach the browser: no set-cookie, no server internals,
// no content-encoding/length (the body is already decoded by fetch).
const KEEP_RESPONSE = new Set([
  'content-type',
  'content-disposition',
  'content-language',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'retry-after',
  'x-request-id',
]);

/** The upstream headers the browser may see; any that holds the key (in any form in `needles`) is dropped. */
export function downstreamHeaders(upstream: Headers, needles: readonly string[]): Headers {
  const headers = new Headers();
  upstream.forEach((value, name) => {
    if (
      (KEEP_RESPONSE.has(name) || name.startsWith('x-ratelimit-')) &&
      !needles.some((needle) => value.includes(needle))
    )
      headers.set(name, value);
  });
  return headers;
}

/**
 * CORS headers for a request: undefined without `cors`; else at least `vary: origin`, and the
 * allow headers when the request's Origin is allowed (`allowed` tells which).
 */
export function corsHeaders(
  cors: ProxyCorsOptions | undefined,
  request: Request,
): { headers: Record<string, string>; allowed: boolean } | undefined {
  if (!cors) return undefined;
  const headers: Record<string, string> = { vary: 'origin' };
  const origin = request.headers.get('origin');
  const rule = cors.origin;
  const list = typeof rule === 'string' ? [rule] : typeof rule === 'function' ? [] : rule;
  const allowed =
    !!origin && (typeof rule === 'function' ? rule(origin) === true : list.includes('*') || list.includes(origin));
  if (allowed) {
    // '*' with credentials is refused at construction.
    headers['access-control-allow-origin'] = list.includes('*') ? '*' : origin!;
    headers['access-control-expose-headers'] = 'x-request-id, retry-after, content-disposition';
    if (cors.credentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { headers, allowed };
}

/** The answer to an OPTIONS preflight. */
export function preflight(cors: ProxyCorsOptions, request: Request, headers: Record<string, string>): Response {
  const extra: Record<string, string> = {
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'content-type',
  };
  if (cors.maxAge !== undefined) extra['access-control-max-age'] = String(cors.maxAge);
  return new Response(null, { status: 204, headers: { ...headers, ...extra } });
}

/**
 * The whole body when it has at most `max` bytes; undefined (and the stream cancelled) past that.
 * When `signal` aborts, the stream is cancelled and the read rejects (a stalled body cannot hang).
 */
export function readLimited(
  stream: ReadableStream<Uint8Array>,
  max: number,
  signal?: AbortSignal,
): Promise<Uint8Array | undefined> {
  return readAll(stream, { max, signal });
}

/**
 * Passes a stream through, counting bytes; past `max` calls `onOverflow` and errors the stream.
 * `onBreak` hears of a source that fails (a client gone mid-upload), not of a reader that stops:
 * a fetch fed an erroring body does not always drop its connection (workerd keeps it open), so the
 * caller aborts it.
 */
export function limitStream(
  stream: ReadableStream<Uint8Array>,
  max: number,
  onOverflow: () => void,
  onBreak: () => void,
): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        onBreak();
        controller.error(error);
        return;
      }
      if (next.done) return controller.close();
      size += next.value.byteLength;
      if (size > max) {
        onOverflow();
        controller.error(new RangeError('request body too large'));
        reader.cancel().catch(() => {});
      } else {
        controller.enqueue(next.value);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
