import type { RequestOptions } from '../internal/request-options.js';
import type { Run } from '../types.js';

/** How `waitForRun`, `watchRun` and `waitForCompletion` wait. Times are in milliseconds. */
export interface WaitOptions<TRun = Run> {
  /** Aborting rejects the wait at once with UserAbortError and stops polling. */
  signal?: AbortSignal;
  /** Overall limit in ms (default 30 minutes); then RunTimeoutError. */
  timeout?: number;
  /**
   * A fixed interval in ms (>= 100), or a function of the poll number and the last run. Default:
   * `defaultPollSchedule`.
   */
  pollInterval?: number | ((attempt: number, run: TRun) => number);
  /** Called once per observed change of status or step_count. */
  onUpdate?: (run: TRun) => void;
  /** Also cancel the run on the server when `signal` aborts. Default false. */
  cancelOnAbort?: boolean;
  /** Also cancel the run on the server on timeout. Default false: the run keeps going. */
  cancelOnTimeout?: boolean;
}

/**
 * Options of runTask / runWorkflow / login that wait for the result. `timeout`
 * is the overall wait (as in the Python SDK); `requestTimeout` is per HTTP attempt.
 */
export type RunAndWaitOptions<TRun = Run> = Omit<RequestOptions, 'timeout'> &
  WaitOptions<TRun> & { waitForCompletion: true; requestTimeout?: number };

export type StartOptions = RequestOptions & { waitForCompletion?: false };

export const DEFAULT_WAIT_TIMEOUT_MS = 30 * 60_000;
