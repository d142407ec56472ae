import { isTerminalStatus, isTransientError, type Run, type RunStatus, type SkyvernError } from '@skyvern-edge/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { runQueryOptions } from './queryOptions.js';
import type { PollInterval } from './types.js';
import { useBaseQuery } from './useBaseQuery.js';
import { useLatest } from './useLatest.js';
import { useSkyvernContext } from './useSkyvernClient.js';

export interface UseRunOptions<TSelected = Run> {
  /** false: no request (the cached run, if any, is still returned). Default true. */
  enabled?: boolean;
  /**
   * Ms between polls, or a function `(attempt, run) => ms`. Default: core's defaultPollSchedule (1 s, 2 s, then
   * every 2.75 s).
   */
  pollInterval?: PollInterval;
  /** Called once per observed change of the run's status or step_count. */
  onUpdate?: (run: Run) => void;
  /** Derives `data` from the run (TanStack's `select`): `data` is its result; `run` stays the whole run. */
  select?: (run: Run) => TSelected;
  /**
   * Shown while the run has no data yet (TanStack's `placeholderData`): a run, or a function of the
   * previous one — `(previous) => previous` keeps the last run on screen while another id loads.
   */
  placeholderData?: Run | ((previous: Run | undefined) => Run | undefined);
}

export interface UseRunResult<TSelected = Run> {
  /** `select(run)`, or the run without `select`. */
  data: TSelected | undefined;
  /** `run` is the placeholderData, not an answer for this id. */
  isPlaceholderData: boolean;
  /** The last state of the run seen, or undefined before the first answer. */
  run: Run | undefined;
  status: RunStatus | undefined;
  /** completed, failed, terminated, timed_out or canceled: polling has stopped. */
  isTerminal: boolean;
  /** Polling goes on: a run id, enabled, not terminal, and no error that ends polling. */
  isPolling: boolean;
  /**
   * Polling stopped on an error a later poll would not fix (403, 404, ...): the run is not terminal
   * (as far as seen) and nothing more is fetched until `resume()`.
   */
  isStopped: boolean;
  /** The first request is under way and there is no run yet. */
  isLoading: boolean;
  /** A request is under way. */
  isFetching: boolean;
  /** The last request's error (an SDK error: NotFoundError, ConnectionError, ...); null after a success. */
  error: SkyvernError | null;
  /** Fetches the run now. */
  refetch: () => Promise<Run | undefined>;
  /** After `isStopped`: fetches the run again; on success polling goes on where it stopped. */
  resume: () => Promise<Run | undefined>;
}

/**
 * Follows one run: fetches it, polls it while it is not terminal, and stops
 * at completed / failed / terminated / timed_out / canceled. A null or
 * undefined `runId` leaves the hook idle (no request). Unmounting while a
 * request is in flight aborts it. Errors that a later poll may fix (network,
 * 408, 429, 5xx — after the SDK's own retries) keep polling; others stop it.
 */
export function useRun<TSelected = Run>(
  runId: string | null | undefined,
  options: UseRunOptions<TSelected> = {},
): UseRunResult<TSelected> {
  const context = useSkyvernContext('useRun');
  const active = !!runId && options.enabled !== false;
  const [result, observer] = useBaseQuery(context, {
    ...runQueryOptions(context.client, runId, { pollInterval: options.pollInterval }),
    enabled: active,
    placeholderData: options.placeholderData,
  });
  const run = runId || result.isPlaceholderData ? result.data : undefined;
  const { select } = options;
  const data = useMemo(() => (run && select ? select(run) : (run as TSelected | undefined)), [run, select]);
  const isTerminal = !!run && isTerminalStatus(run.status);

  const onUpdate = useLatest(options.onUpdate);
  const seen = useRef<string>(undefined);
  useEffect(() => {
    if (!run) return;
    const key = `${run.run_id}|${run.status}|${run.step_count ?? ''}`;
    if (key === seen.current) return;
    seen.current = key;
    onUpdate.current?.(run);
  }, [run, onUpdate]);

  const refetch = useCallback(
    () => (runId ? observer.refetch().then((r) => r.data) : Promise.resolve(undefined)),
    [observer, runId],
  );

  const isStopped = active && !isTerminal && !!result.error && !isTransientError(result.error);
  return {
    run,
    data,
    isPlaceholderData: result.isPlaceholderData,
    status: run?.status,
    isTerminal,
    isPolling: active && !isTerminal && !isStopped,
    isStopped,
    isLoading: active && result.isLoading,
    isFetching: active && result.isFetching,
    error: runId ? result.error : null,
    refetch,
    resume: refetch,
  };
}
