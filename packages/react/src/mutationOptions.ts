import type { BrowserSessionResponse, Run, Skyvern, TaskRunResponse, WorkflowRunResponse } from '@skyvern-edge/core';
import type { MutationFunctionContext } from '@tanstack/query-core';
import { skyvernKeys } from './keys.js';
import type { CreateBrowserSessionParams, RunTaskParams, RunWorkflowParams } from './types.js';

/**
 * Mutation options: plain objects for MutationObserver or react-query's
 * useMutation. Each has `retry: false` — creating calls are never retried
 * (a retry could pay for a second run), and the SDK already retried the others.
 * On success they update the QueryClient's cache (the new run or session is
 * stored under its query key; a canceled run or closed session is refetched).
 */
export interface SkyvernMutationOptions<TData, TVariables> {
  mutationKey: readonly unknown[];
  mutationFn: (variables: TVariables) => Promise<TData>;
  onSuccess: (data: TData, variables: TVariables, onMutateResult: unknown, context: MutationFunctionContext) => unknown;
  retry: false;
}

const seedRun = (run: Run, _v: unknown, _r: unknown, { client }: MutationFunctionContext) => {
  client.setQueryData(skyvernKeys.run(run.run_id), run);
};

/** Starts a task (`client.runTask(params)`) and caches the new run under `skyvernKeys.run(run_id)`. */
export function runTaskMutationOptions(client: Skyvern): SkyvernMutationOptions<TaskRunResponse, RunTaskParams> {
  return {
    mutationKey: ['skyvern', 'runTask'],
    mutationFn: (params) => client.runTask(params),
    onSuccess: seedRun,
    retry: false,
  };
}

/** Runs a workflow (`client.runWorkflow(params)`) and caches the new run under `skyvernKeys.run(run_id)`. */
export function runWorkflowMutationOptions(
  client: Skyvern,
): SkyvernMutationOptions<WorkflowRunResponse, RunWorkflowParams> {
  return {
    mutationKey: ['skyvern', 'runWorkflow'],
    mutationFn: (params) => client.runWorkflow(params),
    onSuccess: seedRun,
    retry: false,
  };
}

/** Cancels a run on the server, then refetches it (it then shows `canceled`). */
export function cancelRunMutationOptions(client: Skyvern): SkyvernMutationOptions<unknown, string> {
  return {
    mutationKey: ['skyvern', 'cancelRun'],
    mutationFn: (runId) => client.cancelRun(runId),
    onSuccess: (_data, runId, _r, context) => context.client.invalidateQueries({ queryKey: skyvernKeys.run(runId) }),
    retry: false,
  };
}

/** Creates a browser session (billed while open) and caches it under `skyvernKeys.browserSession(id)`. */
export function createBrowserSessionMutationOptions(
  client: Skyvern,
): SkyvernMutationOptions<BrowserSessionResponse, CreateBrowserSessionParams | undefined> {
  return {
    mutationKey: ['skyvern', 'createBrowserSession'],
    mutationFn: (params) => client.createBrowserSession(params),
    onSuccess: (session, _v, _r, context) => {
      context.client.setQueryData(skyvernKeys.browserSession(session.browser_session_id), session);
    },
    retry: false,
  };
}

/** Closes a browser session, then refetches it. */
export function closeBrowserSessionMutationOptions(client: Skyvern): SkyvernMutationOptions<unknown, string> {
  return {
    mutationKey: ['skyvern', 'closeBrowserSession'],
    mutationFn: (sessionId) => client.closeBrowserSession(sessionId),
    onSuccess: (_data, sessionId, _r, context) =>
      context.client.invalidateQueries({ queryKey: skyvernKeys.browserSession(sessionId) }),
    retry: false,
  };
}
