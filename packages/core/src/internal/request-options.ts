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
}
