import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { Params, Result } from '../internal/types.js';
import type { ApiPromise } from '../internal/api-promise.js';
import { runShape } from '../internal/run-shape.js';
import { startRun } from '../wait/start-run.js';
import type { RunAndWaitOptions, StartOptions } from '../wait/wait-options.js';

/**
 * Logs into a site with stored credentials. `POST /v1/run/tasks/login`.
 * Creates a paid run: never retried once the server may have acted.
 * With `{ waitForCompletion: true }` resolves with the finished run instead.
 */
export function login(
  client: SkyvernClient,
  params: Params<typeof op.login>,
  options: RunAndWaitOptions<Result<typeof op.login>>,
): Promise<Result<typeof op.login>>;
export function login(
  client: SkyvernClient,
  params: Params<typeof op.login>,
  options?: StartOptions,
): ApiPromise<Result<typeof op.login>>;
export function login(
  client: SkyvernClient,
  params: Params<typeof op.login>,
  options?: StartOptions | RunAndWaitOptions<Result<typeof op.login>>,
) {
  return startRun(client, 'login', (o) => client.request(op.login, [], params, o, { shape: runShape }), options);
}
