import type { TaskRunResponse } from '@skyvern-edge/core';
import { runTaskMutationOptions } from './mutationOptions.js';
import type { RunTaskParams } from './types.js';
import { useRunStarter, type UseRunStarterOptions, type UseRunStarterState } from './useRunStarter.js';

export type UseRunTaskOptions = UseRunStarterOptions<TaskRunResponse, RunTaskParams>;

export interface UseRunTaskResult extends UseRunStarterState<TaskRunResponse> {
  /**
   * Starts a task and follows it until it is terminal. Resolves with the run as
   * created, or undefined if it could not be created (the error is in `error`;
   * never rejects). Calling it again while a run is going starts a second run
   * and follows that one instead: the first goes on on the server, untracked.
   */
  runTask: (params: RunTaskParams) => Promise<TaskRunResponse | undefined>;
}

/**
 * Starts a task (`client.runTask`) and tracks it like useRun until it is
 * terminal; onCompleted / onFailed fire once.
 */
export function useRunTask(options: UseRunTaskOptions = {}): UseRunTaskResult {
  const { start, ...state } = useRunStarter('useRunTask', runTaskMutationOptions, options);
  return { runTask: start, ...state };
}
