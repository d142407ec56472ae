import { ValidationError } from '../errors/validation-error.js';

/**
 * Where a deduper records the deliveries it has claimed. `claim` must be atomic for a key
 * (return true once, to the first caller) for the guarantee to hold across instances: back it
 * with a Durable Object, Redis `SET NX PX`, or a unique index.
 */
export interface WebhookDedupeStore {
  /** Records `key` for `ttlMs` and returns true, or returns false when it is already recorded. */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets `key`, so that the server's next retry of that delivery is handled. */
  release(key: string): void | Promise<void>;
}

export interface WebhookDeduperOptions {
  /** Default: an in-memory store, good for one process (a Node server, one Worker isolate). */
  store?: WebhookDedupeStore;
  /** How long a claimed delivery is remembered. Default 24 h: far longer than Skyvern's retries. */
  ttlMs?: number;
}

/** The fields of a delivery that say which event it is: Skyvern sends no event id. */
export interface WebhookEventIdentity {
  run_id?: unknown;
  workflow_run_id?: unknown;
  status?: unknown;
}

export interface WebhookDeduper {
  /** True for the first delivery of this run in this status, false for a repeat. */
  claim(payload: WebhookEventIdentity): Promise<boolean>;
  /** Call when handling a claimed delivery failed, so the server's retry is not dropped as a repeat. */
  release(payload: WebhookEventIdentity): Promise<void>;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Skyvern retries a delivery up to 3 times and sends no event id, so the same run in the same
 * status may arrive more than once. The event is identified by `run_id` + `status`: a run that
 * reaches a status reaches it once.
 */
export function createWebhookDeduper(options: WebhookDeduperOptions = {}): WebhookDeduper {
  const ttlMs = options.ttlMs ?? DAY_MS;
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new ValidationError('ttlMs', 'must be a positive number of milliseconds', 'createWebhookDeduper');
  }
  const store = options.store ?? memoryDedupeStore();
  if (typeof store?.claim !== 'function' || typeof store.release !== 'function') {
    throw new ValidationError('store', 'must have claim(key, ttlMs) and release(key) methods', 'createWebhookDeduper');
  }
  return {
    claim: async (payload) => store.claim(webhookEventKey(payload), ttlMs),
    release: async (payload) => store.release(webhookEventKey(payload)),
  };
}

/** `run_id:status` of a delivery; throws when the payload names neither. */
export function webhookEventKey(payload: WebhookEventIdentity): string {
  const runId = payload?.run_id ?? payload?.workflow_run_id;
  if (typeof runId !== 'string' || runId === '') {
    throw new ValidationError('run_id', 'the webhook payload has no run_id to deduplicate by', 'webhookEventKey');
  }
  const status = typeof payload.status === 'string' ? payload.status : '';
  return `${runId}:${status}`;
}

/** A store in this process's memory, expired lazily and capped so it cannot grow without bound. */
export function memoryDedupeStore(maxEntries = 100_000): WebhookDedupeStore {
  const expiries = new Map<string, number>();
  return {
    claim(key, ttlMs) {
      const now = Date.now();
      const until = expiries.get(key);
      if (until !== undefined && until > now) return false;
      expiries.delete(key);
      expiries.set(key, now + ttlMs);
      // Map keeps insertion order: the first entries are the oldest claims.
      for (const [oldest, expiry] of expiries) {
        if (expiries.size <= maxEntries && expiry > now) break;
        expiries.delete(oldest);
      }
      return true;
    },
    release(key) {
      expiries.delete(key);
    },
  };
}
