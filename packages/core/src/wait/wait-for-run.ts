import * as op from '../generated/operations.js';
import { UserAbortError } from '../errors/connection-error.js';
import { RunTimeoutError } from '../errors/run-timeout-error.js';
import { requireString } from '../internal/validate.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Run } from '../types.js';
import { checkWaitOptions, pollRun, type PollState } from './poll-run.js';
import type { WaitOptions } from './wait-options.js';

/**
 * Resolves with the run once it is terminal (completed, failed, terminated,
 * timed_out, canceled). A failed run is a result, not an exception. Rejects with
 * RunTimeoutError after `timeout`, with UserAbortError the moment `signal` aborts.
 */
export function waitForRun<TRun extends Run = Run>(
  client: SkyvernClient,
  runId: string,
  options: WaitOptions<TRun> = {},
  /** @internal the run a create call just returned, so the first poll is not spent on it */
  initial?: Run,
): Promise<TRun> {
  return new Promise<TRun>((resolve, reject) => {
    requireString(runId, 'run_id', 'waitForRun');
    checkWaitOptions(options as WaitOptions, 'waitForRun');
    const { signal } = options;
    if (signal?.aborted) {
      if (options.cancelOnAbort) cancelQuietly(client, runId);
      throw new UserAbortError(signal.reason);
    }
    const controller = new AbortController();
    const onAbort = () => {
      controller.abort(signal?.reason);
      if (options.cancelOnAbort) cancelQuietly(client, runId);
      // Rejected here, in the abort event itself, not after the poll loop unwinds.
      reject(new UserAbortError(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const state: PollState = {};
    (async () => {
      const polls = pollRun(client, runId, options as WaitOptions, controller.signal, state, initial);
      for await (const run of polls) options.onUpdate?.(run as TRun);
      return state.last as TRun;
    })()
      .then(resolve, async (error: unknown) => {
        if (error instanceof RunTimeoutError && options.cancelOnTimeout) await cancelQuietly(client, runId);
        reject(error);
      })
      .finally(() => {
        signal?.removeEventListener('abort', onAbort);
        controller.abort();
      });
  });
}

/** Best effort: the caller already has their answer (abort or timeout); a failed cancel must not replace it. */
export function cancelQuietly(client: SkyvernClient, runId: string): Promise<void> {
  return client.request(op.cancelRun, [runId], undefined, { timeout: 10_000, maxRetries: 1 }).then(
    () => undefined,
    () => undefined,
  );
}
