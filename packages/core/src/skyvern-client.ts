import ky, { type KyInstance } from 'ky';
import { SkyvernError } from './errors/skyvern-error.js';
import { ValidationError } from './errors/validation-error.js';
import { rejectedApiPromise, type ApiPromise } from './internal/api-promise.js';
import { rememberApiKey } from './internal/client-secrets.js';
import { isBrowser, readEnv } from './internal/env.js';
import { checkNumber } from './internal/validate.js';
import type { OperationDescriptor } from './internal/operation.js';
import type { RequestOptions } from './internal/request-options.js';
import { MAX_TIMER_MS } from './internal/retry.js';
import { prepare, send, type Expect, type Transport, type WireRequest } from './internal/send.js';
import type { Result } from './internal/types.js';

export const environments = {
  cloud: 'https://api.skyvern.com',
  staging: 'https://api-staging.skyvern.com',
  local: 'http://localhost:8000',
} as const;

export type SkyvernEnvironment = keyof typeof environments;

export interface ClientOptions {
  /** Sent as `x-api-key`. Defaults to `SKYVERN_API_KEY` where the runtime has an environment. */
  apiKey?: string;
  /**
   * Overrides `environment`. May be relative in a browser (`/api/skyvern`, a token proxy). Defaults to
   * `SKYVERN_BASE_URL`.
   */
  baseUrl?: string;
  /** Default 'cloud'. */
  environment?: SkyvernEnvironment;
  /** Milliseconds per attempt. Default 60 000. */
  timeout?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** A fetch to use instead of the global one; it is called unbound. */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Allows an `apiKey` in a browser. Anyone who opens the page can then read the key: prefer a token proxy. */
  dangerouslyAllowBrowser?: boolean;
}

/** An absolute http(s) URL, or a same-origin path (a token proxy in a browser). */
function validBaseUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * The transport every operation runs on: configuration, authentication,
 * timeouts and retries. `Skyvern` adds every API operation as a method; the
 * same operations are exported as functions taking this client first, for
 * bundles that ship only what they call.
 */
export class SkyvernClient {
  // `declare`: set in the constructor, so no empty field definition ships in every bundle.
  declare readonly baseUrl: string;
  declare readonly timeout: number;
  declare readonly maxRetries: number;
  readonly #options: ClientOptions;
  readonly #transport: Transport;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('SKYVERN_API_KEY');
    const explicitBase = options.baseUrl ?? readEnv('SKYVERN_BASE_URL');
    if (options.environment !== undefined && !(options.environment in environments)) {
      throw new ValidationError('environment', `must be one of ${Object.keys(environments).join(', ')}`, 'Skyvern');
    }
    if (explicitBase !== undefined && !validBaseUrl(explicitBase)) {
      throw new ValidationError(
        'baseUrl',
        'must be an absolute http(s) URL, or a path starting with / (a token proxy on the same origin)',
        'Skyvern',
      );
    }
    if (!apiKey && !explicitBase) {
      throw new ValidationError(
        'apiKey',
        'is required (no API key): pass { apiKey } or set SKYVERN_API_KEY; in a browser, pass { baseUrl } of your token proxy (see createSkyvernProxy).',
        'Skyvern',
      );
    }
    if (apiKey && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new SkyvernError(
        'Skyvern: anyone who opens the page can read an API key in a browser. ' +
          'Use a token proxy (createSkyvernProxy from @skyvern-edge/core/proxy) with { baseUrl: "/api/skyvern" } and no key, ' +
          'or set dangerouslyAllowBrowser: true.',
      );
    }
    if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey.trim() === '')) {
      throw new ValidationError('apiKey', 'must be a non-empty string', 'Skyvern');
    }
    // Checked here, naming the option and never echoing it: fetch would throw later with the
    // whole value (the key) in its message, and as a TypeError a wait would retry it.
    if (apiKey !== undefined && !HEADER_VALUE.test(apiKey)) {
      throw new ValidationError(
        'apiKey',
        'is not a valid header value (a line break, a control character or a non-Latin-1 character)',
        'Skyvern',
      );
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    checkNumber(timeout, 'timeout', 'Skyvern', 1, MAX_TIMER_MS);
    checkNumber(maxRetries, 'maxRetries', 'Skyvern', 0, Number.MAX_SAFE_INTEGER, true);
    if (options.fetch !== undefined && typeof options.fetch !== 'function')
      throw new ValidationError('fetch', 'must be a function', 'Skyvern');
    const extra = options.headers as unknown;
    if (
      extra !== undefined &&
      (extra === null ||
        typeof extra !== 'object' ||
        Array.isArray(extra) ||
        Object.values(extra).some((v) => typeof v !== 'string'))
    ) {
      throw new ValidationError('headers', 'must be a record of strings', 'Skyvern');
    }
    for (const [name, value] of Object.entries((extra ?? {}) as Record<string, string>)) {
      if (!HEADER_NAME.test(name))
        throw new ValidationError('headers', 'has a name that is not a valid header name', 'Skyvern');
      if (!HEADER_VALUE.test(value)) {
        throw new ValidationError(
          `headers.${name}`,
          'is not a valid header value (a line break or control character)',
          'Skyvern',
        );
      }
    }

    this.baseUrl = (explicitBase ?? environments[options.environment ?? 'cloud']).replace(/\/+$/, '');
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.#options = { ...options, apiKey, baseUrl: this.baseUrl };
    rememberApiKey(this, apiKey);
    const userFetch = options.fetch;
    const http: KyInstance = ky.create({
      prefix: this.baseUrl,
      headers: { accept: 'application/json', ...options.headers, ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      // Called unbound: a fetch bound to an options object throws "Illegal invocation" on Workers.
      fetch: (input, init) => (userFetch ? userFetch(input as Request, init) : fetch(input, init)),
      throwHttpErrors: true,
      // One retry loop, in send.ts: it knows each operation's policy and spends one budget on headers and bodies.
      retry: 0,
    });
    this.#transport = { http, timeout, maxRetries, apiKey };
  }

  /** A copy of this client with some options replaced (same key unless given). */
  withOptions(options: ClientOptions): this {
    const Class = this.constructor as new (options: ClientOptions) => this;
    const merged = { ...this.#options, ...options };
    // The stored baseUrl was derived from the old environment: a new environment must win over it.
    if (options.environment !== undefined && options.baseUrl === undefined) delete merged.baseUrl;
    return new Class(merged);
  }

  /**
   * Sends one operation of the spec. Every method is built on this; use it for
   * an operation through its generated descriptor when you need full control.
   */
  request<D extends OperationDescriptor>(
    op: D,
    pathArgs: readonly unknown[],
    params?: unknown,
    options?: RequestOptions,
    expect?: Expect,
  ): ApiPromise<Result<D>> {
    let wire: WireRequest;
    try {
      wire = prepare(op, pathArgs, params);
    } catch (error) {
      return rejectedApiPromise(error);
    }
    return send(this.#transport, wire, options, expect);
  }

  /** Sends a request whose wire form is already built (multipart uploads, operations outside the spec). */
  sendRaw<T>(wire: WireRequest, options?: RequestOptions, expect?: Expect): ApiPromise<T> {
    return send(this.#transport, wire, options, expect);
  }

  /** Keeps the key out of console.log / util.inspect output. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, timeout: this.timeout, maxRetries: this.maxRetries };
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Fetch's header value: Latin-1 without NUL, CR or LF (tab allowed).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
