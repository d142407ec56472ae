// @vitest-environment happy-dom
import { SkyvernError } from '@skyvern-edge/core';
import { cleanup, render, renderHook } from '@testing-library/react';
import { QueryClient } from '@tanstack/query-core';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SkyvernProvider,
  useSkyvernClient,
  useSkyvernQueryClient,
  useRun,
  createSkyvernQueryClient,
} from '@skyvern-edge/react';
import { setup } from './helpers.js';

afterEach(cleanup);

describe('SkyvernProvider', () => {
  it('useSkyvernClient throws a clear error outside the provider', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useSkyvernClient())).toThrow(SkyvernError);
    expect(() => renderHook(() => useSkyvernClient())).toThrow(/Wrap your components in <SkyvernProvider/);
    expect(() => renderHook(() => useRun('tsk_1'))).toThrow(/^useRun: no Skyvern client/);
    spy.mockRestore();
  });

  it('gives the client, and creates one QueryClient that stays the same across renders, mounted while the provider is', () => {
    const { client } = setup();
    const seen: QueryClient[] = [];
    function Probe() {
      expect(useSkyvernClient()).toBe(client);
      seen.push(useSkyvernQueryClient());
      return null;
    }
    const mount = vi.spyOn(QueryClient.prototype, 'mount');
    const unmount = vi.spyOn(QueryClient.prototype, 'unmount');
    const { rerender, unmount: unmountTree } = render(
      <StrictMode>
        <SkyvernProvider client={client}>
          <Probe />
        </SkyvernProvider>
      </StrictMode>,
    );
    rerender(
      <StrictMode>
        <SkyvernProvider client={client}>
          <Probe />
        </SkyvernProvider>
      </StrictMode>,
    );
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(1);
    // Its defaults: no React Query retries on top of the SDK's.
    expect(seen[0]!.getDefaultOptions().queries?.retry).toBe(false);
    expect(seen[0]!.getDefaultOptions().mutations?.retry).toBe(false);
    expect(mount.mock.calls.length - unmount.mock.calls.length).toBe(1);
    unmountTree();
    expect(mount.mock.calls.length - unmount.mock.calls.length).toBe(0);
    mount.mockRestore();
    unmount.mockRestore();
  });

  it('uses the QueryClient it is given', () => {
    const { client } = setup();
    const queryClient = new QueryClient();
    const { result } = renderHook(() => useSkyvernQueryClient(), {
      wrapper: ({ children }) => (
        <SkyvernProvider client={client} queryClient={queryClient}>
          {children}
        </SkyvernProvider>
      ),
    });
    expect(result.current).toBe(queryClient);
  });

  it('createSkyvernQueryClient keeps caller defaults', () => {
    const qc = createSkyvernQueryClient({ defaultOptions: { queries: { gcTime: 1_000 } } });
    expect(qc.getDefaultOptions().queries).toEqual({ retry: false, gcTime: 1_000 });
    expect(
      createSkyvernQueryClient({ defaultOptions: { queries: { retry: 1 } } }).getDefaultOptions().queries?.retry,
    ).toBe(1);
  });
});
