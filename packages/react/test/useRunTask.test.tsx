// @vitest-environment happy-dom
import { InternalServerError, SkyvernError, type TaskRunResponse, type WorkflowRunResponse } from '@skyvern-edge/core';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkyvernProvider, skyvernKeys, useRunTask, useRunWorkflow } from '@skyvern-edge/react';
import { setup, sleep, waitLong } from './helpers.js';

afterEach(cleanup);

const params = { prompt: 'Find the top post on Hacker News', url: 'https://news.ycombinator.com' };

describe('useRunTask', () => {
  it('starts a task, follows it to completed, fires onCompleted once and stops polling', async () => {
    const { wrapper, sim, runGets, queryClient, client } = setup();
    const onCompleted = vi.fn();
    const onFailed = vi.fn();
    const { result } = renderHook(() => useRunTask({ onCompleted, onFailed, pollInterval: 100 }), { wrapper });
    expect(result.current).toMatchObject({
      run: undefined,
      status: undefined,
      isRunning: false,
      isStarting: false,
      error: null,
    });

    let created: TaskRunResponse | undefined;
    await act(async () => {
      created = await result.current.runTask(params);
    });
    expect(created?.run_id).toMatch(/^tsk_/);
    // Observers notify React on the next tick.
    await waitLong(() => expect(result.current.runId).toBe(created?.run_id));
    expect(result.current.isRunning).toBe(true);
    // The created run is in the cache at once: no GET was needed to show it.
    expect(queryClient.getQueryData(skyvernKeys.run(created!.run_id, client))?.run_id).toBe(created!.run_id);

    await waitLong(() => expect(result.current.status).toBe('completed'));
    expect(result.current.isRunning).toBe(false);
    expect(result.current.isTerminal).toBe(true);
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(1));
    expect(onCompleted.mock.calls[0]![0]).toMatchObject({ run_id: created!.run_id, status: 'completed' });
    expect(onFailed).not.toHaveBeenCalled();

    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.bodyText!)).toMatchObject(params);
    const gets = runGets(created!.run_id);
    await sleep(400);
    expect(runGets(created!.run_id)).toBe(gets);
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });

  it('fires onFailed once with the run when it fails', async () => {
    const { wrapper } = setup({ scenario: () => ({ outcome: 'failed', durationMs: 300 }) });
    const onCompleted = vi.fn();
    const onFailed = vi.fn();
    const { result } = renderHook(() => useRunTask({ onCompleted, onFailed, pollInterval: 100 }), { wrapper });
    await act(async () => void (await result.current.runTask(params)));
    await waitLong(() => expect(result.current.status).toBe('failed'));
    await sleep(200);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(onFailed.mock.calls[0]![0]).toMatchObject({ status: 'failed' });
    expect(onCompleted).not.toHaveBeenCalled();
    expect(result.current.error).toBeNull(); // a failed run is a result, not an error
  });

  it('cancel() cancels the run on the server; the tracked run then shows canceled and polling stops', async () => {
    const { wrapper, sim, runGets } = setup({ scenario: () => ({ outcome: 'completed', durationMs: 60_000 }) });
    const onFailed = vi.fn();
    const { result } = renderHook(() => useRunTask({ onFailed, pollInterval: 100 }), { wrapper });
    await act(async () => void (await result.current.runTask(params)));
    await waitLong(() => expect(result.current.status).toBe('running'));

    await act(() => result.current.cancel());
    await waitLong(() => expect(result.current.status).toBe('canceled'));
    const runId = result.current.runId!;
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === `/v1/runs/${runId}/cancel`)).toHaveLength(1);
    await waitLong(() => expect(result.current.isCanceling).toBe(false));
    expect(result.current.isRunning).toBe(false);
    expect(result.current.error).toBeNull();
    await waitLong(() => expect(onFailed).toHaveBeenCalledTimes(1));
    expect(onFailed.mock.calls[0]![0]).toMatchObject({ run_id: runId, status: 'canceled' });

    const gets = runGets(runId);
    await sleep(400);
    expect(runGets(runId)).toBe(gets);
    // Canceling a terminal run is a no-op.
    await act(() => result.current.cancel());
    expect(sim.requests.filter((r) => r.path === `/v1/runs/${runId}/cancel`)).toHaveLength(1);
  });

  it('cancel() while the run is being created waits for its id and cancels it', async () => {
    const { wrapper, sim, hold } = setup({ scenario: () => ({ outcome: 'completed', durationMs: 60_000 }) });
    hold.match = (method, path) => method === 'POST' && path === '/v1/run/tasks';
    hold.ms = 150;
    const { result } = renderHook(() => useRunTask({ pollInterval: 100 }), { wrapper });
    let started!: Promise<unknown>;
    act(() => {
      started = result.current.runTask(params);
    });
    await waitLong(() => expect(result.current.isStarting).toBe(true));
    await act(() => result.current.cancel());
    await act(() => started);
    await waitLong(() => expect(result.current.status).toBe('canceled'));
    expect(sim.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(1);
  });

  it('a second runTask while one runs tracks the new run', async () => {
    const { wrapper, sim, runGets } = setup({
      scenario: (body) => ({ outcome: 'completed', durationMs: body.prompt === 'slow' ? 60_000 : 300 }),
    });
    const onCompleted = vi.fn();
    const { result } = renderHook(() => useRunTask({ onCompleted, pollInterval: 100 }), { wrapper });
    let first: TaskRunResponse | undefined;
    let second: TaskRunResponse | undefined;
    await act(async () => void (first = await result.current.runTask({ ...params, prompt: 'slow' })));
    await waitLong(() => expect(runGets(first!.run_id)).toBeGreaterThan(0));
    await act(async () => void (second = await result.current.runTask({ ...params, prompt: 'fast' })));
    await waitLong(() => expect(result.current.runId).toBe(second!.run_id));
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(1));
    expect(onCompleted.mock.calls[0]![0].run_id).toBe(second!.run_id);
    // The first run is no longer polled (it goes on on the server).
    const firstGets = runGets(first!.run_id);
    await sleep(300);
    expect(runGets(first!.run_id)).toBe(firstGets);
    expect(sim.runs.size).toBe(2);
  });

  it('a start error lands in error (typed) and fires onFailed once; reset() clears it', async () => {
    const { wrapper, sim } = setup();
    sim.inject({ status: 500 }, { match: { method: 'POST', path: '/v1/run/tasks' } });
    const onFailed = vi.fn();
    const { result } = renderHook(() => useRunTask({ onFailed }), { wrapper });
    let created: unknown = 'unset';
    await act(async () => void (created = await result.current.runTask(params)));
    expect(created).toBeUndefined();
    await waitLong(() => expect(result.current.error).toBeInstanceOf(InternalServerError));
    expect(result.current.error).toBeInstanceOf(SkyvernError);
    expect(result.current.isRunning).toBe(false);
    await waitLong(() => expect(onFailed).toHaveBeenCalledTimes(1));
    expect(onFailed.mock.calls[0]![0]).toBeInstanceOf(InternalServerError);
    // A creating call is never retried: by the SDK nor by React Query.
    expect(sim.requests.filter((r) => r.path === '/v1/run/tasks')).toHaveLength(1);
    act(() => result.current.reset());
    await waitLong(() => expect(result.current.error).toBeNull());
  });
});

describe('useRunTask under StrictMode', () => {
  it('creates one run per click and fires onCompleted once', async () => {
    const { client, queryClient, sim } = setup();
    const onCompleted = vi.fn();
    function Task() {
      const { runTask, status, run } = useRunTask({ onCompleted, pollInterval: 100 });
      return (
        <>
          <button onClick={() => void runTask(params)}>run</button>
          <p data-testid="status">{`${status ?? 'idle'} ${run?.output ? 'output' : ''}`}</p>
        </>
      );
    }
    render(
      <StrictMode>
        <SkyvernProvider client={client} queryClient={queryClient}>
          <Task />
        </SkyvernProvider>
      </StrictMode>,
    );
    await act(async () => screen.getByText('run').click());
    await waitLong(() => expect(screen.getByTestId('status').textContent).toBe('completed output'));
    await sleep(200);
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks')).toHaveLength(1);
  });
});

describe('useRunWorkflow', () => {
  it('runs a workflow and follows it to completed', async () => {
    const { wrapper, sim } = setup();
    const [workflow] = sim.seedWorkflows(1);
    const onCompleted = vi.fn();
    const { result } = renderHook(() => useRunWorkflow({ onCompleted, pollInterval: 100 }), { wrapper });
    let created: WorkflowRunResponse | undefined;
    await act(
      async () =>
        void (created = await result.current.runWorkflow({
          agent_id: workflow!.workflow_permanent_id,
          parameters: {},
        })),
    );
    expect(result.current.error).toBeNull();
    expect(created?.run_id).toMatch(/^wr_/);
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(1));
    expect(sim.requests.some((r) => r.method === 'POST' && r.path === '/v1/run/agents')).toBe(true);
  });
});
