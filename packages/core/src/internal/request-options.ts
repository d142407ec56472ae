/** Per-call options, always the last argument. Times are in milliseconds. */
export interface RequestOptions {
  /** Aborts the call, including retries and the wait between them. */
  signal?: AbortSignal;
  /** Milliseconds per attempt (default: the client's `timeout`, 60 000). */
  timeout?: number;
  /** Retries after the first attempt (default: the client's `maxRetries`, 2). */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /**
   * The Idempotency-Key of a call Skyvern de-duplicates (createWorkflow): reuse one key to make a
   * repeat of the same call, even from another process, answer the first result. Default: a
   * random UUID per call, the same on every retry.
   */
  idempotencyKey?: string;
  /**
   * Lets the request outlive the page (fetch's `keepalive`): for a last call from a `pagehide`
   * handler, such as closing a browser session when the tab closes. Browsers cap keepalive bodies
   * at 64 KB in total.
   */
  keepalive?: boolean;
}

/** The keys of RequestOptions: what tells an options object from a params object. */
export const REQUEST_OPTION_KEYS: readonly (keyof RequestOptions)[] = [
  'signal',
  'timeout',
  'maxRetries',
  'headers',
  'idempotencyKey',
  'keepalive',
];
