import type { Run } from '@skyvern-edge/core';
import type { RunRequest } from '../start-run-once.js';

/** One item of a batch as the object keeps it in storage (key `item:<index>`). */
export interface BatchItem {
  index: number;
  request: RunRequest;
  state: 'pending' | 'running' | 'done';
  /**
   * Written before the create is sent: an item that is still pending with this set (a lost answer,
   * a restart mid-create) may have been created, so its next start looks it up first.
   */
  attempted: boolean;
  runId?: string;
  /** Polls made so far (the schedule's attempt number). */
  polls: number;
  /** Epoch ms of the next poll while running. */
  nextPollAt?: number;
  /** The terminal run, once done. */
  run?: Run;
  /** Why the run could not be created (a 4xx other than 429), once done without a run. */
  error?: string;
  /** Epoch ms at which the object learnt the run was terminal. */
  detectedAt?: number;
  /** How it learnt it. */
  detectedBy?: 'webhook' | 'poll' | 'create' | 'error';
  /** True once onRunFinished returned for this item. */
  notified: boolean;
}

/** The batch's settings (key `meta`). */
export interface BatchMeta {
  batchId: string;
  total: number;
  concurrency: number;
  /** Where the runs' webhooks go (the Worker's batch webhook route), if anywhere. */
  webhookUrl?: string;
  /** No create before this epoch ms: the server answered 429 with Retry-After. */
  notBefore: number;
  createdAt: number;
}

/** What onRunFinished receives, and GET /status lists. */
export interface BatchResult {
  batchId: string;
  index: number;
  /** `batchId:index`: stable, so that a consumer can drop a repeat after a crash mid-notify. */
  key: string;
  /** The terminal run; absent when it could not be created (then `error` says why). */
  run?: Run;
  error?: string;
  detectedBy: 'webhook' | 'poll' | 'create' | 'error';
  detectedAt: number;
}

export interface BatchStatus {
  batchId: string;
  total: number;
  pending: number;
  running: number;
  done: number;
  /** Done items' results (with `?results=1`). */
  results?: BatchResult[];
}

export const itemKey = (index: number) => `item:${String(index).padStart(6, '0')}`;
