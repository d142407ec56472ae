import { ValidationError } from '../errors/validation-error.js';
import { corsHeaders, downstreamHeaders, fail, limitStream, preflight, readLimited, upstreamHeaders } from './http.js';
import { createdIds, isListOperation, namedIds, OWNED_CREATING_OPERATIONS } from './ownership.js';
import { keyNeedles, scrubStream, scrubText } from './scrub.js';
import { DEFAULT_ALLOWED_OPERATIONS, matchOperation, operationNames, RUN_CREATING_OPERATIONS } from './routes.js';
import type { ProxyOperation, SkyvernProxyHandler, SkyvernProxyOptions } from './types.js';

/** Largest request body the proxy forwards, except uploads: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Largest uploadFile request: the API's 10 MiB file limit plus 64 KiB of multipart envelope. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;

// `..` and its encodings, empty segments, encoded slashes and backslashes, NUL.
const UNSAFE_PATH = /\.\.|%2e(?:%2e|\.)|\.%2e|\/\/|%2f|%5c|\\|\0|%00/i;
const NO_BODY_STATUS = [101, 204, 205, 304];
/** How long the upstream may take to answer (headers, and the whole body when read whole): 60 s, then 504. */
export const DEFAULT_UPSTREAM_TIMEOUT = 60_000;
/** Largest answer the proxy reads whole (JSON, errors) before passing it on: 8 MiB; past it, 502. */
export const MAX_BUFFERED_ANSWER_BYTES = 8 * 1024 * 1024;
// Types a browser would render or run on the app's origin.
const ACTIVE_CONTENT = /html|svg|xml|javascript|ecmascript/i;
// Bodies that are text (scrubbed of the key); anything else is binary and passes untouched.
const TEXT_LIKE = /^\s*(text\/|[^;]*(json|xml|javascript|ecmascript|x-www-form-urlencoded)|application\/x-ndjson)/i;

/**
 * A token proxy for browsers: `(request: Request) => Promise<Response>` that forwards the
 * allowed Skyvern API operations under `basePath` with the server's API key, so the page
 * runs `new Skyvern({ baseUrl: '/api/skyvern' })` without one.
 *
 *   Deno.serve(createSkyvernProxy({ apiKey: Deno.env.get('SKYVERN_API_KEY')!, basePath: '/api/skyvern' }));
 *
 * Answers with JSON `{ detail }`: 400 unsafe path, 404 unknown path, 405 wrong method,
 * 403 operation not allowed, 401 authorize said no, 413 body too large, 502 upstream unreachable.
 */
export function createSkyvernProxy(options: SkyvernProxyOptions): SkyvernProxyHandler {
  const {
    apiKey,
    allow = DEFAULT_ALLOWED_OPERATIONS,
    authorize,
    onRunCreated,
    onError,
    ownership,
  } = options ?? ({} as SkyvernProxyOptions);
  const where = 'createSkyvernProxy';
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    throw new ValidationError('apiKey', 'must be a non-empty string', where);
  if (options.baseUrl !== undefined && typeof options.baseUrl !== 'string')
    throw new ValidationError('baseUrl', 'must be an absolute http(s) URL', where);
  const baseUrl = (options.baseUrl ?? 'https://api.skyvern.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i.test(baseUrl))
    throw new ValidationError('baseUrl', 'must be an absolute http(s) URL', where);
  const basePath = (options.basePath ?? '').replace(/^\/*/, '/').replace(/\/+$/, '');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const upstreamTimeout = options.upstreamTimeout ?? DEFAULT_UPSTREAM_TIMEOUT;
  if (!Number.isInteger(upstreamTimeout) || upstreamTimeout <= 0)
    throw new ValidationError('upstreamTimeout', 'must be an integer > 0 (milliseconds)', where);
  for (const [name, value] of [
    ['maxBodyBytes', maxBody],
    ['maxUploadBytes', maxUpload],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) throw new ValidationError(name, 'must be an integer >= 0', where);
  }
  if (typeof allow !== 'function') {
    const unknown = allow.filter((name) => !operationNames.has(name));
    if (unknown.length) throw new ValidationError('allow', `names unknown operations: ${unknown.join(', ')}`, where);
  }
  const names = new Set(typeof allow === 'function' ? [] : allow);
  const allowed = typeof allow === 'function' ? allow : (op: ProxyOperation) => names.has(op.name);
  for (const name of ['fetch', 'authorize', 'onRunCreated', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      throw new ValidationError(name, 'must be a function', where);
  }
  const cors = options.cors;
  if (cors !== undefined) {
    const rule = cors?.origin;
    const list = typeof rule === 'string' ? [rule] : Array.isArray(rule) ? rule : undefined;
    if (typeof rule !== 'function' && !list?.every((origin) => typeof origin === 'string'))
      throw new ValidationError('cors.origin', 'must be a string, a list of strings or a function', where);
    // Any site could then read answers made with the user's cookies: browsers refuse the pair, so must we.
    if (cors.credentials && list?.includes('*'))
      throw new ValidationError('cors.origin', "cannot be '*' with credentials: true; list the allowed origins", where);
    if (cors.maxAge !== undefined && !(Number.isInteger(cors.maxAge) && cors.maxAge >= 0))
      throw new ValidationError('cors.maxAge', 'must be an integer >= 0 (seconds)', where);
  }
  if (
    ownership !== undefined &&
    (typeof ownership?.user !== 'function' ||
      typeof ownership.store?.get !== 'function' ||
      typeof ownership.store?.set !== 'function')
  )
    throw new ValidationError('ownership', 'must be { user(request), store: { get, set } }', where);
  const upstream = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  // A key shorter than 8 characters would match ordinary text: only test keys are that short.
  const needles = apiKey.length >= 8 ? keyNeedles(apiKey) : [];

  const report = (error: unknown, request: Request) => {
    // A client that left is no failure of the API's: onError would hear of every closed tab.
    if ((request.signal as AbortSignal | undefined)?.aborted) return;
    try {
      onError?.(error, request);
    } catch {
      // A failing logger must not change the answer.
    }
  };

  async function handle(
    request: Request,
    cors: Record<string, string> | undefined,
    originAllowed: boolean,
  ): Promise<Response> {
    // The path as sent, before any URL parsing could resolve `..`, then once decoded (double encodings).
    const rawPath = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(request.url)?.[1] ?? '';
    let url: URL;
    let decoded: string;
    try {
      // Deno and Bun build request.url from the Host header as sent: `Host: [` makes it unparsable.
      url = new URL(request.url);
    } catch {
      return fail(400, 'Malformed request URL');
    }
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return fail(400, 'Malformed path');
    }
    if (UNSAFE_PATH.test(rawPath) || UNSAFE_PATH.test(url.pathname) || UNSAFE_PATH.test(decoded))
      return fail(400, 'Unsafe path');

    if (!url.pathname.startsWith(`${basePath}/`)) return fail(404, 'Not found');
    const path = url.pathname.slice(basePath.length);

    if (request.method === 'OPTIONS' && options.cors) {
      return originAllowed ? preflight(options.cors, request, cors!) : fail(403, 'Origin not allowed');
    }

    const method = request.method.toUpperCase();
    const match = matchOperation(method, path);
    if (!match) return fail(404, 'No Skyvern API operation at this path');
    if ('allowedMethods' in match) return fail(405, 'Method not allowed', { allow: match.allowedMethods.join(', ') });
    const op = match;

    if ((await allowed(op, request)) !== true) return fail(403, `${op.name} is not allowed through this proxy`);

    const isUpload = op.name === 'uploadFile';
    const max = isUpload ? maxUpload : maxBody;
    const tooLarge = () => fail(413, `Request body larger than ${max} bytes`);
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > max) return tooLarge();

    if (authorize) {
      const verdict = await authorize(request, op);
      if (verdict instanceof Response) return verdict;
      if (verdict !== true) return fail(401, 'Unauthorized');
    }
    let user: string | undefined;
    if (ownership) {
      user = await ownership.user(request);
      if (typeof user !== 'string' || user === '') return fail(401, 'Unauthorized');
      if (isListOperation(op)) return fail(403, `${op.name} lists every user's items: not allowed with ownership`);
    }

    // Abort upstream when the client goes away or an upload outgrows the limit.
    const abort = new AbortController();
    const signal = request.signal as AbortSignal | undefined;
    if (signal?.aborted) abort.abort();
    signal?.addEventListener?.('abort', () => abort.abort(), { once: true });

    let body: BodyInit | undefined;
    let overflow = false;
    let broken = false;
    if (request.body && method !== 'GET' && method !== 'HEAD') {
      if (isUpload) {
        // Streamed through, never held whole in memory.
        body = limitStream(
          request.body,
          max,
          () => {
            overflow = true;
            abort.abort();
          },
          () => {
            broken = true;
            abort.abort();
          },
        );
      } else {
        let bytes: Uint8Array | undefined;
        try {
          bytes = await readLimited(request.body, max);
        } catch {
          return fail(400, 'Could not read the request body');
        }
        if (!bytes) return tooLarge();
        if (bytes.byteLength) body = bytes as BodyInit;
      }
    }

    if (ownership) {
      for (const [kind, id] of namedIds(op, body instanceof Uint8Array ? body : undefined)) {
        // 404, not 403: another user's id must look like one that does not exist.
        if ((await ownership.store.get(kind, id)) !== user) return fail(404, 'Not found');
      }
    }

    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers: upstreamHeaders(request.headers, apiKey),
      body,
      redirect: 'manual',
      signal: abort.signal,
    };
    if (body instanceof ReadableStream) init.duplex = 'half';

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, upstreamTimeout);
    const late = () => fail(504, `The Skyvern API did not answer within ${upstreamTimeout} ms`);
    let response: Response;
    try {
      response = await upstream(`${baseUrl}${path}${url.search}`, init);
    } catch (error) {
      clearTimeout(timer);
      if (overflow) return tooLarge();
      if (timedOut) return late();
      // The client's fault, not the API's: not reported.
      if (broken) return fail(400, 'The request body broke off');
      report(error, request);
      return fail(502, 'Could not reach the Skyvern API');
    }
    if (overflow) {
      clearTimeout(timer);
      response.body?.cancel().catch(() => {});
      return tooLarge();
    }
    try {
      return await answer(response, request, op, method, () => (timedOut ? late() : undefined), abort.signal, user);
    } finally {
      // A streamed answer may last longer than the timeout: it only bounds the wait for the answer.
      clearTimeout(timer);
    }
  }

  /** The browser's answer from the upstream one; `lateAnswer` is the 504 once the timeout struck. */
  async function answer(
    response: Response,
    request: Request,
    op: ProxyOperation,
    method: string,
    lateAnswer: () => Response | undefined,
    signal: AbortSignal,
    user: string | undefined,
  ): Promise<Response> {
    const { status } = response;
    // Never the upstream statusText: workerd and Next pass it to the browser, and it is free text.
    const headers = downstreamHeaders(response.headers, needles);
    headers.set('x-content-type-options', 'nosniff');
    const type = response.headers.get('content-type') ?? '';
    const ok = status >= 200 && status < 300;
    const runCreated = !!onRunCreated && ok && RUN_CREATING_OPERATIONS.includes(op.name);
    const owned = !!ownership && ok && OWNED_CREATING_OPERATIONS.includes(op.name);
    const created = runCreated || owned;
    const drop = () => response.body?.cancel().catch(() => {});
    if (NO_BODY_STATUS.includes(status) || method === 'HEAD' || !response.body) {
      drop();
      return new Response(null, { status, headers });
    }
    // HTML, SVG, XML, scripts would run on the app's origin: an error becomes the proxy's JSON,
    // anything else plain text.
    if (ACTIVE_CONTENT.test(type)) {
      if (status >= 400) {
        drop();
        return fail(status, `The Skyvern API answered ${status}`);
      }
      headers.set('content-type', 'text/plain; charset=utf-8');
    }
    const textLike = type === '' || TEXT_LIKE.test(type);
    // JSON and every error are read whole (bounded), so a new run can go to onRunCreated and a
    // broken-off answer becomes a 502; other text (event streams, no content-type) is scrubbed as it
    // streams; binary answers (artifact content) stream through untouched.
    if (!(created || status >= 400 || /json/i.test(type))) {
      const body = textLike && needles.length ? scrubStream(response.body, needles) : response.body;
      return new Response(body, { status, headers });
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readLimited(response.body, MAX_BUFFERED_ANSWER_BYTES, signal);
    } catch (error) {
      if (lateAnswer()) return lateAnswer()!;
      report(error, request);
      return fail(502, 'The Skyvern API connection broke off');
    }
    if (!bytes) return fail(502, `The Skyvern API answer is larger than ${MAX_BUFFERED_ANSWER_BYTES} bytes`);
    const text = new TextDecoder().decode(bytes);
    if (created) {
      let run: unknown;
      try {
        run = JSON.parse(text);
      } catch {
        // Not JSON: nothing to record; the answer still goes through.
      }
      if (run && typeof run === 'object' && !Array.isArray(run)) {
        if (owned)
          for (const [kind, id] of createdIds(op, run as Record<string, unknown>))
            await ownership!.store.set(kind, id, user!);
        if (runCreated) await onRunCreated!(run as Record<string, unknown>, request, op);
      }
    }
    const scrubbed = needles.length ? scrubText(text, needles) : text;
    return new Response(scrubbed === text ? (bytes as BodyInit) : scrubbed, { status, headers });
  }

  return async function skyvernProxy(request: Request): Promise<Response> {
    let response: Response;
    let cors: ReturnType<typeof corsHeaders>;
    try {
      cors = corsHeaders(options.cors, request);
      response = await handle(request, cors?.headers, !!cors?.allowed);
    } catch (error) {
      report(error, request);
      response = fail(500, 'The Skyvern proxy failed');
    }
    if (!cors) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(cors.headers)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}
