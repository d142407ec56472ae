import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook } from '@skyvern-edge/testing';
import {
  ValidationError,
  WebhookVerificationError,
  createWebhookDeduper,
  memoryDedupeStore,
  verifyWebhook,
  webhookEventKey,
} from '../src/index.js';
import { API_KEY, makeClient } from './helpers.js';

const body = '{"run_id":"tsk_9","status":"completed","output":{"n":1}}';

describe('verifyWebhook with several keys', () => {
  it('accepts a delivery signed by any of the keys (rotation, org token)', async () => {
    for (const signer of ['old-key', 'new-key', 'org-token']) {
      const { signature } = await signWebhook(body, signer);
      const run = await verifyWebhook({
        body,
        headers: { 'x-skyvern-signature': signature },
        apiKey: ['old-key', 'new-key', 'org-token'],
      });
      expect(run, signer).toMatchObject({ run_id: 'tsk_9' });
    }
  });

  it('refuses a delivery signed by none of them', async () => {
    const { signature } = await signWebhook(body, 'someone-else');
    const attempt = verifyWebhook({
      body,
      headers: { 'x-skyvern-signature': signature },
      apiKey: ['old-key', 'new-key'],
    });
    await expect(attempt).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(attempt).rejects.toThrow(/Invalid webhook signature/);
  });

  it('the client method takes extra keys too', async () => {
    const { signature } = await signWebhook(body, 'next-key');
    const client = makeClient(undefined);
    await expect(
      client.verifyWebhook({ body, headers: { 'x-skyvern-signature': signature }, apiKey: [API_KEY, 'next-key'] }),
    ).resolves.toMatchObject({ status: 'completed' });
  });

  it('names apiKey for an empty list, an empty key or a non-string', async () => {
    const { signature } = await signWebhook(body, API_KEY);
    for (const apiKey of [[], [''], [API_KEY, 7], 42, undefined]) {
      const attempt = verifyWebhook({ body, headers: { 'x-skyvern-signature': signature }, apiKey: apiKey as never });
      await expect(attempt, JSON.stringify(apiKey)).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(/apiKey/);
    }
  });
});

describe('createWebhookDeduper', () => {
  afterEach(() => vi.useRealTimers());
  const delivery = { run_id: 'wr_1', status: 'completed' };

  it('claims the first delivery of a run in a status and refuses its retries', async () => {
    const dedupe = createWebhookDeduper();
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt++) answers.push(await dedupe.claim(delivery));
    expect(answers).toEqual([true, false, false, false]);
    expect(await dedupe.claim({ run_id: 'wr_1', status: 'failed' })).toBe(true);
    expect(await dedupe.claim({ run_id: 'wr_2', status: 'completed' })).toBe(true);
  });

  it('gives exactly one of many concurrent deliveries', async () => {
    const dedupe = createWebhookDeduper();
    const answers = await Promise.all(Array.from({ length: 20 }, () => dedupe.claim(delivery)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('release lets the server retry a delivery whose handling failed', async () => {
    const dedupe = createWebhookDeduper();
    expect(await dedupe.claim(delivery)).toBe(true);
    await dedupe.release(delivery);
    expect(await dedupe.claim(delivery)).toBe(true);
    expect(await dedupe.claim(delivery)).toBe(false);
  });

  it('forgets a delivery after ttlMs', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const dedupe = createWebhookDeduper({ ttlMs: 60_000 });
    expect(await dedupe.claim(delivery)).toBe(true);
    vi.setSystemTime(1_000_000 + 59_999);
    expect(await dedupe.claim(delivery)).toBe(false);
    vi.setSystemTime(1_000_000 + 60_001);
    expect(await dedupe.claim(delivery)).toBe(true);
  });

  it('the memory store stays within its cap, dropping the oldest claims', () => {
    const store = memoryDedupeStore(3);
    for (const key of ['a', 'b', 'c', 'd']) expect(store.claim(key, 60_000)).toBe(true);
    expect(store.claim('d', 60_000)).toBe(false);
    expect(store.claim('b', 60_000)).toBe(false);
    expect(store.claim('a', 60_000)).toBe(true);
  });

  it('uses a store the caller gives (e.g. a Durable Object or Redis SET NX)', async () => {
    const calls: string[] = [];
    const store = {
      claim: (key: string, ttl: number) => (calls.push(`claim ${key} ${ttl}`), true),
      release: (key: string) => void calls.push(`release ${key}`),
    };
    const dedupe = createWebhookDeduper({ store, ttlMs: 5_000 });
    await dedupe.claim({ workflow_run_id: 'wr_7', status: 'failed' });
    await dedupe.release({ workflow_run_id: 'wr_7', status: 'failed' });
    expect(calls).toEqual(['claim wr_7:failed 5000', 'release wr_7:failed']);
  });

  it('names the bad option or the missing run id', () => {
    expect(() => createWebhookDeduper({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => createWebhookDeduper({ store: {} as never })).toThrow(/store/);
    expect(() => webhookEventKey({ status: 'completed' })).toThrow(ValidationError);
    expect(() => webhookEventKey({ status: 'completed' })).toThrow(/run_id/);
    expect(webhookEventKey({ run_id: 'tsk_1', status: 'queued' })).toBe('tsk_1:queued');
  });
});
