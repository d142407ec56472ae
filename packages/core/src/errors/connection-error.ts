import { SkyvernError } from './skyvern-error.js';

/** No usable HTTP response: DNS failure, refused or reset connection, a body cut short. */
export class ConnectionError extends SkyvernError {
  override name = 'ConnectionError';

  constructor(message = 'Could not reach the Skyvern API', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An attempt outlived its `timeout` (ms, per attempt). */
export class RequestTimeoutError extends ConnectionError {
  override name = 'RequestTimeoutError';
  // `declare`: set in the constructor, so no empty field definition ships in every bundle.
  declare readonly timeout: number | undefined;

  constructor(timeout?: number) {
    super(timeout === undefined ? 'Request timed out' : `Request timed out after ${timeout} ms`);
    this.timeout = timeout;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class UserAbortError extends SkyvernError {
  override name = 'UserAbortError';

  constructor(reason?: unknown) {
    super('Request was aborted', { cause: reason });
  }
}
