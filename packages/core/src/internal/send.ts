import type { KyInstance } from 'ky';
import type * as v from 'valibot';
import { ApiError, apiErrorFor, UnexpectedResponseError } from '../errors/api-error.js';
import { ConnectionError, RequestTimeoutError, UserAbortError } from '../errors/connection-error.js';
import { SkyvernError } from '../errors/skyvern-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { idempotencyKeyFormat } from '../generated/operations.js';
import { ApiPromise, type BodyMode, type WithResponse } from './api-promise.js';
import type { OperationDescriptor } from './operation.js';
import { isWorkers } from './env.js';
import { isNetworkFailure } from './network-failure.js';
import { readBody, streamBody } from './read-body.js';
import { REQUEST_OPTION_KEYS, type RequestOptions } from './request-options.js';
import { MAX_TIMER_MS, isRetryable, mayHaveActed, retryDelay } from './retry.js';
import { sleep } from './sleep.js';
import {
  checkNumber,
  checkParams,
  checkSignal,
  describeValue,
  requireString,
  schemaIssue,
  validate,
} from './validate.js';

export interface Transport {
  http: KyInstance;
  timeout: number;
  maxRetries: number;
  /** The key the client sends: removed from anything an error keeps of a response. */
  apiKey?: string;
}

/** A request already split into its wire parts; built by `prepare`, or by hand for multipart. */
export interface WireRequest {
  op: Pick<OperationDescriptor, 'name' | 'method' | 'idempotent' | 'idempotencyKey' | 'notFoundIsDone'> & {
    /** The spec's path template, named by errors. */
    path?: string;
  };
  path: string;
  searchParams?: URLSearchParams;
  headers?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
}

/** What the caller expects back: a JSON body with the fields it relies on (`shape`), or raw bytes. */
export interface Expect {
  shape?: v.GenericSchema;
  as?: 'json' | 'blob';
}

/**
 * One id as one path segment. encodeURIComponent leaves `.` alone, and URL parsing resolves the
 * dot segments `.` and `..`, so `cancelRun('.')` would POST /v1/runs/cancel (bulk cancel) and
 * `getRun('..')` GET /v1/: refused before anything is sent.
 */
function pathSegment(value: unknown, name: string, where: string): string {
  const id = requireString(value, name, where);
  if (id === '.' || id === '..') {
    throw new ValidationError(name, `must be an id, not the path segment '${id}'`, where);
  }
  return encodeURIComponent(id);
}

/** Checks and splits one call into path, query, headers and body, or throws a ValidationError. */
export function prepare(op: OperationDescriptor, pathArgs: readonly unknown[], params: unknown): WireRequest {
  let i = 0;
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pathSegment(pathArgs[i++], name, op.name));
  checkParams(params, op.name);
  const fields = (params ?? {}) as Record<string, unknown>;
  if (op.fields) op.check?.(op.fields, fields, op.name);
  if (op.input) validate(op.input, fields, op.name);

  const searchParams = new URLSearchParams();
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const header = op.headers?.find(([field]) => field === key)?.[1];
    if (op.query?.includes(key)) {
      if (value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) searchParams.append(key, String(item));
    } else if (header) {
      if (value !== null) headers[header] = String(value);
    } else if (op.body === 'json') {
      body[key] = value;
    } else {
      throw new ValidationError(key, `is not a parameter of ${op.name}`, op.name);
    }
  }
  return {
    op,
    path,
    searchParams,
    headers,
    // A body-optional operation (retryRunWebhook) sends no body rather than `{}` when given nothing.
    json: op.body === 'json' && (params !== undefined || op.bodyRequired) ? body : undefined,
  };
}

/** Sends a prepared request through ky and maps every failure to a SkyvernError. */
export function send<T>(
  transport: Transport,
  wire: WireRequest,
  options: RequestOptions = {},
  expect: Expect = {},
): ApiPromise<T> {
  const mode: BodyMode = { raw: false, checked: false };
  return new ApiPromise(execute<T>(transport, wire, options, expect, mode), mode);
}

async function execute<T>(
  transport: Transport,
  wire: WireRequest,
  options: RequestOptions,
  expect: Expect,
  mode: BodyMode,
): Promise<WithResponse<T>> {
  const { op } = wire;
  checkOptions(options, op);
  const { signal } = options;
  if (signal?.aborted) throw new UserAbortError(signal.reason);
  const timeout = options.timeout ?? transport.timeout;
  const maxRetries = options.maxRetries ?? transport.maxRetries;
  checkNumber(timeout, 'timeout', op.name, 1, MAX_TIMER_MS);
  checkNumber(maxRetries, 'maxRetries', op.name, 0, Number.MAX_SAFE_INTEGER, true);
  const headers = { ...wire.headers, ...options.headers };
  // Safe to repeat only with a key the server de-duplicates by, the same on every attempt.
  const keyed = Boolean(op.idempotencyKey) && withIdempotencyKey(headers, options.idempotencyKey, op.name);
  const traits = { idempotent: op.idempotent !== false && (!op.idempotencyKey || keyed), keyed };
  const fail = (error: unknown) =>
    withoutKey(toSkyvernError(error, signal, timeout, transport.apiKey, op), transport.apiKey);
  // The one retry loop (ky's own is off): headers and bodies spend the same budget.
  let acted = false;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    const progress = { bytes: 0 };
    try {
      response = await transport.http(wire.path.replace(/^\//, ''), {
        method: op.method,
        searchParams: wire.searchParams,
        headers,
        json: wire.json,
        body: wire.body,
        signal,
        timeout,
        // A run is polled with GETs: Next.js's fetch cache or an HTTP cache on the way must not
        // hand back a stale run forever.
        cache: op.method === 'GET' && !isWorkers() ? 'no-store' : undefined,
        ...(options.keepalive ? { keepalive: true } : {}),
      });
      mode.checked = true;
      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (mode.raw) {
        const { status, statusText, headers: head } = response;
        const body = response.body && streamBody(response.body, timeout, signal, fail);
        return { data: undefined as T, response: new Response(body, { status, statusText, headers: head }), requestId };
      }
      return finish<T>(wire, response, await readBody(response, timeout, signal, progress), expect, transport.apiKey);
    } catch (error) {
      const failure = fail(error);
      // The delete happened on an attempt whose answer was lost: gone either way, and the answer has no body.
      if (acted && op.notFoundIsDone && failure instanceof ApiError && failure.status === 404) {
        const gone = (error as { response?: Response }).response ?? new Response(null, { status: 404 });
        return { data: undefined as T, response: gone, requestId: failure.requestId };
      }
      const bodyFailed = response !== undefined;
      // A download that had begun is not fetched again: the caller may resume it with a Range request.
      const downloading = expect.as === 'blob' && progress.bytes > 0;
      // Once the headers came the server has acted: a body failure is a lost answer.
      const retry = bodyFailed ? traits.idempotent && failure instanceof ConnectionError : isRetryable(failure, traits);
      if (!retry || downloading || attempt > maxRetries) throw failure;
      acted ||= bodyFailed || mayHaveActed(failure);
      await sleep(retryDelay(attempt, failure), signal);
    }
  }
}

/**
 * The last step before an error leaves the SDK: whatever a runtime, a fetch wrapper or a server put
 * in the message, the key is not in its message or stack.
 */
function withoutKey<E extends Error>(error: E, apiKey: string | undefined): E {
  if (!apiKey || apiKey.length < 8) return error;
  if (error.cause instanceof Error && error.cause !== error) withoutKey(error.cause, apiKey);
  for (const field of ['message', 'stack'] as const) {
    const text = error[field];
    if (typeof text === 'string' && text.includes(apiKey)) {
      Object.defineProperty(error, field, {
        value: text.split(apiKey).join('[redacted]'),
        writable: true,
        configurable: true,
      });
    }
  }
  return error;
}

/**
 * Sets the call's Idempotency-Key: the `idempotencyKey` option, else one given in `headers`, else a
 * random UUID. False where there is none (no random UUID in this runtime). A key in `headers` outside
 * the spec's format is refused here, naming the header and not echoing it (checkOptions checked the option).
 */
function withIdempotencyKey(headers: Record<string, string>, given: string | undefined, where: string): boolean {
  const names = Object.keys(headers).filter((name) => name.toLowerCase() === 'idempotency-key');
  if (given === undefined && names.length) {
    const name = names[names.length - 1]!;
    if (!idempotencyKeyFormat.pattern.test(headers[name]!)) {
      throw new ValidationError(`headers.${name}`, idempotencyKeyFormat.message, where);
    }
    return true;
  }
  for (const name of names) delete headers[name];
  const key = given ?? (globalThis.crypto as Crypto | undefined)?.randomUUID?.();
  if (key) headers['idempotency-key'] = key;
  return Boolean(key);
}

function finish<T>(
  wire: WireRequest,
  response: Response,
  bytes: Uint8Array,
  expect: Expect,
  apiKey?: string,
): WithResponse<T> {
  const data = (
    expect.as === 'blob'
      ? new Blob([bytes as BlobPart], { type: response.headers.get('content-type') ?? '' })
      : parseBody(wire, response, new TextDecoder().decode(bytes), apiKey)
  ) as T;
  if (expect.shape && schemaIssue(expect.shape, data)) {
    throw new UnexpectedResponseError(
      'the response lacks fields the SDK relies on',
      response.status,
      redact(data, apiKey),
      redactHeaders(response.headers, apiKey),
      wire.op,
    );
  }
  return { data, response, requestId: response.headers.get('x-request-id') ?? undefined };
}

function parseBody(wire: WireRequest, response: Response, text: string, apiKey?: string): unknown {
  if (response.status === 204 || text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  try {
    return JSON.parse(text);
  } catch {
    const what = type.includes('json') ? 'malformed JSON' : `${type || 'an unknown content type'} instead of JSON`;
    throw new UnexpectedResponseError(
      `the API answered ${response.status} with ${what}`,
      response.status,
      redact(text.slice(0, 2_000), apiKey),
      redactHeaders(response.headers, apiKey),
      wire.op,
    );
  }
}

// `waitForCompletion: false` is a valid way to say "don't wait" on run-creating calls.
// waitForCompletion is the run starters' own option: named here so it gets its own error below.
const OPTION_KEYS = new Set<string>([...REQUEST_OPTION_KEYS, 'waitForCompletion']);

function checkOptions(options: RequestOptions, op: WireRequest['op']): void {
  const where = op.name;
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options', `must be an object (received ${describeValue(options)})`, where);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key))
      throw new ValidationError(`options.${key}`, `is not a request option (${REQUEST_OPTION_KEYS.join(', ')})`, where);
  }
  if ((options as { waitForCompletion?: unknown }).waitForCompletion === true) {
    // runTask, runWorkflow and login take it (and never pass it down here); other calls cannot wait.
    throw new ValidationError(
      'options.waitForCompletion',
      'is not supported here: poll with waitForRun(run_id)',
      where,
    );
  }
  const { signal, headers, idempotencyKey } = options;
  if (idempotencyKey !== undefined) {
    if (!op.idempotencyKey) {
      throw new ValidationError(
        'options.idempotencyKey',
        'is not supported here: Skyvern does not de-duplicate this call',
        where,
      );
    }
    if (typeof idempotencyKey !== 'string' || !idempotencyKeyFormat.pattern.test(idempotencyKey)) {
      throw new ValidationError('options.idempotencyKey', idempotencyKeyFormat.message, where);
    }
  }
  checkSignal(signal, 'options.signal', where);
  if (options.keepalive !== undefined && typeof options.keepalive !== 'boolean') {
    throw new ValidationError('options.keepalive', 'must be a boolean', where);
  }
  if (headers !== undefined && (headers === null || typeof headers !== 'object')) {
    throw new ValidationError('options.headers', 'must be a record of strings', where);
  }
}

/**
 * Maps ky's and fetch's failures onto the SDK's hierarchy, keeping the raw cause without the request (it holds
 * the key).
 */
export function toSkyvernError(
  error: unknown,
  signal: AbortSignal | undefined,
  timeout: number,
  apiKey?: string,
  op?: WireRequest['op'],
): SkyvernError {
  if (error instanceof SkyvernError) return error;
  if (signal?.aborted) return new UserAbortError(signal.reason);
  const e = error as { name?: string; response?: Response; data?: unknown; cause?: unknown; message?: string };
  if (e?.name === 'HTTPError' && e.response)
    return apiErrorFor(e.response.status, redact(e.data, apiKey), redactHeaders(e.response.headers, apiKey), op);
  if (e?.name === 'TimeoutError') return new RequestTimeoutError(timeout);
  const cause = rawCause(e?.name === 'NetworkError' ? e.cause : error);
  const detail = (cause as { message?: string })?.message;
  if (isNetworkFailure(error)) {
    return new ConnectionError(`Could not reach the Skyvern API${detail ? `: ${detail}` : ''}`, { cause });
  }
  // Not the network: a bug in the request or in a fetch wrapper. Retrying or waiting cannot fix it.
  return new SkyvernError(`The request failed before Skyvern answered${detail ? `: ${detail}` : ''}`, { cause });
}

/**
 * `value` (text or JSON) with every occurrence of the key replaced by '[redacted]'. Keys under 8 characters are
 * test keys: left alone.
 */
export function redact<T>(value: T, apiKey: string | undefined): T {
  if (!apiKey || apiKey.length < 8 || value === undefined || value === null) return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || !text.includes(apiKey)) return value;
  const clean = text.split(apiKey).join('[redacted]');
  return (typeof value === 'string' ? clean : JSON.parse(clean)) as T;
}

/** The response headers minus any whose value holds the key. */
function redactHeaders(headers: Headers, apiKey: string | undefined): Headers {
  if (!apiKey || apiKey.length < 8) return headers;
  const out = new Headers();
  headers.forEach((value, name) => {
    if (!value.includes(apiKey)) out.set(name, value);
  });
  return out;
}

/** The innermost error, copied to name, message and code: never a Request or its headers. */
function rawCause(error: unknown): unknown {
  let e = error as { cause?: unknown } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  if (!(e instanceof Error)) return e;
  const copy = new Error(e.message);
  copy.name = e.name;
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
