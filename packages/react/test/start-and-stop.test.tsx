// @vitest-environment happy-dom
// Issue 14 items 2 and 4: no frozen state after a lasting poll error; a declarative start that
// pays for one run per key under StrictMode; a start whose outcome is unknown is not "failed".
import { ConnectionError, ForbiddenError } from '@skyvern-edge/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RunOutcomeUnknownError,
  useRunTask,
  useRunWorkflow,
  type UseRunTaskOptions,
  type UseRunTaskResult,
} from '@skyvern-edge/react';
import { setup, sleep, strictTree, waitLong, type Setup } from './helpers.js';

afterEach(cleanup);

const params = { prompt: 'Find the price', url: 'https://example.com/shop' };
const posts = (s: Setup) => s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks');

/** Renders useRunTask under StrictMode; `latest()` is the hook's last state, `rerender` gives new options. */
function strictTask(s: Setup, options: UseRunTaskOptions) {
  let state!: UseRunTaskResult;
  // The options go as one prop: spread, their `key` would be React's element key, not the hook's.
  function Task({ options: props }: { options: UseRunTaskOptions }) {
    state = useRunTask(props);
    return <p data-testid="status">{state.status ?? 'idle'}</p>;
  }
  const view = render(strictTree(s, <Task options={options} />));
  const rerender = (next: UseRunTaskOptions) => view.rerender(strictTree(s, <Task options={next} />));
  return { ...view, latest: () => state, rerender };
}

describe('a lasting poll error (403) does not freeze the run state', () => {
  it('isRunning turns false with the error and isStopped; resume() follows the run to completed and onCompleted fires', async () => {
    const s = setup();
    const onCompleted = vi.fn();
    const { latest } = strictTask(s, { start: params, onCompleted, pollInterval: 100 });
    await waitLong(() => expect(latest().runId).toMatch(/^tsk_/));
    const runId = latest().runId!;
    s.sim.inject({ status: 403 }, { match: { method: 'GET', path: '/v1/runs/{run_id}' } });
    await waitLong(() => expect(latest().error).toBeInstanceOf(ForbiddenError));
    expect(latest()).toMatchObject({ isRunning: false, isStopped: true, isTerminal: false });
    // Stopped: no request follows the 403.
    const gets = s.runGets(runId);
    await sleep(400);
    expect(s.runGets(runId)).toBe(gets);
    expect(onCompleted).not.toHaveBeenCalled();

    await act(async () => void (await latest().resume()));
    await waitLong(() => expect(latest().status).toBe('completed'));
    expect(latest()).toMatchObject({ isRunning: false, isStopped: false, error: null });
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(1));
    expect(posts(s)).toHaveLength(1);
  });
});

describe('the declarative start', () => {
  it('useRunTask({ start }) under StrictMode creates exactly one run, and one more per new key', async () => {
    const s = setup();
    const onCompleted = vi.fn();
    const { latest, rerender } = strictTask(s, { start: params, key: 'a', onCompleted, pollInterval: 100 });
    await waitLong(() => expect(screen.getByTestId('status').textContent).toBe('completed'));
    await sleep(100);
    expect(posts(s)).toHaveLength(1);
    expect(onCompleted).toHaveBeenCalledTimes(1);

    // A re-render with the same key (new params object) starts nothing.
    rerender({ start: { ...params }, key: 'a', onCompleted, pollInterval: 100 });
    await sleep(150);
    expect(posts(s)).toHaveLength(1);

    rerender({ start: { ...params, prompt: 'again' }, key: 'b', onCompleted, pollInterval: 100 });
    await waitLong(() => expect(posts(s)).toHaveLength(2));
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(2));
    expect(JSON.parse(posts(s)[1]!.bodyText!).prompt).toBe('again');
    expect(latest().runId).toBe(onCompleted.mock.calls[1]![0].run_id);
    await sleep(150);
    expect(posts(s)).toHaveLength(2);
  });

  it('without a key, the params are the key; start: null starts nothing', async () => {
    const s = setup();
    const { rerender } = strictTask(s, { start: null, pollInterval: 100 });
    await sleep(150);
    expect(s.sim.requests).toHaveLength(0);
    rerender({ start: params, pollInterval: 100 });
    await waitLong(() => expect(posts(s)).toHaveLength(1));
    rerender({ start: { ...params }, pollInterval: 100 });
    await sleep(150);
    expect(posts(s)).toHaveLength(1);
  });

  it('useRunWorkflow({ start }) too: one run under StrictMode', async () => {
    const s = setup();
    const [workflow] = s.sim.seedWorkflows(1);
    function Workflow() {
      const { status } = useRunWorkflow({
        start: { agent_id: workflow!.workflow_permanent_id, parameters: {} },
        pollInterval: 100,
      });
      return <p data-testid="wf">{status ?? 'idle'}</p>;
    }
    render(strictTree(s, <Workflow />));
    await waitLong(() => expect(screen.getByTestId('wf').textContent).toBe('completed'));
    expect(s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/agents')).toHaveLength(1);
  });

  it('why: an imperative start in an effect pays for two runs under StrictMode (documented)', async () => {
    const s = setup();
    function Imperative() {
      const { runTask } = useRunTask();
      // biome-ignore lint/correctness/useExhaustiveDependencies: the pattern the README warns against
      useEffect(() => void runTask(params), []);
      return null;
    }
    render(strictTree(s, <Imperative />));
    await waitLong(() => expect(posts(s)).toHaveLength(2));
    expect(s.sim.runs.size).toBe(2);
  });
});

describe('a start whose outcome is unknown', () => {
  it('a connection reset after Skyvern created the run reports RunOutcomeUnknownError, not a failure; no retry', async () => {
    const s = setup();
    s.sim.inject({ type: 'reset-after-processing' }, { match: { method: 'POST', path: '/v1/run/tasks' } });
    const onFailed = vi.fn();
    const onOutcomeUnknown = vi.fn();
    const { latest } = strictTask(s, { start: params, onFailed, onOutcomeUnknown, pollInterval: 100 });
    await waitLong(() => expect(latest().error).toBeInstanceOf(RunOutcomeUnknownError));
    const error = latest().error as RunOutcomeUnknownError;
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/may have been created; look it up/);
    expect(latest()).toMatchObject({ isOutcomeUnknown: true, isRunning: false, runId: undefined });
    await waitLong(() => expect(onOutcomeUnknown).toHaveBeenCalledTimes(1));
    expect(onFailed).not.toHaveBeenCalled();
    // The server did act: the run exists, and it was not created twice.
    expect(posts(s)).toHaveLength(1);
    expect(s.sim.runs.size).toBe(1);
  });

  it('a connection refused (nothing was sent) is a failure, not outcome unknown; the SDK tried 3 times', async () => {
    let attempts = 0;
    const refuse = async () => {
      attempts++;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const s = setup({}, { fetch: refuse, maxRetries: 2 });
    const onFailed = vi.fn();
    const onOutcomeUnknown = vi.fn();
    const { latest } = strictTask(s, { start: params, onFailed, onOutcomeUnknown });
    await waitLong(() => expect(onFailed).toHaveBeenCalledTimes(1));
    expect(latest().error).toBeInstanceOf(ConnectionError);
    expect(latest().error).not.toBeInstanceOf(RunOutcomeUnknownError);
    expect(latest()).toMatchObject({ isOutcomeUnknown: false, isRunning: false });
    expect(onOutcomeUnknown).not.toHaveBeenCalled();
    // A refused connection is safe to repeat, even for a create: 1 + 2 retries, one start.
    expect(attempts).toBe(3);
    expect(s.sim.runs.size).toBe(0);
  });

  it('a refused start (an ApiError) is still a failure: onFailed, not outcome unknown', async () => {
    const s = setup();
    s.sim.inject({ status: 422, body: '{"detail":"bad url"}' }, { match: { method: 'POST', path: '/v1/run/tasks' } });
    const onFailed = vi.fn();
    const onOutcomeUnknown = vi.fn();
    const { latest } = strictTask(s, { start: params, onFailed, onOutcomeUnknown });
    await waitLong(() => expect(onFailed).toHaveBeenCalledTimes(1));
    expect(latest().isOutcomeUnknown).toBe(false);
    expect(onOutcomeUnknown).not.toHaveBeenCalled();
  });
});
