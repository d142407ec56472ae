import { ValidationError } from '@skyvern-edge/core';
import type { StartBatchBody } from '../durable-object/batch-object.js';
import type { BatchStatus } from '../durable-object/batch-state.js';
import type { RunRequest } from '../start-run-once.js';

/** A Durable Object namespace binding (`env.SKYVERN_BATCHES`), by shape. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

export interface RunTasksOptions {
  /** Names the batch and its object: the same id is the same batch (a repeated call starts nothing). */
  batchId: string;
  /** Runs in flight at most (Skyvern caps concurrent runs per organization). */
  concurrency: number;
  /** The Worker's route that serves `createBatchWebhookHandler` (absolute URL); without it, polling only. */
  webhookUrl?: string;
}

const ORIGIN = 'https://skyvern-batch.internal';

/**
 * Hands `items` (tasks `{ prompt, url, ... }` or `{ task }` / `{ workflow }` requests) to the batch's
 * Durable Object (a `SkyvernBatchObject` subclass), which runs them at most `concurrency` at a time
 * and calls its `onRunFinished` once per run. Resolves once the batch is stored, not when it is done.
 */
export async function runTasks(
  namespace: DurableObjectNamespaceLike,
  items: readonly (RunRequest | Record<string, unknown>)[],
  options: RunTasksOptions,
): Promise<BatchStatus & { started: boolean }> {
  const where = 'runTasks';
  if (typeof namespace?.idFromName !== 'function') {
    throw new ValidationError('namespace', 'must be a Durable Object namespace binding', where);
  }
  if (!Array.isArray(items) || items.length === 0)
    throw new ValidationError('items', 'must be a non-empty array', where);
  const { batchId, concurrency, webhookUrl } = options ?? ({} as RunTasksOptions);
  if (typeof batchId !== 'string' || batchId === '')
    throw new ValidationError('batchId', 'must be a non-empty string', where);
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new ValidationError('concurrency', 'must be a whole number >= 1', where);
  }
  const requests = items.map((item, i) => toRequest(item, i));
  const body: StartBatchBody = { batchId, items: requests, concurrency, webhookUrl };
  const stub = namespace.get(namespace.idFromName(batchId) as never);
  const response = await stub.fetch(`${ORIGIN}/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`the batch object answered ${response.status}: ${await response.text()}`);
  return response.json() as never;
}

/** The batch's progress; `results` lists the finished items. */
export async function batchStatus(
  namespace: DurableObjectNamespaceLike,
  batchId: string,
  options: { results?: boolean } = {},
): Promise<BatchStatus> {
  const stub = namespace.get(namespace.idFromName(batchId) as never);
  const response = await stub.fetch(`${ORIGIN}/status${options.results ? '?results=1' : ''}`);
  return response.json() as never;
}

function toRequest(item: unknown, index: number): RunRequest {
  if (item && typeof item === 'object') {
    if ('task' in item || 'workflow' in item) return item as RunRequest;
    if (typeof (item as { prompt?: unknown }).prompt === 'string') return { task: item as never };
  }
  throw new ValidationError(
    `items[${index}]`,
    'must be a task ({ prompt, ... }), { task } or { workflow }',
    'runTasks',
  );
}
