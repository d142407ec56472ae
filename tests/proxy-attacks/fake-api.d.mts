import type { Server } from 'node:http';

export interface ExpectedCall {
  /** Resolves when the call reaches the API. */
  arrived: Promise<void>;
  /** Resolves when its connection closes before the answer was complete. */
  aborted: Promise<void>;
}
export interface FakeApi {
  server: Server;
  seen: { path: string; headers: Record<string, string | string[] | undefined> }[];
  expect(id: string): ExpectedCall;
}
export function fakeApi(): FakeApi;

export interface ClientLeave {
  name: string;
  id: string;
  phase: 'before the answer' | 'mid-stream' | 'mid-upload';
  reset: boolean;
}
export const CLIENT_LEAVES: ClientLeave[];
export const ABORT_WAIT_MS: number;
export const UPSTREAM_TIMEOUT_MS: number;
export function upstreamStalls(
  port: number,
  api: FakeApi,
): Promise<import('./raw-http.mjs').RawAnswer & { aborted: boolean }>;
export function clientLeaves(
  port: number,
  api: FakeApi,
  leave: ClientLeave,
  waitMs?: number,
): Promise<{ inTime: boolean; aborted: Promise<void> }>;
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean>;
