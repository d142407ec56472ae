// @vitest-environment happy-dom
import { NotFoundError, type Run } from '@skyvern-edge/core';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkyvernProvider, useRun } from '@skyvern-edge/react';
import { setup, sleep, waitLong } from './helpers.js';

afterEach(cleanup);

describe('useRun', () => {
  it('polls while the run is not terminal and sends no request after the terminal answer', async () => {
    const { client, wrapper, runGets, sim } = setup();
    const { run_id } = await client.runTask({ prompt: 'find the price', url: 'https://example.com' });
    const updates: Run[] = [];
    const { result } = renderHook(() => useRun(run_id, { pollInterval: 100, onUpdate: (run) => updates.push(run) }), {
      wrapper,
    });

    expect(result.current.isLoading).toBe(true);
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    expect(result.current.status).toBe('completed');
    expect(result.current.isPolling).toBe(false);
    expect(result.current.error).toBeNull();

    const gets = runGets(run_id);
    expect(gets).toBeGreaterThan(3);
    await sleep(500); // five poll intervals
    expect(runGets(run_id)).toBe(gets);
    // The last request the simulator answered for this run was the terminal one.
    expect(sim.getRunResponse(run_id)?.status).toBe('completed');

    // onUpdate: once per observed change of status or step_count, never twice for the same state.
    const keys = updates.map((r) => `${r.status}|${r.step_count ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(updates.at(-1)?.status).toBe('completed');
    expect(updates.map((r) => r.status)).toContain('running');
  });

  it('is idle for a null or undefined id: no request', async () => {
    const { wrapper, sim } = setup();
    const { result, rerender } = renderHook(
      ({ id }: { id: string | null | undefined }) => useRun(id, { pollInterval: 100 }),
      {
        wrapper,
        initialProps: { id: null as string | null | undefined },
      },
    );
    rerender({ id: undefined });
    await sleep(300);
    expect(sim.requests).toHaveLength(0);
    expect(result.current).toMatchObject({
      run: undefined,
      status: undefined,
      isLoading: false,
      isPolling: false,
      error: null,
    });
    expect(await result.current.refetch()).toBeUndefined();
    expect(sim.requests).toHaveLength(0);
  });

  it('starts when the id arrives and honours enabled: false', async () => {
    const { client, wrapper, runGets } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const { result, rerender } = renderHook(
      ({ id, enabled }: { id: string | null; enabled: boolean }) => useRun(id, { enabled, pollInterval: 100 }),
      {
        wrapper,
        initialProps: { id: null as string | null, enabled: true },
      },
    );
    rerender({ id: run_id, enabled: false });
    await sleep(250);
    expect(runGets(run_id)).toBe(0);
    rerender({ id: run_id, enabled: true });
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    expect(runGets(run_id)).toBeGreaterThan(0);
  });

  it('aborts the request in flight on unmount, and sends none after', async () => {
    const { client, wrapper, calls, hold } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const { result, unmount } = renderHook(() => useRun(run_id, { pollInterval: 100 }), { wrapper });
    await waitLong(() => expect(result.current.run?.run_id).toBe(run_id));

    // The next poll hangs until it is aborted.
    hold.match = (method, path) => method === 'GET' && path === `/v1/runs/${run_id}`;
    hold.ms = 60_000;
    await waitLong(() => expect(calls.some((c) => c.path.endsWith(run_id) && !c.settled)).toBe(true));
    const inFlight = calls.filter((c) => c.path.endsWith(run_id) && !c.settled);
    expect(inFlight).toHaveLength(1);

    const before = calls.length;
    unmount();
    await waitLong(() => expect(inFlight[0]!.settled).toBe(true));
    expect(inFlight[0]!.signal.aborted).toBe(true);
    expect(inFlight[0]!.outcome).toBe('rejected');
    await sleep(400);
    expect(calls.length).toBe(before);
  });

  it('surfaces SDK errors typed: an unknown run id gives NotFoundError, once, and polling stops', async () => {
    const { wrapper, runGets } = setup();
    const { result } = renderHook(() => useRun('tsk_does_not_exist', { pollInterval: 100 }), { wrapper });
    await waitLong(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect((result.current.error as NotFoundError).status).toBe(404);
    expect(result.current.isPolling).toBe(false);
    await sleep(300);
    // No React Query retries on top of the SDK (which does not retry a 404 either).
    expect(runGets('tsk_does_not_exist')).toBe(1);
  });

  it('keeps polling through a transient error (a 503 the SDK did not retry away) and reaches terminal', async () => {
    const { client, wrapper, sim, runGets } = setup({}, { maxRetries: 0 });
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    sim.inject({ status: 503 }, { match: { method: 'GET', path: '/v1/runs/{run_id}' }, times: 2 });
    const { result } = renderHook(() => useRun(run_id, { pollInterval: 100 }), { wrapper });
    await waitLong(() => expect(result.current.error?.name).toBe('InternalServerError'));
    expect(result.current.isPolling).toBe(true);
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    expect(result.current.error).toBeNull();
    expect(result.current.status).toBe('completed');
    expect(runGets(run_id)).toBeGreaterThan(3);
  });

  it('works under StrictMode and shares one query between components', async () => {
    const { client, queryClient, runGets } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    function Status() {
      const { status, run } = useRun(run_id, { pollInterval: 100 });
      return <p>{`${status ?? 'loading'}:${run?.step_count ?? '-'}`}</p>;
    }
    render(
      <StrictMode>
        <SkyvernProvider client={client} queryClient={queryClient}>
          <Status />
          <Status />
        </SkyvernProvider>
      </StrictMode>,
    );
    await waitLong(() => expect(screen.getAllByText(/^completed:/)).toHaveLength(2));
    const gets = runGets(run_id);
    await sleep(300);
    expect(runGets(run_id)).toBe(gets);
  });

  it('calls the latest onUpdate without restarting polling', async () => {
    const { client, wrapper } = setup();
    const { run_id } = await client.runTask({ prompt: 'p', url: 'https://example.com' });
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(
      ({ cb }: { cb: (run: Run) => void }) => useRun(run_id, { pollInterval: 100, onUpdate: cb }),
      {
        wrapper,
        initialProps: { cb: first },
      },
    );
    await waitLong(() => expect(first).toHaveBeenCalled());
    await act(async () => rerender({ cb: second }));
    await waitLong(() => expect(result.current.isTerminal).toBe(true));
    expect(second).toHaveBeenCalled();
    expect(second.mock.calls.at(-1)?.[0].status).toBe('completed');
  });
});
