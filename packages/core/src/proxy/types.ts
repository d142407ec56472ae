import type { HttpMethod } from '../internal/operation.js';
import type { ProxyOwnershipOptions } from './ownership.js';

/** The API operation a request was matched to, as given to `allow` and `authorize`. */
export interface ProxyOperation {
  /** The SDK's method name: 'getRun', 'runTask', 'uploadFile'… */
  readonly name: string;
  readonly method: HttpMethod;
  /** The spec's path template, e.g. '/v1/runs/{run_id}'. */
  readonly pathTemplate: string;
  /** Path parameters by their template name, URL-decoded: `{ run_id: 'tsk_123' }`. */
  readonly params: Readonly<Record<string, string>>;
}

export interface ProxyCorsOptions {
  /** Allowed origins: one, a list, or a predicate. `'*'` allows any, and cannot go with `credentials`. */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Sends `access-control-allow-credentials: true` (cookies from another origin). */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

export interface SkyvernProxyOptions {
  /** The Skyvern API key, sent upstream as `x-api-key`. Required. */
  apiKey: string;
  /** Default 'https://api.skyvern.com'. */
  baseUrl?: string;
  /**
   * The path the proxy is mounted at, e.g. '/api/skyvern'. Requests outside it get 404. Default '' (the whole
   * host).
   */
  basePath?: string;
  /**
   * Operations the proxy forwards: a list of names (replaces the default), or a predicate.
   * Default DEFAULT_ALLOWED_OPERATIONS. Anything else answers 403.
   */
  allow?: readonly string[] | ((operation: ProxyOperation, request: Request) => boolean | Promise<boolean>);
  /**
   * Checks the caller, e.g. the app's session cookie and that the user owns `operation.params.run_id`.
   * `true` forwards; `false` (or anything else) answers 401; a Response is sent as is. Runs after `allow`.
   * Do not consume `request.body` here (use `request.clone()` if you must read it).
   */
  authorize?: (request: Request, operation: ProxyOperation) => boolean | Response | Promise<boolean | Response>;
  /**
   * Called with the parsed JSON answer of a 2xx runTask, runWorkflow, login, downloadFiles,
   * retryWorkflowRun or runScript, before the answer is sent on (unchanged), e.g. to record
   * which user owns `run.run_id`. If it throws, the client gets 500 (the run exists upstream).
   */
  onRunCreated?: (run: Record<string, unknown>, request: Request, operation: ProxyOperation) => void | Promise<void>;
  /**
   * Milliseconds the upstream may take to answer: until its headers, and its whole body when the proxy reads it
   * whole (JSON, errors). Past it the upstream call is aborted and the client gets 504. A streamed answer (an event
   * stream, artifact content) may then run longer. Default 60 000.
   */
  upstreamTimeout?: number;
  /**
   * Per-user ownership of runs, workflow runs and browser sessions: each id a create answer holds is recorded
   * for `user(request)`; every id a request names (path, or `run_id` / `workflow_run_id` / `browser_session_id`
   * in its JSON body) must be that user's (else 404); lists are denied (403); no user → 401.
   */
  ownership?: ProxyOwnershipOptions;
  /** Largest request body, except uploads. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest uploadFile body (the multipart request, so the 10 MiB file plus its envelope). Default 10 MiB + 64 KiB. */
  maxUploadBytes?: number;
  /** CORS for browsers on other origins. Without it the proxy sends no CORS headers and does not answer OPTIONS. */
  cors?: ProxyCorsOptions;
  /** The upstream fetch, called unbound. Default the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Told of failures the client only sees as a bare 500/502 (upstream unreachable, a throwing hook). */
  onError?: (error: unknown, request: Request) => void;
}

/** What createSkyvernProxy returns: mount it as a Worker's fetch, in Deno.serve, Bun.serve or a route handler. */
export type SkyvernProxyHandler = (request: Request) => Promise<Response>;
