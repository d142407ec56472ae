import type { BrowserSessionResponse, Run, Skyvern, SkyvernError } from '@skyvern-edge/core';

/** The body of `client.runTask(params)`. */
export type RunTaskParams = Parameters<Skyvern['runTask']>[0];
/** The body of `client.runWorkflow(params)`. */
export type RunWorkflowParams = Parameters<Skyvern['runWorkflow']>[0];
/** The body of `client.createBrowserSession(params)`. */
export type CreateBrowserSessionParams = NonNullable<Parameters<Skyvern['createBrowserSession']>[0]>;
export type BrowserSession = BrowserSessionResponse;

/**
 * How often a run that is not terminal is polled, in ms: a number (at least 100),
 * or a function of the poll number (1 = the first poll after the run was seen)
 * and the last run, like core's `waitForRun({ pollInterval })`.
 * Default: core's `defaultPollSchedule` — 1 s, 2 s, then every 2.75 s.
 */
export type PollInterval = number | ((attempt: number, run: Run) => number);

/** Every error the hooks report comes from the SDK: `ApiError`, `NotFoundError`, `ConnectionError`, ... */
export type SkyvernHookError = SkyvernError;
