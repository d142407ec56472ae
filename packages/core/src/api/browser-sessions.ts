import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params, Result } from '../internal/types.js';

/** Get active browser sessions. Get all active browser sessions for the organization. `GET /v1/browser_sessions` */
export function getBrowserSessions(
  client: SkyvernClient,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getBrowserSessions>> {
  return client.request(op.getBrowserSessions, [], undefined, options);
}

/**
 * Create a session. Create a browser session that persists across multiple runs. `POST /v1/browser_sessions` —
 * creates or starts something: never retried once the server may have acted.
 */
export function createBrowserSession(
  client: SkyvernClient,
  params?: Params<typeof op.createBrowserSession>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createBrowserSession>> {
  return client.request(op.createBrowserSession, [], params, options);
}

/**
 * Get a session. Get details about a specific browser session, including the browser address for cdp connection.
 * `GET /v1/browser_sessions/{browser_session_id}`
 */
export function getBrowserSession(
  client: SkyvernClient,
  browserSessionId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getBrowserSession>> {
  return client.request(op.getBrowserSession, [browserSessionId], undefined, options);
}

/**
 * Update a session. Update a live browser session. Currently supports toggling generate_browser_profile, which
 * is read when the session ends to decide whether to save its browser profile. `PATCH
 * /v1/browser_sessions/{browser_session_id}`
 */
export function updateBrowserSession(
  client: SkyvernClient,
  browserSessionId: string,
  params: Params<typeof op.updateBrowserSession>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateBrowserSession>> {
  return client.request(op.updateBrowserSession, [browserSessionId], params, options);
}

/**
 * Close a session. Close a session. Once closed, the session cannot be used again. `POST
 * /v1/browser_sessions/{browser_session_id}/close`
 */
export function closeBrowserSession(
  client: SkyvernClient,
  browserSessionId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.closeBrowserSession>> {
  return client.request(op.closeBrowserSession, [browserSessionId], undefined, options);
}
