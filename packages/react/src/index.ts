export { SkyvernProvider, type SkyvernProviderProps } from './SkyvernProvider.js';
export { useSkyvernClient } from './useSkyvernClient.js';
export { useSkyvernQueryClient } from './useSkyvernQueryClient.js';
export { createSkyvernQueryClient } from './createSkyvernQueryClient.js';

// One policy, the core's: which poll errors polling goes on after.
export { isTransientError } from '@skyvern-edge/core';
export { skyvernKeys, type RunQueryKey, type BrowserSessionQueryKey, type ClientIdentity } from './keys.js';
export {
  runQueryOptions,
  browserSessionQueryOptions,
  type RunQueryOptions,
  type MaybeRunQueryOptions,
  type BrowserSessionQueryOptions,
  type MaybeBrowserSessionQueryOptions,
} from './queryOptions.js';
export {
  runTaskMutationOptions,
  runWorkflowMutationOptions,
  cancelRunMutationOptions,
  createBrowserSessionMutationOptions,
  closeBrowserSessionMutationOptions,
  type SkyvernMutationOptions,
} from './mutationOptions.js';

export { useRun, type UseRunOptions, type UseRunResult } from './useRun.js';
export { useRunTask, type UseRunTaskOptions, type UseRunTaskResult } from './useRunTask.js';
export { useRunWorkflow, type UseRunWorkflowOptions, type UseRunWorkflowResult } from './useRunWorkflow.js';
export type { UseRunStarterOptions, UseRunStarterState } from './useRunStarter.js';
export { RunOutcomeUnknownError } from './outcomeUnknown.js';
export { useBrowserSession, type UseBrowserSessionOptions, type UseBrowserSessionResult } from './useBrowserSession.js';

export type {
  RunTaskParams,
  RunWorkflowParams,
  CreateBrowserSessionParams,
  BrowserSession,
  PollInterval,
  SkyvernHookError,
} from './types.js';
