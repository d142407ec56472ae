import { RunTimeoutError } from '../errors/run-timeout-error.js';
import { UserAbortError } from '../errors/connection-error.js';
import { requireString } from '../internal/validate.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Run } from '../types.js';
import { checkWaitOptions, pollRun } from './poll-run.js';
import type { WaitOptions } from './wait-options.js';
import { cancelQuietly } from './wait-for-run.js';

/**
 * Yields the run at each observed change of status or step_count and ends after
 * the terminal one. `break` stops polling at once and leaves no timer behind.
 *
 *   for await (const run of client.watchRun(id)) console.log(run.status, run.step_count);
 */
export async function* watchRun(
  client: SkyvernClient,
  runId: string,
  options: Omit<WaitOptions, 'onUpdate'> = {},
): AsyncGenerator<Run, Run | undefined> {
  requireString(runId, 'run_id', 'watchRun');
  checkWaitOptions(options, 'watchRun');
  const { signal } = options;
  if (signal?.aborted) throw new UserAbortError(signal.reason);
  const controller = new AbortController();
  const onAbort = () => {
    controller.abort(signal?.reason);
    if (options.cancelOnAbort) cancelQuietly(client, runId);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return yield* pollRun(client, runId, options, controller.signal, {}, undefined, 'watchRun');
  } catch (error) {
    if (error instanceof RunTimeoutError && options.cancelOnTimeout) await cancelQuietly(client, runId);
    if (signal?.aborted && !(error instanceof UserAbortError)) throw new UserAbortError(signal.reason);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
