import type { Skyvern } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { SkyvernContext } from './context.js';
import { createSkyvernQueryClient } from './createSkyvernQueryClient.js';

export interface SkyvernProviderProps {
  /** The SDK client every hook below uses. */
  client: Skyvern;
  /**
   * A QueryClient to keep the hooks' cache in: pass the one your app gives to
   * react-query's QueryClientProvider and both share one cache. Without it the
   * provider creates one (once) with `createSkyvernQueryClient()`.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Makes a Skyvern client (and a QueryClient) available to the hooks.
 *
 *   <SkyvernProvider client={skyvern}><App /></SkyvernProvider>
 */
export function SkyvernProvider({ client, queryClient, children }: SkyvernProviderProps) {
  // Created lazily, once per provider, and only when no queryClient is given.
  const own = useRef<QueryClient | null>(null);
  if (!queryClient && !own.current) own.current = createSkyvernQueryClient();
  const qc = queryClient ?? own.current!;

  // Focus / online tracking; mount() is reference-counted, so a client that a
  // QueryClientProvider also mounts is fine.
  useEffect(() => {
    qc.mount();
    return () => qc.unmount();
  }, [qc]);

  const value = useMemo(() => ({ client, queryClient: qc }), [client, qc]);
  return <SkyvernContext.Provider value={value}>{children}</SkyvernContext.Provider>;
}
