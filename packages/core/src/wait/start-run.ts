import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Run } from '../types.js';
import { checkWaitOptions } from './poll-run.js';
import { waitForRun } from './wait-for-run.js';
import type { RunAndWaitOptions, StartOptions, WaitOptions } from './wait-options.js';

/** Sends a run-creating call, then (with `waitForCompletion: true`) waits for the run to finish. */
export function startRun<T extends Run>(
  client: SkyvernClient,
  where: string,
  send: (options: RequestOptions | undefined) => ApiPromise<T>,
  options: StartOptions | RunAndWaitOptions<T> | undefined,
): ApiPromise<T> | Promise<T> {
  if (!options?.waitForCompletion) return send(options);
  const {
    waitForCompletion: _,
    requestTimeout,
    timeout,
    pollInterval,
    onUpdate,
    cancelOnAbort,
    cancelOnTimeout,
    ...request
  } = options;
  const wait = { signal: request.signal, timeout, pollInterval, onUpdate, cancelOnAbort, cancelOnTimeout };
  try {
    // Refused before the run is created, not after it has been paid for.
    checkWaitOptions(wait as WaitOptions, where);
  } catch (error) {
    return Promise.reject(error);
  }
  return send({ ...request, timeout: requestTimeout }).then((run) => waitForRun<T>(client, run.run_id, wait, run));
}
