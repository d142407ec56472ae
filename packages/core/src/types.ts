import type * as op from './generated/operations.js';
import type { components } from './generated/schema.js';
import type { Params, Result } from './internal/types.js';

export type { paths, components, operations } from './generated/schema.js';
/** Every schema of the API by name: `Schemas['WorkflowRunResponse']`. */
export type Schemas = components['schemas'];
export type TaskRunResponse = Schemas['TaskRunResponse'];
export type WorkflowRunResponse = Schemas['WorkflowRunResponse'];
/** What getRun answers: a task run or a workflow run; `run_type` tells which. */
export type Run = Result<typeof op.getRun>;
/** Open: statuses the API adds later arrive as plain strings. */
export type RunStatus = Schemas['RunStatus'];
export type RunEngine = Schemas['RunEngine'];
export type BrowserSessionResponse = Schemas['BrowserSessionResponse'];
export type UploadFileResponse = Schemas['UploadFileResponse'];
export type { Params, Result, ParamsArg } from './internal/types.js';

/** The request object of a method by name: `ParamsOf<'runTask'>` = `{ prompt, url?, engine?, … }`. */
export type ParamsOf<Name extends keyof typeof op> = Params<(typeof op)[Name]>;
/** The success body of a method by name: `ResultOf<'getWorkflows'>`. */
export type ResultOf<Name extends keyof typeof op> = Result<(typeof op)[Name]>;
