// @vitest-environment happy-dom
// Issue 14 item 3: a browser session (billed by the minute) closes with the component that made it.
import * as React from 'react';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserSession, type UseBrowserSessionOptions } from '@skyvern-edge/react';
import { setup, sleep, strictTree, waitLong, type Setup } from './helpers.js';

afterEach(cleanup);

const creates = (s: Setup) => s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/browser_sessions');
const closeCalls = (s: Setup) => s.calls.filter((c) => c.method === 'POST' && /\/close$/.test(c.path));
const statuses = (s: Setup) => [...s.sim.sessions.values()].map((x) => x.record.status);

function Session(props: UseBrowserSessionOptions) {
  const { sessionId, status } = useBrowserSession(props);
  return <p data-testid="session">{`${sessionId ?? 'none'} ${status ?? '-'}`}</p>;
}

describe('useBrowserSession closes what it created', () => {
  it('by default (no closeOnUnmount): StrictMode, one create, one close on the real unmount', async () => {
    const s = setup();
    const { unmount } = render(strictTree(s, <Session create={{ timeout: 15 }} />));
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/^pbs_\S+ running$/));
    await sleep(100);
    expect(closeCalls(s)).toHaveLength(0);
    unmount();
    await waitLong(() => expect(statuses(s)).toEqual(['closed']));
    await sleep(100);
    expect(creates(s)).toHaveLength(1);
    expect(closeCalls(s)).toHaveLength(1);
  });

  it('a session given by id is left open by default, and closed with closeOnUnmount: true', async () => {
    const s = setup();
    const a = await s.client.createBrowserSession({});
    const b = await s.client.createBrowserSession({});
    const first = render(strictTree(s, <Session sessionId={a.browser_session_id} />));
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/running/));
    first.unmount();
    const second = render(strictTree(s, <Session sessionId={b.browser_session_id} closeOnUnmount />));
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/running/));
    second.unmount();
    await waitLong(() => expect(s.sim.sessions.get(b.browser_session_id)!.record.status).toBe('closed'));
    expect(s.sim.sessions.get(a.browser_session_id)!.record.status).toBe('running');
    expect(closeCalls(s)).toHaveLength(1);
  });

  it('pagehide (tab closed or reloaded) closes it with keepalive: true, once, even if an unmount follows', async () => {
    const s = setup();
    // happy-dom's Request drops keepalive, so it is read at the SDK call (core's keepalive.test.ts
    // shows the option reaching fetch).
    const sdkCloses = vi.spyOn(s.client, 'closeBrowserSession');
    const { unmount } = render(strictTree(s, <Session create />));
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/running/));
    const id = [...s.sim.sessions.keys()][0]!;
    window.dispatchEvent(new Event('pagehide'));
    expect(sdkCloses.mock.calls).toEqual([[id, { keepalive: true }]]); // at once, not after a tick
    await waitLong(() => expect(statuses(s)).toEqual(['closed']));
    expect(closeCalls(s)).toHaveLength(1);
    unmount();
    await sleep(100);
    expect(closeCalls(s)).toHaveLength(1);
    expect(creates(s)).toHaveLength(1);
  });

  it('close(); create(); unmount in one tick leaks neither session', async () => {
    const s = setup();
    const { result, unmount } = renderHook(() => useBrowserSession(), { wrapper: s.wrapper });
    await act(async () => void (await result.current.create()));
    await waitLong(() => expect(result.current.sessionId).toMatch(/^pbs_/));
    act(() => {
      void result.current.close();
      void result.current.create();
      unmount();
    });
    await waitLong(() => expect(statuses(s)).toEqual(['closed', 'closed']));
    await sleep(100);
    expect(creates(s)).toHaveLength(2);
    expect(closeCalls(s)).toHaveLength(2);
  });

  // <Activity> is React 19.2+; the React 18 projects of the matrix check that it is absent there.
  const Activity = (React as unknown as { Activity?: React.ComponentType<{ mode: string; children: ReactNode }> })
    .Activity;
  it('<Activity> hide / show: the hide closes the session (its effects unmount), the show opens no second one', async () => {
    if (!Activity) {
      expect(React.version).toMatch(/^18\./);
      return;
    }
    const s = setup();
    const ui = (mode: string) => strictTree(s, <Activity mode={mode}>{<Session create />}</Activity>);
    const { rerender, unmount } = render(ui('visible'));
    await waitLong(() => expect(screen.getByTestId('session').textContent).toMatch(/running/));
    rerender(ui('hidden'));
    await waitLong(() => expect(statuses(s)).toEqual(['closed']));
    rerender(ui('visible'));
    await sleep(200);
    expect(creates(s)).toHaveLength(1);
    unmount();
    await sleep(100);
    expect(creates(s)).toHaveLength(1);
    expect(closeCalls(s)).toHaveLength(1);
  });
});
