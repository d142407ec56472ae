import {
  getRun,
  getRuns,
  runTask,
  runWorkflow,
  ValidationError,
  type ParamsOf,
  type RequestOptions,
  type Run,
  type SkyvernClient,
} from '@skyvern-edge/core';

/** What to start: a task (`POST /v1/run/tasks`) or a workflow (`POST /v1/run/agents`). */
export type RunRequest = { task: ParamsOf<'runTask'> } | { workflow: ParamsOf<'runWorkflow'> };

export interface StartRunOnceOptions {
  /** From `runKey(scope, name)`: the same for every attempt at this one run. */
  key: string;
  request: RunRequest;
  /** Replaces the request's webhook_url (the helpers point it at their own handler). */
  webhookUrl?: string;
  /**
   * False only when no earlier attempt can have sent the create (the first attempt of a step):
   * then the lookup is skipped and a run costs one request.
   */
  mayHaveStarted: boolean;
  requestOptions?: RequestOptions;
}

/**
 * Creates the run unless an earlier attempt already did. Skyvern de-duplicates no run-creating
 * call, so the key rides in the run's title and a retry first looks for it with
 * `GET /v1/runs?search_key=`: a create whose answer was lost (a reset, a 5xx after processing,
 * the step failing after the create returned, the Worker evicted) is found, not repeated.
 */
export async function startRunOnce(client: SkyvernClient, options: StartRunOnceOptions): Promise<Run> {
  const { key, request, webhookUrl, mayHaveStarted, requestOptions } = options;
  if (mayHaveStarted) {
    const existing = await findRunByKey(client, key, requestOptions);
    if (existing) return existing;
  }
  if ('task' in request && request.task) {
    const params = { ...request.task, title: keyedTitle(request.task.title, key) };
    if (webhookUrl) params.webhook_url = webhookUrl;
    return runTask(client, params, requestOptions);
  }
  if ('workflow' in request && request.workflow) {
    const params = { ...request.workflow, title: keyedTitle(request.workflow.title, key) };
    if (webhookUrl) params.webhook_url = webhookUrl;
    return runWorkflow(client, params, requestOptions);
  }
  throw new ValidationError('request', 'must be { task: {...} } or { workflow: {...} }', 'startRunOnce');
}

/** The run whose title carries `key`, if one was created. */
export async function findRunByKey(
  client: SkyvernClient,
  key: string,
  requestOptions?: RequestOptions,
): Promise<Run | undefined> {
  const found = await getRuns(client, { search_key: key, page_size: 10 }, requestOptions);
  // search_key is a substring search over several fields: the title must carry the key itself.
  const item = found.find((run) => typeof run.title === 'string' && run.title.includes(`[${key}]`));
  return item ? getRun(client, item.run_id, requestOptions) : undefined;
}

/** The user's title with the key after it, where the dashboard shows it and search finds it. */
export function keyedTitle(title: string | null | undefined, key: string): string {
  return title ? `${title} [${key}]` : `[${key}]`;
}
