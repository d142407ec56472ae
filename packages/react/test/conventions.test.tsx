// @vitest-environment happy-dom
// Issue 14 item 5: TanStack conventions — skipToken, keys with the client's identity, select and
// placeholderData on useRun. (Suspense: useSuspenseQuery(runQueryOptions(...)), in options.test.tsx.)
import { Skyvern } from '@skyvern-edge/core';
import { skipToken } from '@tanstack/query-core';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SkyvernProvider, runQueryOptions, skyvernKeys, useRun } from '@skyvern-edge/react';
import { setup, sleep, waitLong } from './helpers.js';

afterEach(cleanup);

const params = { prompt: 'p', url: 'https://example.com' };

describe('skipToken for a missing id', () => {
  it('runQueryOptions(client, null) answers skipToken; useQuery and useRun with it send nothing and fetch no empty id', async () => {
    const s = setup();
    expect(runQueryOptions(s.client, null).queryFn).toBe(skipToken);
    expect(runQueryOptions(s.client, undefined).queryKey).toEqual([
      'skyvern',
      'runs',
      null,
      { baseUrl: s.client.baseUrl },
    ]);
    function Both() {
      const viaQuery = useQuery(runQueryOptions(s.client, null));
      const viaHook = useRun(null);
      return <p data-testid="idle">{`${viaQuery.fetchStatus} ${viaHook.isLoading}`}</p>;
    }
    render(
      <StrictMode>
        <QueryClientProvider client={s.queryClient}>
          <SkyvernProvider client={s.client} queryClient={s.queryClient}>
            <Both />
          </SkyvernProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
    await sleep(150);
    expect(screen.getByTestId('idle').textContent).toBe('idle false');
    expect(s.sim.requests).toHaveLength(0);
    expect(s.queryClient.getQueryCache().findAll({ queryKey: skyvernKeys.run('') })).toHaveLength(0);
  });
});

describe('query keys carry the client identity (base URL)', () => {
  it('two clients on different base URLs following the same run id keep two entries, each fetched by its own client', async () => {
    const s = setup();
    const { run_id } = await s.client.runTask(params);
    const otherGets: string[] = [];
    const other = new Skyvern({
      apiKey: s.sim.apiKey,
      baseUrl: 'http://other.sim.local',
      fetch: (input, init) => {
        const request = new Request(input, init);
        otherGets.push(new URL(request.url).pathname);
        return s.sim.fetch(request);
      },
      dangerouslyAllowBrowser: true,
    });
    function Status({ name }: { name: string }) {
      return <p data-testid={name}>{useRun(run_id, { pollInterval: 100 }).status ?? '-'}</p>;
    }
    render(
      <StrictMode>
        <SkyvernProvider client={s.client} queryClient={s.queryClient}>
          <Status name="a" />
          <SkyvernProvider client={other} queryClient={s.queryClient}>
            <Status name="b" />
          </SkyvernProvider>
        </SkyvernProvider>
      </StrictMode>,
    );
    await waitLong(() => expect(screen.getByTestId('a').textContent).toBe('completed'));
    await waitLong(() => expect(screen.getByTestId('b').textContent).toBe('completed'));
    expect(s.queryClient.getQueryCache().findAll({ queryKey: skyvernKeys.run(run_id) })).toHaveLength(2);
    expect(s.queryClient.getQueryData(skyvernKeys.run(run_id, s.client))?.run_id).toBe(run_id);
    expect(s.queryClient.getQueryData(skyvernKeys.run(run_id, other))?.run_id).toBe(run_id);
    // Each entry was fetched by its own client, and the simulator got the polls of both.
    const mine = s.calls.filter((c) => c.method === 'GET' && c.path === `/v1/runs/${run_id}`).length;
    expect(mine).toBeGreaterThan(0);
    expect(otherGets.filter((p) => p === `/v1/runs/${run_id}`).length).toBeGreaterThan(0);
    expect(s.runGets(run_id)).toBe(mine + otherGets.length);
  });
});

describe('useRun select and placeholderData', () => {
  it('select derives data, run stays whole', async () => {
    const s = setup();
    const { run_id } = await s.client.runTask(params);
    const { result } = renderHook(() => useRun(run_id, { pollInterval: 100, select: (run) => run.step_count ?? 0 }), {
      wrapper: s.wrapper,
    });
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    expect(typeof result.current.data).toBe('number');
    expect(result.current.data).toBe(result.current.run!.step_count ?? 0);
    expect(result.current.run!.run_id).toBe(run_id);
  });

  it('placeholderData: (previous) => previous keeps the last run shown while the next id loads', async () => {
    const s = setup();
    const a = await s.client.runTask(params);
    const b = await s.client.runTask(params);
    s.hold.match = (method, path) => method === 'GET' && path === `/v1/runs/${b.run_id}`;
    s.hold.ms = 300;
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) => useRun(id, { pollInterval: 100, placeholderData: (previous) => previous }),
      { wrapper: s.wrapper, initialProps: { id: a.run_id } },
    );
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    rerender({ id: b.run_id });
    expect(result.current.isPlaceholderData).toBe(true);
    expect(result.current.run?.run_id).toBe(a.run_id);
    await waitLong(() => expect(result.current.run?.run_id).toBe(b.run_id));
    expect(result.current.isPlaceholderData).toBe(false);
  });
});
