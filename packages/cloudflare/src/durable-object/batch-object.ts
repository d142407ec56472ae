import {
  ApiError,
  ConnectionError,
  defaultPollSchedule,
  getRun,
  isTerminalStatus,
  Skyvern,
  type Run,
  type SkyvernClient,
} from '@skyvern-edge/core';
import type { DurableObjectStateLike } from '../cloudflare-types.js';
import { isRateLimited, retryAfterOf } from '../retry-after.js';
import { runKey } from '../run-key.js';
import { startRunOnce, type RunRequest } from '../start-run-once.js';
import { type BatchItem, type BatchMeta, type BatchResult, type BatchStatus, itemKey } from './batch-state.js';

/** The query parameter of a batch run's webhook URL that names its batch (its object). */
export const BATCH_PARAM = 'skyvern_batch';

/** POST /start: what `runTasks` sends the object. */
export interface StartBatchBody {
  batchId: string;
  items: RunRequest[];
  concurrency: number;
  webhookUrl?: string;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

/**
 * A Durable Object that runs one batch of Skyvern runs (one object per batch; a batch of one is an
 * object per run). It keeps at most `concurrency` runs in flight, pauses its creates for a 429's
 * Retry-After, learns of finished runs from their webhook (forwarded by `createBatchWebhookHandler`)
 * or by polling from its alarm, and calls `onRunFinished` once per run. Every item's state is in
 * the object's storage, so eviction and restarts lose nothing; an item whose create may have been
 * sent is looked up by its key before it is created again.
 *
 * Subclass it, bind the subclass, and override `onRunFinished` (send a Queue message, call a
 * service binding...). It reads `SKYVERN_API_KEY` and `SKYVERN_BASE_URL` from `env` unless
 * `createClient` is overridden.
 */
export class SkyvernBatchObject<Env = Record<string, unknown>> {
  protected readonly ctx: DurableObjectStateLike;
  protected readonly env: Env;
  /** Creates and polls sent from one alarm at most (Workers cap subrequests per invocation). */
  protected maxRequestsPerAlarm = 40;
  private meta?: BatchMeta;
  private items: BatchItem[] = [];
  private readonly byRunId = new Map<string, BatchItem>();
  private readonly notifying = new Set<number>();
  private client?: SkyvernClient;

  constructor(ctx: DurableObjectStateLike, env: Env) {
    this.ctx = ctx;
    this.env = env;
    void ctx.blockConcurrencyWhile(() => this.load());
  }

  /** Called once per finished item (a crash between its call and its record repeats it: dedupe by `key`). */
  protected async onRunFinished(_result: BatchResult): Promise<void> {}

  /** The client the object creates and polls with. */
  protected createClient(): SkyvernClient {
    const env = this.env as { SKYVERN_API_KEY?: string; SKYVERN_BASE_URL?: string };
    return new Skyvern({ apiKey: env.SKYVERN_API_KEY, baseUrl: env.SKYVERN_BASE_URL || undefined });
  }

  /**
   * Ms before poll number `attempt` when the batch has no webhook. Default: the core's quick first polls
   * (1 s, 2 s), then every 3 s instead of 2.75 s: a batch polls many runs from one object, each poll a
   * subrequest, so it trades 0.3 s of detection delay for 1.7 requests less per 60 s run (pnpm bench).
   */
  protected pollInterval(attempt: number): number {
    return attempt <= 2 ? defaultPollSchedule(attempt) : 3_000;
  }

  /** With a webhook: ms before each fallback poll of a run whose webhook has not come. Default 2 minutes. */
  protected webhookFallbackInterval(_attempt: number): number {
    return 120_000;
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/start')
      return this.start((await request.json()) as StartBatchBody);
    if (request.method === 'POST' && url.pathname === '/webhook') {
      const run = (await request.json()) as Run;
      const item = this.byRunId.get(run.run_id);
      if (!item) return json({ detail: `run ${run.run_id} is not in this batch` }, 404);
      if (item.state === 'done') return json({ duplicate: run.run_id });
      await this.finish(item, run, 'webhook');
      return json({ delivered: run.run_id });
    }
    if (request.method === 'GET' && url.pathname === '/status')
      return json(this.status(url.searchParams.has('results')));
    return json({ detail: 'not found' }, 404);
  }

  async alarm(): Promise<void> {
    if (!this.meta) return;
    await this.retryNotifications();
    const budget = { left: this.maxRequestsPerAlarm };
    try {
      await this.pollDue(budget);
      await this.startMore(budget);
    } finally {
      // Even when a poll failed for good (the runtime retries the alarm), the batch keeps its next wake-up.
      await this.scheduleNext(budget.left <= 0);
    }
  }

  // ------------------------------------------------------------------ state

  private async load(): Promise<void> {
    this.meta = await this.ctx.storage.get<BatchMeta>('meta');
    const stored = await this.ctx.storage.list<BatchItem>({ prefix: 'item:' });
    this.items = [...stored.values()].sort((a, b) => a.index - b.index);
    for (const item of this.items) if (item.runId) this.byRunId.set(item.runId, item);
    // Work left and no alarm (one lost in a restart): any request to the object resumes the batch.
    const unfinished = this.items.some((item) => item.state !== 'done' || !item.notified);
    if (this.meta && unfinished && (await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + 1);
    }
  }

  private save(item: BatchItem): Promise<void> {
    return this.ctx.storage.put(itemKey(item.index), item);
  }

  private async start(body: StartBatchBody): Promise<Response> {
    // A repeated start (a retried request) is the same batch, not a second one.
    if (this.meta) return json({ ...this.status(false), started: false });
    const now = Date.now();
    this.meta = {
      batchId: body.batchId,
      total: body.items.length,
      concurrency: body.concurrency,
      webhookUrl: body.webhookUrl,
      notBefore: 0,
      createdAt: now,
    };
    this.items = body.items.map((request, index) => ({
      index,
      request,
      state: 'pending',
      attempted: false,
      polls: 0,
      notified: false,
    }));
    const entries: Record<string, unknown> = { meta: this.meta };
    // Storage takes at most 128 keys per put.
    for (const item of this.items) {
      entries[itemKey(item.index)] = item;
      if (Object.keys(entries).length === 128) await this.ctx.storage.put(takeAll(entries));
    }
    if (Object.keys(entries).length) await this.ctx.storage.put(takeAll(entries));
    await this.ctx.storage.setAlarm(now);
    return json({ ...this.status(false), started: true });
  }

  private status(withResults: boolean): BatchStatus {
    const count = (state: BatchItem['state']) => this.items.filter((item) => item.state === state).length;
    const out: BatchStatus = {
      batchId: this.meta?.batchId ?? '',
      total: this.items.length,
      pending: count('pending'),
      running: count('running'),
      done: count('done'),
    };
    if (withResults)
      out.results = this.items.filter((item) => item.state === 'done').map((item) => this.resultOf(item));
    return out;
  }

  private resultOf(item: BatchItem): BatchResult {
    const batchId = this.meta!.batchId;
    return {
      batchId,
      index: item.index,
      key: `${batchId}:${item.index}`,
      ...(item.run ? { run: item.run } : {}),
      ...(item.error ? { error: item.error } : {}),
      detectedBy: item.detectedBy!,
      detectedAt: item.detectedAt!,
    };
  }

  // ------------------------------------------------------------------ the alarm's work

  private get api(): SkyvernClient {
    this.client ??= this.createClient();
    return this.client;
  }

  private async pollDue(budget: { left: number }): Promise<void> {
    const now = Date.now();
    const due = this.items
      .filter((item) => item.state === 'running' && (item.nextPollAt ?? 0) <= now)
      .sort((a, b) => (a.nextPollAt ?? 0) - (b.nextPollAt ?? 0))
      .slice(0, Math.max(budget.left, 0));
    budget.left -= due.length;
    await Promise.all(
      due.map(async (item) => {
        let run: Run;
        try {
          run = await getRun(this.api, item.runId!, { maxRetries: 0 });
        } catch (error) {
          if (!isTransient(error)) throw error;
          item.nextPollAt = Date.now() + (isRateLimited(error) ? retryAfterOf(error, 5_000) : 5_000);
          return this.save(item);
        }
        if (item.state === 'done') return;
        if (isTerminalStatus(run.status)) return this.finish(item, run, 'poll');
        item.polls++;
        item.nextPollAt = Date.now() + this.nextInterval(item.polls + 1);
        return this.save(item);
      }),
    );
  }

  private nextInterval(attempt: number): number {
    return this.meta?.webhookUrl ? this.webhookFallbackInterval(attempt) : this.pollInterval(attempt);
  }

  private async startMore(budget: { left: number }): Promise<void> {
    const meta = this.meta!;
    if (Date.now() < meta.notBefore) return;
    const running = this.items.filter((item) => item.state === 'running').length;
    const free = Math.min(meta.concurrency - running, budget.left);
    const next = this.items.filter((item) => item.state === 'pending').slice(0, Math.max(free, 0));
    if (next.length === 0) return;
    budget.left -= next.length;
    const firstTry = next.map((item) => !item.attempted);
    for (const item of next) item.attempted = true;
    // Recorded before anything is sent: after a crash from here on, these may exist.
    await this.ctx.storage.put(Object.fromEntries(next.map((item) => [itemKey(item.index), item])));
    const webhookUrl = meta.webhookUrl ? withBatch(meta.webhookUrl, meta.batchId) : undefined;
    await Promise.all(
      next.map(async (item, i) => {
        let run: Run;
        try {
          run = await startRunOnce(this.api, {
            key: await runKey(meta.batchId, `item-${item.index}`),
            request: item.request,
            webhookUrl,
            mayHaveStarted: !firstTry[i],
            requestOptions: { maxRetries: 0 },
          });
        } catch (error) {
          if (isRateLimited(error)) {
            // Not processed: the next try needs no lookup, only patience.
            if (firstTry[i]) item.attempted = false;
            meta.notBefore = Math.max(meta.notBefore, Date.now() + retryAfterOf(error, 1_000));
            await this.ctx.storage.put('meta', meta);
            return this.save(item);
          }
          if (isTransient(error)) {
            // Perhaps created (a lost answer): looked up on the next try, a second from now.
            meta.notBefore = Math.max(meta.notBefore, Date.now() + 1_000);
            return;
          }
          item.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          return this.finish(item, undefined, 'error');
        }
        item.state = 'running';
        item.runId = run.run_id;
        this.byRunId.set(run.run_id, item);
        if (isTerminalStatus(run.status)) return this.finish(item, run, 'create');
        item.nextPollAt = Date.now() + this.nextInterval(1);
        return this.save(item);
      }),
    );
  }

  private async scheduleNext(moreNow: boolean): Promise<void> {
    const meta = this.meta!;
    const now = Date.now();
    const running = this.items.filter((item) => item.state === 'running');
    const pending = this.items.some((item) => item.state === 'pending');
    const unnotified = this.items.some((item) => item.state === 'done' && !item.notified);
    let at = Math.min(...running.map((item) => item.nextPollAt ?? now));
    if (pending && running.length < meta.concurrency) at = Math.min(at, Math.max(now, meta.notBefore));
    if (pending && running.length === 0) at = Math.min(at, Math.max(now, meta.notBefore));
    if (moreNow || unnotified) at = Math.min(at, now + (unnotified ? 1_000 : 0));
    // Never at or before now: workerd's clock stands still between I/O, and an alarm set for the
    // time of the one running is taken as already run and dropped.
    if (Number.isFinite(at)) await this.ctx.storage.setAlarm(Math.max(at, now + 1));
  }

  // ------------------------------------------------------------------ finishing

  private async finish(item: BatchItem, run: Run | undefined, by: BatchItem['detectedBy']): Promise<void> {
    if (item.state === 'done') return;
    // Marked in memory before any await: a webhook and a poll for the same run finish it once.
    item.state = 'done';
    item.run = run;
    item.detectedAt = Date.now();
    item.detectedBy = by;
    await this.save(item);
    // A slot is free: start the next item now rather than at the next poll.
    if (this.items.some((other) => other.state === 'pending')) await this.ctx.storage.setAlarm(Date.now() + 1);
    await this.notify(item);
  }

  private async notify(item: BatchItem): Promise<void> {
    if (item.notified || this.notifying.has(item.index)) return;
    this.notifying.add(item.index);
    try {
      await this.onRunFinished(this.resultOf(item));
      item.notified = true;
      await this.save(item);
    } catch {
      // Left unnotified: the next alarm tries again.
    } finally {
      this.notifying.delete(item.index);
    }
  }

  private async retryNotifications(): Promise<void> {
    await Promise.all(
      this.items.filter((item) => item.state === 'done' && !item.notified).map((item) => this.notify(item)),
    );
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof ConnectionError;
}

function withBatch(webhookUrl: string, batchId: string): string {
  const url = new URL(webhookUrl);
  url.searchParams.set(BATCH_PARAM, batchId);
  return url.href;
}

function takeAll(entries: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...entries };
  for (const key of Object.keys(entries)) delete entries[key];
  return copy;
}
