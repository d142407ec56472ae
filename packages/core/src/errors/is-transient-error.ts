import { ApiError } from './api-error.js';
import { ConnectionError } from './connection-error.js';

/**
 * Trouble a later poll may not meet (network failure, timeout, 408, 429, 5xx): waiting backs off and polls
 * again instead of failing. An abort is a UserAbortError and is not transient: it ends the wait.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof ConnectionError;
}
