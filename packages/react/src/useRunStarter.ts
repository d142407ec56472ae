import { isTerminalStatus, type Run, type RunStatus, type Skyvern, type SkyvernError } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { skyvernKeys } from './keys.js';
import { cancelRunMutationOptions, type SkyvernMutationOptions } from './mutationOptions.js';
import type { PollInterval } from './types.js';
import { useBaseMutation } from './useBaseMutation.js';
import { useLatest } from './useLatest.js';
import { useRun } from './useRun.js';
import { useSkyvernContext } from './useSkyvernClient.js';

export interface UseRunStarterOptions<TRun extends Run> {
  /** Called once, when the run reaches `completed`. */
  onCompleted?: (run: TRun) => void;
  /**
   * Called once, when the run ends failed / terminated / timed_out / canceled, or with the error when it could
   * not be started.
   */
  onFailed?: (runOrError: TRun | SkyvernError) => void;
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
  /** Starting, or started and not terminal yet. */
  isRunning: boolean;
  isTerminal: boolean;
  /** cancel() is under way. */
  isCanceling: boolean;
  /** Why the run could not be started, canceled or followed: an SDK error (ApiError, ConnectionError, ...). */
  error: SkyvernError | null;
  /**
   * Cancels the run on the server, then refetches it (it shows `canceled`).
   * Called while the run is being created, it waits for the run id and cancels
   * it then. Never rejects: a failure lands in `error`.
   */
  cancel: () => Promise<void>;
  /** Forgets the run (it goes on on the server) and any error. */
  reset: () => void;
}

/** @internal useRunTask and useRunWorkflow: a MutationObserver that creates the run, then useRun on its id. */
export function useRunStarter<TParams, TRun extends Run>(
  hook: string,
  makeOptions: (client: Skyvern, queryClient: QueryClient) => SkyvernMutationOptions<TRun, TParams>,
  options: UseRunStarterOptions<TRun>,
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

  // onCompleted / onFailed: once per run (or per start error).
  const fired = useRef<unknown>(undefined);
  useEffect(() => {
    if (started.error && fired.current !== started.error) {
      fired.current = started.error;
      callbacks.current.onFailed?.(started.error);
    }
  }, [started.error, callbacks]);
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

  return {
    start,
    run,
    runId,
    status: run?.status,
    isStarting: started.isPending,
    isRunning: started.isPending || (!!run && !tracked.isTerminal),
    isTerminal: tracked.isTerminal,
    isCanceling: canceled.isPending,
    error: started.error ?? canceled.error ?? tracked.error,
    cancel,
    reset,
  };
}
