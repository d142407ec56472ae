// @vitest-environment happy-dom
// Issue 14 item 1: one cache with the app's @tanstack/react-query, on every TanStack version of the matrix.
import { SkyvernError, type Run } from '@skyvern-edge/core';
import { QueryClient, QueryClientProvider, useMutation, useQueryClient, useQuery } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkyvernProvider as CoreProvider } from '@skyvern-edge/react';
import {
  SkyvernProvider,
  runQueryOptions,
  runTaskMutationOptions,
  skyvernKeys,
  useRun,
  useRunTask,
  useSkyvernQueryClient,
} from '@skyvern-edge/react/react-query';
import { setup, sleep, waitLong } from './helpers.js';

afterEach(cleanup);

const params = { prompt: 'p', url: 'https://example.com' };

describe('@skyvern-edge/react/react-query', () => {
  it("without a queryClient prop, the hooks use the QueryClientProvider's client: one entry, one poll loop", async () => {
    const { client, runGets } = setup();
    const { run_id } = await client.runTask(params);
    const appClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const seen: unknown[] = [];
    function ViaReactQuery() {
      const { data } = useQuery(runQueryOptions(client, run_id, { pollInterval: 100 }));
      return <p data-testid="rq">{data?.status ?? 'loading'}</p>;
    }
    function ViaHook() {
      seen.push(useSkyvernQueryClient());
      const { status } = useRun(run_id, { pollInterval: 100 });
      return <p data-testid="hook">{status ?? 'loading'}</p>;
    }
    render(
      <StrictMode>
        <QueryClientProvider client={appClient}>
          <SkyvernProvider client={client}>
            <ViaReactQuery />
            <ViaHook />
          </SkyvernProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
    await waitLong(() => expect(screen.getByTestId('hook').textContent).toBe('completed'));
    expect(screen.getByTestId('rq').textContent).toBe('completed');
    expect(new Set(seen)).toEqual(new Set([appClient]));
    const entries = appClient.getQueryCache().findAll({ queryKey: skyvernKeys.runs() });
    expect(entries).toHaveLength(1);
    await sleep(300);
    // Every GET the simulator answered landed in that one entry (two observers, one poll loop), but
    // the first, which StrictMode's simulated unmount aborts (the query's signal reached the SDK).
    const gets = runGets(run_id);
    const fetched = entries[0]!.state.dataUpdateCount + entries[0]!.state.errorUpdateCount;
    expect(fetched).toBeGreaterThan(2);
    expect(gets - fetched).toBeGreaterThanOrEqual(0);
    expect(gets - fetched).toBeLessThanOrEqual(1);
  });

  it('useRunTask stores the run in the app cache (devtools see it); one POST', async () => {
    const { client, sim } = setup();
    const appClient = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={appClient}>
        <SkyvernProvider client={client}>{children}</SkyvernProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useRunTask({ pollInterval: 100 }), { wrapper });
    let run: Run | undefined;
    await act(async () => void (run = await result.current.runTask(params)));
    await waitLong(() => expect(result.current.status).toBe('completed'));
    expect(appClient.getQueryData(skyvernKeys.run(run!.run_id, client))?.status).toBe('completed');
    expect(appClient.getMutationCache().findAll({ mutationKey: ['skyvern', 'runTask'] })).toHaveLength(1);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks')).toHaveLength(1);
  });
});

describe('runTaskMutationOptions with react-query useMutation', () => {
  it('given the QueryClient: creates the run once, succeeds, and seeds the cache', async () => {
    const { client, sim } = setup();
    const appClient = new QueryClient();
    const { result } = renderHook(() => useMutation(runTaskMutationOptions(client, useQueryClient())), {
      wrapper: ({ children }) => <QueryClientProvider client={appClient}>{children}</QueryClientProvider>,
    });
    let run: Run | undefined;
    await act(async () => void (run = await result.current.mutateAsync(params)));
    await waitLong(() => expect(result.current.status).toBe('success'));
    expect(appClient.getQueryData(skyvernKeys.run(run!.run_id, client))?.run_id).toBe(run!.run_id);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks')).toHaveLength(1);
  });

  it('without it: still succeeds on every version (5.87 passes no callback context), never a failure after the create', async () => {
    const { client, sim } = setup();
    const appClient = new QueryClient();
    const { result } = renderHook(() => useMutation(runTaskMutationOptions(client)), {
      wrapper: ({ children }) => <QueryClientProvider client={appClient}>{children}</QueryClientProvider>,
    });
    await act(async () => void (await result.current.mutateAsync(params)));
    await waitLong(() => expect(result.current.status).toBe('success'));
    expect(result.current.error).toBeNull();
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks')).toHaveLength(1);
  });
});

describe('SkyvernProvider (main entry) and a QueryClient from another query-core copy', () => {
  it('throws a SkyvernError that says what to do, instead of failing deep inside an observer', () => {
    const { client } = setup();
    class OtherCopyQueryClient {}
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<CoreProvider client={client} queryClient={new OtherCopyQueryClient() as never} />)).toThrow(
      SkyvernError,
    );
    expect(() => render(<CoreProvider client={client} queryClient={new OtherCopyQueryClient() as never} />)).toThrow(
      /another copy of @tanstack\/query-core.*@skyvern-edge\/react\/react-query/,
    );
    spy.mockRestore();
  });
});
