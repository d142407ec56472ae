import type { BrowserSessionResponse, Run, Skyvern, TaskRunResponse, WorkflowRunResponse } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { skyvernKeys } from './keys.js';
import type { CreateBrowserSessionParams, RunTaskParams, RunWorkflowParams } from './types.js';

/**
 * Mutation options: plain objects for MutationObserver or react-query's
 * useMutation. Each has `retry: false` — creating calls are never retried
 * (a retry could pay for a second run), and the SDK already retried the others.
 * Given the QueryClient, on success they update its cache (the new run or
 * session is stored under its query key; a canceled run or closed session is
 * refetched). Without it they use the client that newer TanStack Query
 * versions pass to callbacks, and where none is passed (5.87) leave the cache
 * alone: never a failure after the run was created.
 */
export interface SkyvernMutationOptions<TData, TVariables> {
  mutationKey: readonly unknown[];
  mutationFn: (variables: TVariables) => Promise<TData>;
  onSuccess: (data: TData, variables: TVariables, onMutateResult?: unknown, context?: unknown) => unknown;
  retry: false;
}

/** The QueryClient to update: the one given, else the callback context's (newer TanStack versions), else none. */
function cacheOf(given: QueryClient | undefined, context: unknown): QueryClient | undefined {
  return given ?? (context as { client?: QueryClient } | undefined)?.client;
}

function creating<TRun extends Run, TParams>(
  client: Skyvern,
  queryClient: QueryClient | undefined,
  name: string,
  create: (params: TParams) => Promise<TRun>,
): SkyvernMutationOptions<TRun, TParams> {
  return {
    mutationKey: ['skyvern', name],
    mutationFn: create,
    onSuccess: (run, _v, _r, context) => {
      cacheOf(queryClient, context)?.setQueryData(skyvernKeys.run(run.run_id, client), run);
    },
    retry: false,
  };
}

/** Starts a task (`client.runTask(params)`) and caches the new run under `skyvernKeys.run(run_id, client)`. */
export function runTaskMutationOptions(
  client: Skyvern,
  queryClient?: QueryClient,
): SkyvernMutationOptions<TaskRunResponse, RunTaskParams> {
  return creating(client, queryClient, 'runTask', (params: RunTaskParams) => client.runTask(params));
}

/** Runs a workflow (`client.runWorkflow(params)`) and caches the new run under `skyvernKeys.run(run_id, client)`. */
export function runWorkflowMutationOptions(
  client: Skyvern,
  queryClient?: QueryClient,
): SkyvernMutationOptions<WorkflowRunResponse, RunWorkflowParams> {
  return creating(client, queryClient, 'runWorkflow', (params: RunWorkflowParams) => client.runWorkflow(params));
}

/** Cancels a run on the server, then refetches it (it then shows `canceled`). */
export function cancelRunMutationOptions(
  client: Skyvern,
  queryClient?: QueryClient,
): SkyvernMutationOptions<unknown, string> {
  return {
    mutationKey: ['skyvern', 'cancelRun'],
    mutationFn: (runId) => client.cancelRun(runId),
    onSuccess: (_data, runId, _r, context) =>
      cacheOf(queryClient, context)?.invalidateQueries({ queryKey: skyvernKeys.run(runId, client) }),
    retry: false,
  };
}

/** Creates a browser session (billed while open) and caches it under `skyvernKeys.browserSession(id, client)`. */
export function createBrowserSessionMutationOptions(
  client: Skyvern,
  queryClient?: QueryClient,
): SkyvernMutationOptions<BrowserSessionResponse, CreateBrowserSessionParams | undefined> {
  return {
    mutationKey: ['skyvern', 'createBrowserSession'],
    mutationFn: (params) => client.createBrowserSession(params),
    onSuccess: (session, _v, _r, context) => {
      cacheOf(queryClient, context)?.setQueryData(
        skyvernKeys.browserSession(session.browser_session_id, client),
        session,
      );
    },
    retry: false,
  };
}

/** Closes a browser session, then refetches it. */
export function closeBrowserSessionMutationOptions(
  client: Skyvern,
  queryClient?: QueryClient,
): SkyvernMutationOptions<unknown, string> {
  return {
    mutationKey: ['skyvern', 'closeBrowserSession'],
    mutationFn: (sessionId) => client.closeBrowserSession(sessionId),
    onSuccess: (_data, sessionId, _r, context) =>
      cacheOf(queryClient, context)?.invalidateQueries({ queryKey: skyvernKeys.browserSession(sessionId, client) }),
    retry: false,
  };
}
