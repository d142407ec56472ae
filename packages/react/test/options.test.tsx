// @vitest-environment happy-dom
import { isTerminalStatus, NotFoundError, type Run } from '@skyvern-edge/core';
import {
  QueryClientProvider,
  QueryClient as ReactQueryClient,
  useQuery,
  useSuspenseQuery,
} from '@tanstack/react-query';
import { QueryClient, isCancelledError } from '@tanstack/query-core';
import { cleanup, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SkyvernProvider, browserSessionQueryOptions, runQueryOptions, skyvernKeys, useRun } from '@skyvern-edge/react';
import { setup, sleep, waitLong } from './helpers.js';

afterEach(cleanup);

describe('skyvernKeys', () => {
  it('are layered under ["skyvern"]', () => {
    expect(skyvernKeys.all).toEqual(['skyvern']);
    expect(skyvernKeys.runs()).toEqual(['skyvern', 'runs']);
    expect(skyvernKeys.run('tsk_1')).toEqual(['skyvern', 'runs', 'tsk_1']);
    expect(skyvernKeys.browserSessions()).toEqual(['skyvern', 'browserSessions']);
    expect(skyvernKeys.browserSession('pbs_1')).toEqual(['skyvern', 'browserSessions', 'pbs_1']);
  });
});

describe('runQueryOptions with a plain QueryClient', () => {
  it('fetchQuery gets the run; the options are plain data with retry: false', async () => {
    const { client } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const queryClient = new QueryClient();
    const options = runQueryOptions(client, run_id);
    expect(options.queryKey).toEqual(['skyvern', 'runs', run_id, { baseUrl: 'http://sim.local' }]);
    expect(options.retry).toBe(false);
    const run = await queryClient.fetchQuery(options);
    expect(run.run_id).toBe(run_id);
    expect(queryClient.getQueryData(skyvernKeys.run(run_id, client))?.run_id).toBe(run_id);
  });

  it('passes the query signal to the SDK: cancelQueries aborts the HTTP request', async () => {
    const { client, calls, hold } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    hold.match = (method) => method === 'GET';
    hold.ms = 60_000;
    const queryClient = new QueryClient();
    const pending = queryClient.fetchQuery(runQueryOptions(client, run_id)).catch((e: unknown) => e);
    await waitLong(() => expect(calls.some((c) => c.method === 'GET' && !c.settled)).toBe(true));
    await queryClient.cancelQueries({ queryKey: skyvernKeys.run(run_id) });
    const call = calls.find((c) => c.method === 'GET')!;
    await waitLong(() => expect(call.settled).toBe(true));
    expect(call.signal.aborted).toBe(true);
    expect(isCancelledError(await pending)).toBe(true);
  });

  it('refetchInterval polls by defaultPollSchedule and returns false once terminal or on a lasting error', async () => {
    const { client } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const queryClient = new QueryClient();
    const options = runQueryOptions(client, run_id);
    await queryClient.fetchQuery(options);
    const query = queryClient.getQueryCache().find({ queryKey: skyvernKeys.run(run_id, client) })!;
    expect(options.refetchInterval(query as never)).toBe(1_000);
    queryClient.setQueryData(skyvernKeys.run(run_id, client), (run) => ({ ...run!, status: 'running' }));
    queryClient.setQueryData(skyvernKeys.run(run_id, client), (run) => ({ ...run!, status: 'running' }));
    expect(options.refetchInterval(query as never)).toBe(2_750);
    expect(options.staleTime(query as never)).toBe(2_750);
    queryClient.setQueryData(skyvernKeys.run(run_id, client), (run) => ({ ...run!, status: 'completed' }));
    expect(options.refetchInterval(query as never)).toBe(false);
    expect(options.staleTime(query as never)).toBe(Infinity);

    const missing = runQueryOptions(client, 'tsk_missing', { pollInterval: 500 });
    await expect(queryClient.fetchQuery(missing)).rejects.toBeInstanceOf(NotFoundError);
    const missingQuery = queryClient.getQueryCache().find({ queryKey: skyvernKeys.run('tsk_missing', client) })!;
    expect(missing.refetchInterval(missingQuery as never)).toBe(false);
  });

  it('a fixed or function pollInterval is honoured, at least 100 ms', async () => {
    const { client } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const queryClient = new QueryClient();
    await queryClient.fetchQuery(runQueryOptions(client, run_id));
    const query = queryClient.getQueryCache().find({ queryKey: skyvernKeys.run(run_id, client) })!;
    expect(runQueryOptions(client, run_id, { pollInterval: 5_000 }).refetchInterval(query as never)).toBe(5_000);
    expect(runQueryOptions(client, run_id, { pollInterval: 1 }).refetchInterval(query as never)).toBe(100);
    const seen: [number, Run][] = [];
    const fn = (attempt: number, run: Run) => (seen.push([attempt, run]), 1_234);
    expect(runQueryOptions(client, run_id, { pollInterval: fn }).refetchInterval(query as never)).toBe(1_234);
    expect(seen[0]![0]).toBe(1);
    expect(seen[0]![1].run_id).toBe(run_id);
  });

  it('browserSessionQueryOptions fetches a session and does not poll a running one', async () => {
    const { client } = setup();
    const created = await client.createBrowserSession({});
    const queryClient = new QueryClient();
    const options = browserSessionQueryOptions(client, created.browser_session_id);
    const session = await queryClient.fetchQuery(options);
    expect(session.app_url).toBe(created.app_url);
    const query = queryClient.getQueryCache().find({ queryKey: options.queryKey })!;
    expect(options.refetchInterval(query as never)).toBe(false);
    queryClient.setQueryData(options.queryKey, { ...session, status: 'created' });
    expect(options.refetchInterval(query as never)).toBe(2_000);
  });
});

describe('interop with @tanstack/react-query', () => {
  it('useQuery(runQueryOptions) and useRun share one cache entry and one poll loop, and polling stops at terminal', async () => {
    const { client, runGets } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const queryClient = new ReactQueryClient();
    function ViaReactQuery() {
      const { data } = useQuery(runQueryOptions(client, run_id, { pollInterval: 100 }));
      return <p data-testid="rq">{data?.status ?? 'loading'}</p>;
    }
    function ViaHook() {
      const { status } = useRun(run_id, { pollInterval: 100 });
      return <p data-testid="hook">{status ?? 'loading'}</p>;
    }
    render(
      <QueryClientProvider client={queryClient}>
        <SkyvernProvider client={client} queryClient={queryClient}>
          <ViaReactQuery />
          <ViaHook />
        </SkyvernProvider>
      </QueryClientProvider>,
    );
    await waitLong(() => expect(screen.getByTestId('rq').textContent).toBe('completed'));
    expect(screen.getByTestId('hook').textContent).toBe('completed');
    expect(queryClient.getQueryCache().findAll({ queryKey: skyvernKeys.runs() })).toHaveLength(1);
    const gets = runGets(run_id);
    // One poll loop, not two: ~600 ms run at 100 ms intervals.
    expect(gets).toBeLessThan(15);
    await sleep(300);
    expect(runGets(run_id)).toBe(gets);
  });

  it('useSuspenseQuery(runQueryOptions) suspends, then renders the run', async () => {
    const { client } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const queryClient = new ReactQueryClient();
    function Status() {
      const { data } = useSuspenseQuery(runQueryOptions(client, run_id, { pollInterval: 100 }));
      return <p data-testid="status">{data.status}</p>;
    }
    render(
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<p data-testid="status">suspended</p>}>
          <Status />
        </Suspense>
      </QueryClientProvider>,
    );
    expect(screen.getByTestId('status').textContent).toBe('suspended');
    await waitLong(() => expect(screen.getByTestId('status').textContent).toBe('completed'));
    expect(isTerminalStatus(queryClient.getQueryData(skyvernKeys.run(run_id, client))?.status)).toBe(true);
  });
});
