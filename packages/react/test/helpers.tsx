import { Skyvern, type ClientOptions } from '@skyvern-edge/core';
import { createSimulator, type SimulatorOptions } from '@skyvern-edge/testing';
import { waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { SkyvernProvider, createSkyvernQueryClient } from '@skyvern-edge/react';

export const BASE_URL = 'http://sim.local';

/** A short run: created → queued at 50 ms → running at 100 ms → done 600 ms later, a step every 150 ms. */
export const SHORT_TIMELINE = { queuedAfterMs: 50, runningAfterMs: 100, durationMs: 600, stepEveryMs: 150 };

export interface Call {
  method: string;
  path: string;
  signal: AbortSignal;
  settled: boolean;
  /** 'ok' | 'rejected' once settled */
  outcome?: string;
}

export interface Setup {
  sim: ReturnType<typeof createSimulator>;
  client: Skyvern;
  queryClient: ReturnType<typeof createSkyvernQueryClient>;
  calls: Call[];
  /** While set for a matching request, the fetch waits until the request's signal aborts (or `ms` passes). */
  hold: { match?: (method: string, path: string) => boolean; ms: number };
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** GET /v1/runs/{id} requests the simulator received. */
  runGets: (runId: string) => number;
}

export function setup(options: SimulatorOptions = {}, clientOptions: ClientOptions = {}): Setup {
  const sim = createSimulator({ runTimeline: SHORT_TIMELINE, ...options });
  const calls: Call[] = [];
  const hold: Setup['hold'] = { ms: 0 };
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const call: Call = { method: request.method, path: url.pathname, signal: request.signal, settled: false };
    calls.push(call);
    try {
      if (hold.match?.(call.method, call.path)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, hold.ms);
          request.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(request.signal.reason);
          });
        });
      }
      const response = await sim.fetch(request);
      call.outcome = 'ok';
      return response;
    } catch (error) {
      call.outcome = 'rejected';
      throw error;
    } finally {
      call.settled = true;
    }
  };
  // The key is the simulator's; tests run in a DOM, where the SDK refuses keys unless told.
  const client = new Skyvern({
    apiKey: sim.apiKey,
    baseUrl: BASE_URL,
    fetch,
    dangerouslyAllowBrowser: true,
    ...clientOptions,
  });
  const queryClient = createSkyvernQueryClient();
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <SkyvernProvider client={client} queryClient={queryClient}>
      {children}
    </SkyvernProvider>
  );
  const runGets = (runId: string) =>
    sim.requests.filter((r) => r.method === 'GET' && r.path === `/v1/runs/${runId}`).length;
  return { sim, client, queryClient, calls, hold, wrapper, runGets };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** waitFor with room for a whole simulated run. */
export const waitLong = <T,>(fn: () => T | Promise<T>, timeout = 5_000) => waitFor(fn, { timeout, interval: 20 });

/** `ui` under StrictMode inside the setup's SkyvernProvider: the tree most tests render. */
export const strictTree = (s: Setup, ui: ReactNode) => (
  <StrictMode>
    <SkyvernProvider client={s.client} queryClient={s.queryClient}>
      {ui}
    </SkyvernProvider>
  </StrictMode>
);
