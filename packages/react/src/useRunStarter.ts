import { isTerminalStatus, type Run, type RunStatus, type Skyvern, type SkyvernError } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { skyvernKeys } from './keys.js';
import { cancelRunMutationOptions, type SkyvernMutationOptions } from './mutationOptions.js';
import { RunOutcomeUnknownError, startError } from './outcomeUnknown.js';
import type { PollInterval } from './types.js';
import { useBaseMutation } from './useBaseMutation.js';
import { useLatest } from './useLatest.js';
import { useRun } from './useRun.js';
import { useSkyvernContext } from './useSkyvernClient.js';

export interface UseRunStarterOptions<TRun extends Run, TParams = unknown> {
  /**
   * Starts a run with these params when the component mounts, and again whenever `key` changes:
   * exactly once per key, StrictMode's double effects and `<Activity>` hide / show included. null or
   * undefined: no start. Prefer it to `useEffect(() => runTask(params), [])`, which StrictMode runs
   * twice in development (two runs, both billed) and which runs again whenever the effect does.
   */
  start?: TParams | null;
  /** What makes a start new (a form submission id, a record id). Default: the params as JSON. */
  key?: string | number;
  /** Called once, when the run reaches `completed`. */
  onCompleted?: (run: TRun) => void;
  /**
   * Called once, when the run ends failed / terminated / timed_out / canceled, or with the error when it could
   * not be started (an ApiError: Skyvern refused it).
   */
  onFailed?: (runOrError: TRun | SkyvernError) => void;
  /**
   * Called when the start's connection failed after the request may have reached Skyvern
   * (a RunOutcomeUnknownError): the run may exist. Not a failure: look it up before starting again.
   */
  onOutcomeUnknown?: (error: RunOutcomeUnknownError) => void;
  /** Called once per observed change of the run's status or step_count. */
  onUpdate?: (run: TRun) => void;
  /** How often the run is polled; see useRun. */
  pollInterval?: PollInterval;
}

export interface UseRunStarterState<TRun extends Run> {
  /** The run started last, as last seen; undefined before it is created (and while a new one is being created). */
  run: TRun | undefined;
  runId: string | undefined;
  status: RunStatus | undefined;
  /** The create request is under way. */
  isStarting: boolean;
  /** Starting, or started, not terminal and still followed (not `isStopped`). */
  isRunning: boolean;
  isTerminal: boolean;
  /**
   * Following stopped on an error a later poll would not fix (403, 404, ...): `error` says which;
   * the run may still go on on the server. `resume()` (or `refetch()`) tries again.
   */
  isStopped: boolean;
  /** The start's connection failed after it may have reached Skyvern: `error` is a RunOutcomeUnknownError. */
  isOutcomeUnknown: boolean;
  /** cancel() is under way. */
  isCanceling: boolean;
  /**
   * Why the run could not be started, canceled or followed: an SDK error (ApiError, ConnectionError, ...), or a
   * RunOutcomeUnknownError.
   */
  error: SkyvernError | null;
  /**
   * Cancels the run on the server, then refetches it (it shows `canceled`).
   * Called while the run is being created, it waits for the run id and cancels
   * it then. Never rejects: a failure lands in `error`.
   */
  cancel: () => Promise<void>;
  /** Fetches the run now. */
  refetch: () => Promise<TRun | undefined>;
  /** After `isStopped`: fetches the run again; on success, following goes on. */
  resume: () => Promise<TRun | undefined>;
  /** Forgets the run (it goes on on the server) and any error. */
  reset: () => void;
}

/** @internal useRunTask and useRunWorkflow: a mutation that creates the run, then useRun on its id. */
export function useRunStarter<TParams, TRun extends Run>(
  hook: string,
  makeOptions: (client: Skyvern, queryClient: QueryClient) => SkyvernMutationOptions<TRun, TParams>,
  options: UseRunStarterOptions<TRun, TParams>,
): UseRunStarterState<TRun> & { start: (params: TParams) => Promise<TRun | undefined> } {
  const context = useSkyvernContext(hook);
  const { client, queryClient } = context;
  const [started, starter] = useBaseMutation<TRun, SkyvernError, TParams>(
    context,
    useMemo(() => makeOptions(client, queryClient), [client, queryClient, makeOptions]),
  );
  const [canceled, canceller] = useBaseMutation<unknown, SkyvernError, string>(
    context,
    useMemo(() => cancelRunMutationOptions(client, queryClient), [client, queryClient]),
  );
  const runId = started.data?.run_id;
  const callbacks = useLatest(options);
  const tracked = useRun(runId, {
    pollInterval: options.pollInterval,
    onUpdate: (run) => callbacks.current.onUpdate?.(run as TRun),
  });
  const run = tracked.run as TRun | undefined;
  const pending = useRef<Promise<TRun | undefined>>(undefined);
  const startFailure = useMemo(() => (started.error ? startError(started.error) : null), [started.error]);
  const outcomeUnknown = startFailure instanceof RunOutcomeUnknownError;

  // onCompleted / onFailed / onOutcomeUnknown: once per run (or per start error).
  const fired = useRef<unknown>(undefined);
  useEffect(() => {
    if (!started.error || fired.current === started.error) return;
    fired.current = started.error;
    if (startFailure instanceof RunOutcomeUnknownError) callbacks.current.onOutcomeUnknown?.(startFailure);
    else callbacks.current.onFailed?.(started.error);
  }, [started.error, startFailure, callbacks]);
  useEffect(() => {
    if (!run || !isTerminalStatus(run.status) || fired.current === run.run_id) return;
    fired.current = run.run_id;
    if (run.status === 'completed') callbacks.current.onCompleted?.(run);
    else callbacks.current.onFailed?.(run);
  }, [run, callbacks]);

  const start = useCallback(
    (params: TParams) => (pending.current = starter.mutate(params).catch(() => undefined)),
    [starter],
  );

  // The declarative start: the key last started lives in state, which StrictMode's simulated
  // unmount / remount and <Activity> keep, so the effect's second run finds it and does nothing.
  const [life] = useState<{ startedKey?: string }>(() => ({}));
  const startKey = options.start == null ? undefined : String(options.key ?? JSON.stringify(options.start));
  useEffect(() => {
    if (startKey === undefined || life.startedKey === startKey) return;
    life.startedKey = startKey;
    void start(callbacks.current.start as TParams);
  }, [startKey, life, start, callbacks]);

  const cancel = useCallback(async () => {
    const id = starter.getCurrentResult().data?.run_id ?? (await pending.current)?.run_id;
    if (!id || isTerminalStatus(queryClient.getQueryData(skyvernKeys.run(id, client))?.status)) return;
    await canceller.mutate(id).catch(() => undefined);
  }, [starter, canceller, queryClient, client]);

  const reset = useCallback(() => {
    pending.current = undefined;
    starter.reset();
    canceller.reset();
  }, [starter, canceller]);

  const refetch = tracked.refetch as () => Promise<TRun | undefined>;
  return {
    start,
    run,
    runId,
    status: run?.status,
    isStarting: started.isPending,
    isRunning: started.isPending || (!!run && !tracked.isTerminal && !tracked.isStopped),
    isTerminal: tracked.isTerminal,
    isStopped: tracked.isStopped,
    isOutcomeUnknown: outcomeUnknown,
    isCanceling: canceled.isPending,
    error: startFailure ?? canceled.error ?? tracked.error,
    cancel,
    refetch,
    resume: refetch,
    reset,
  };
}
