import type { WorkflowRunResponse } from '@skyvern-edge/core';
import { runWorkflowMutationOptions } from './mutationOptions.js';
import type { RunWorkflowParams } from './types.js';
import { useRunStarter, type UseRunStarterOptions, type UseRunStarterState } from './useRunStarter.js';

export type UseRunWorkflowOptions = UseRunStarterOptions<WorkflowRunResponse, RunWorkflowParams>;

export interface UseRunWorkflowResult extends UseRunStarterState<WorkflowRunResponse> {
  /**
   * Runs a workflow and follows the run until it is terminal. Resolves with the
   * run as created, or undefined if it could not be created (never rejects).
   * A second call while a run is going follows the new run instead.
   */
  runWorkflow: (params: RunWorkflowParams) => Promise<WorkflowRunResponse | undefined>;
}

/** useRunTask for workflows (`client.runWorkflow`): same state, `runWorkflow(params)` instead of `runTask(params)`. */
export function useRunWorkflow(options: UseRunWorkflowOptions = {}): UseRunWorkflowResult {
  const { start, ...state } = useRunStarter('useRunWorkflow', runWorkflowMutationOptions, options);
  return { runWorkflow: start, ...state };
}
