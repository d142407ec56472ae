// @vitest-environment happy-dom
import { NotFoundError } from '@skyvern-edge/core';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useBrowserSession, useRun } from '@skyvern-edge/react';
import { setup, sleep, strictTree, waitLong, type Setup } from './helpers.js';

afterEach(cleanup);

const creates = (s: Setup) => s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/browser_sessions');
const closes = (s: Setup) =>
  s.sim.requests.filter((r) => r.method === 'POST' && /^\/v1\/browser_sessions\/[^/]+\/close$/.test(r.path));

function Session({ closeOnUnmount = true }: { closeOnUnmount?: boolean }) {
  const { liveUrl, status, sessionId } = useBrowserSession({ create: { timeout: 15 }, closeOnUnmount });
  return <p data-testid="session">{liveUrl ? `${sessionId} ${status} ${liveUrl}` : 'starting'}</p>;
}

const renderStrict = (s: Setup, ui: React.ReactNode) => render(strictTree(s, ui));

describe('useBrowserSession', () => {
  it('StrictMode: creates exactly one session, and closes exactly one on the real unmount', async () => {
    const s = setup();
    const { unmount } = renderStrict(s, <Session />);
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/^pbs_\S+ running https:\/\//));
    expect(creates(s)).toHaveLength(1);
    expect(JSON.parse(creates(s)[0]!.bodyText!)).toEqual({ timeout: 15 });
    expect(s.sim.sessions.size).toBe(1);
    const [id] = [...s.sim.sessions.keys()];
    expect(screen.getByTestId('session').textContent).toContain(`/browser-session/${id}`);
    // StrictMode's simulated unmount / remount did not close it.
    await sleep(100);
    expect(closes(s)).toHaveLength(0);

    unmount();
    await waitLong(() => expect(closes(s)).toHaveLength(1));
    expect(closes(s)[0]!.path).toBe(`/v1/browser_sessions/${id}/close`);
    expect(s.sim.sessions.get(id!)!.record.status).toBe('closed');
    await sleep(200);
    expect(closes(s)).toHaveLength(1);
    expect(creates(s)).toHaveLength(1);
  });

  it('StrictMode: unmounting while the create call is in flight closes the session once it exists', async () => {
    const s = setup();
    s.hold.match = (method, path) => method === 'POST' && path === '/v1/browser_sessions';
    s.hold.ms = 200;
    const { unmount } = renderStrict(s, <Session />);
    await waitLong(() => expect(s.calls.some((c) => c.path === '/v1/browser_sessions')).toBe(true));
    unmount();
    await waitLong(() => expect(closes(s)).toHaveLength(1));
    expect(creates(s)).toHaveLength(1);
    const [session] = [...s.sim.sessions.values()];
    expect(session!.record.status).toBe('closed');
  });

  it('without closeOnUnmount the session stays open', async () => {
    const s = setup();
    const { unmount } = renderStrict(s, <Session closeOnUnmount={false} />);
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/running/));
    unmount();
    await sleep(150);
    expect(closes(s)).toHaveLength(0);
    expect([...s.sim.sessions.values()][0]!.record.status).toBe('running');
  });

  it('follows an existing session by id, closes it with close() once, and shows it closed', async () => {
    const s = setup();
    const created = await s.client.createBrowserSession({});
    const { result } = renderHook(() => useBrowserSession({ sessionId: created.browser_session_id }), {
      wrapper: s.wrapper,
    });
    await waitLong(() => expect(result.current.status).toBe('running'));
    expect(result.current.liveUrl).toBe(created.app_url);
    expect(result.current.browserAddress).toBe(created.browser_address);
    expect(creates(s)).toHaveLength(1); // only the one made above

    await act(() => result.current.close());
    await waitLong(() => expect(result.current.status).toBe('closed'));
    await act(() => result.current.close());
    expect(closes(s)).toHaveLength(1);
    expect(result.current.error).toBeNull();
  });

  it('create() on demand is idempotent while the session is open; runTask runs in it', async () => {
    const s = setup();
    const { result } = renderHook(
      () => {
        const session = useBrowserSession();
        const [runId, setRunId] = useState<string | null>(null);
        const run = useRun(runId, { pollInterval: 100 });
        return { session, run, setRunId };
      },
      { wrapper: s.wrapper },
    );
    await sleep(50);
    expect(s.sim.requests).toHaveLength(0);
    let a: unknown;
    let b: unknown;
    await act(async () => {
      [a, b] = await Promise.all([result.current.session.create(), result.current.session.create()]);
    });
    expect(a).toBe(b);
    expect(creates(s)).toHaveLength(1);
    await waitLong(() => expect(result.current.session.liveUrl).toMatch(/^https:/));

    const id = result.current.session.sessionId!;
    let runId = '';
    await act(async () => {
      const run = await result.current.session.runTask({ prompt: 'p', url: 'https://example.com' });
      runId = run.run_id;
      result.current.setRunId(run.run_id);
    });
    const post = s.sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/run/tasks')!;
    expect(JSON.parse(post.bodyText!).browser_session_id).toBe(id);
    expect(s.sim.runs.get(runId)!.browserSessionId).toBe(id);
    await waitLong(() => expect(result.current.run.status).toBe('completed'));

    // After close(), create() makes a new session.
    await act(() => result.current.session.close());
    await act(async () => void (await result.current.session.create()));
    expect(creates(s)).toHaveLength(2);
    // Observers notify React on the next tick.
    await waitLong(() => expect(result.current.session.sessionId).toMatch(/^pbs_/));
    expect(result.current.session.sessionId).not.toBe(id);
  });

  it('an unknown session id surfaces NotFoundError', async () => {
    const s = setup();
    const { result } = renderHook(() => useBrowserSession({ sessionId: 'pbs_nope' }), { wrapper: s.wrapper });
    await waitLong(() => expect(result.current.error).toBeInstanceOf(NotFoundError));
    expect(result.current.session).toBeUndefined();
  });
});
