import {
  defaultPollSchedule,
  getRun,
  isTerminalStatus,
  RunTimeoutError,
  ValidationError,
  type Run,
  type SkyvernClient,
} from '@skyvern-edge/core';
import type { WorkflowStepConfig, WorkflowStepLike } from '../cloudflare-types.js';
import { runEventType, runKey } from '../run-key.js';
import { startRunOnce, type RunRequest } from '../start-run-once.js';
import { INSTANCE_PARAM } from './webhook-url.js';

export interface RunInWorkflowOptions {
  /** `event.instanceId`: with `name`, it makes the key the run is created once by. */
  instanceId: string;
  /** Names this run's steps; unique among the runs of one instance (like a step name). */
  name: string;
  request: RunRequest;
  /**
   * The Worker's route that serves `createWorkflowWebhookHandler` (absolute URL). With it the
   * run's webhook wakes the instance; without it the helper only polls.
   */
  webhookUrl?: string;
  /** Polling only: ms before poll number n, like the core's `pollInterval`. Default `defaultPollSchedule`. */
  pollInterval?: number | ((attempt: number) => number);
  /** With a webhook: how long to wait for it before each fallback poll (ms). Default 2 minutes: longer than most runs. */
  webhookFallbackInterval?: number | ((attempt: number) => number);
  /** Overall limit (ms, counted as the sum of the durable waits). Default 30 minutes; then RunTimeoutError. */
  timeout?: number;
  /** Retries and timeout of the create and poll steps. Default 5 retries, 2 s exponential, 2 min each. */
  stepConfig?: WorkflowStepConfig;
}

const DEFAULT_STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: 2_000, backoff: 'exponential' },
  timeout: 120_000,
};
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_WEBHOOK_FALLBACK_MS = 120_000;

/**
 * Starts a run inside a Cloudflare Workflow and waits for it durably; resolves with the terminal
 * run (a failed run is a result, as in `waitForRun`). Every wait is a Workflows step, so no request
 * is held open and an evicted or restarted Worker resumes where it was:
 *
 * 1. `step.do` creates the run once: on a retried attempt it first looks for the run an earlier
 *    attempt made (see `startRunOnce`), so a lost answer never buys a second run;
 * 2. with `webhookUrl`, `step.waitForEvent` for the verified webhook, polling once whenever it is
 *    late (missed deliveries); without it, durable `step.sleep` on the core's schedule and a poll.
 */
export async function runInWorkflow<TRun extends Run = Run>(
  step: WorkflowStepLike,
  client: SkyvernClient,
  options: RunInWorkflowOptions,
): Promise<TRun> {
  const { instanceId, name, request, webhookUrl } = checkOptions(options);
  const stepConfig = options.stepConfig ?? DEFAULT_STEP;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const key = await runKey(instanceId, name);
  const hookUrl = webhookUrl ? withInstance(webhookUrl, instanceId) : undefined;

  let run = await step.do(`${name}: create`, stepConfig, async (context) =>
    startRunOnce(client, {
      key,
      request,
      webhookUrl: hookUrl,
      // Runtimes that do not say which attempt this is get the lookup every time.
      mayHaveStarted: context?.attempt !== 1,
    }),
  );
  const type = runEventType(run.run_id);
  const interval = intervalOf(
    hookUrl
      ? (options.webhookFallbackInterval ?? DEFAULT_WEBHOOK_FALLBACK_MS)
      : (options.pollInterval ?? defaultPollSchedule),
  );
  // Elapsed time is the sum of the waits, not the clock: a replay after a restart must take the
  // same branches and name the same steps as the first pass did.
  let waited = 0;
  for (let attempt = 1; !isTerminalStatus(run.status); attempt++) {
    if (waited >= timeout) throw new RunTimeoutError(run.run_id, timeout, run);
    const delay = Math.min(interval(attempt), timeout - waited);
    waited += delay;
    if (hookUrl) {
      const event = await step
        .waitForEvent<Run>(`${name}: webhook ${attempt}`, { type, timeout: delay })
        .catch(() => undefined);
      // The handler sent it only after verifying the signature; the run id is checked again in
      // case a captured delivery was replayed at this instance's URL.
      if (event && event.payload?.run_id === run.run_id && isTerminalStatus(event.payload.status)) {
        return event.payload as TRun;
      }
    } else {
      await step.sleep(`${name}: sleep ${attempt}`, delay);
    }
    run = await step.do(`${name}: poll ${attempt}`, stepConfig, async () => getRun(client, run.run_id));
  }
  return run as TRun;
}

function withInstance(webhookUrl: string, instanceId: string): string {
  const url = new URL(webhookUrl);
  url.searchParams.set(INSTANCE_PARAM, instanceId);
  return url.href;
}

function intervalOf(value: number | ((attempt: number) => number)): (attempt: number) => number {
  return (attempt) => {
    const ms = typeof value === 'function' ? value(attempt) : value;
    if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 100)) {
      throw new ValidationError('pollInterval', `gave ${String(ms)}; it must be milliseconds >= 100`, 'runInWorkflow');
    }
    return ms;
  };
}

function checkOptions(options: RunInWorkflowOptions): RunInWorkflowOptions {
  const where = 'runInWorkflow';
  if (!options || typeof options !== 'object') throw new ValidationError('options', 'must be an object', where);
  for (const field of ['instanceId', 'name'] as const) {
    if (typeof options[field] !== 'string' || options[field] === '') {
      throw new ValidationError(field, 'must be a non-empty string', where);
    }
  }
  const { request } = options;
  if (!request || typeof request !== 'object' || !('task' in request || 'workflow' in request)) {
    throw new ValidationError('request', 'must be { task: {...} } or { workflow: {...} }', where);
  }
  if (options.webhookUrl !== undefined && !isAbsoluteUrl(options.webhookUrl)) {
    throw new ValidationError('webhookUrl', 'must be an absolute URL', where);
  }
  if (options.timeout !== undefined && !(Number.isFinite(options.timeout) && options.timeout >= 1_000)) {
    throw new ValidationError('timeout', 'must be a number of milliseconds >= 1000', where);
  }
  for (const field of ['pollInterval', 'webhookFallbackInterval'] as const) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'function' && !(Number.isFinite(value) && value >= 100)) {
      throw new ValidationError(field, 'must be a number of milliseconds >= 100 or a function', where);
    }
  }
  return options;
}

function isAbsoluteUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && Boolean(new URL(value).host);
  } catch {
    return false;
  }
}
