import { SkyvernError, type Skyvern } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { SkyvernContext, type QueryEngine } from './context.js';
import { withSkyvernDefaults } from './createSkyvernQueryClient.js';

export interface SkyvernProviderProps {
  /** The SDK client every hook below uses. */
  client: Skyvern;
  /**
   * A QueryClient to keep the hooks' cache in: pass the one your app gives to
   * react-query's QueryClientProvider and both share one cache (or import
   * SkyvernProvider from `@skyvern-edge/react/react-query`, which finds it).
   * Without it the provider creates one (once) with `createSkyvernQueryClient()`.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * @internal A SkyvernProvider on one copy of query-core (`engine`). `useAppQueryClient` (a hook,
 * called on every render) finds the app's own QueryClient when no `queryClient` prop is given.
 */
export function createProvider(
  engine: QueryEngine,
  useAppQueryClient: () => QueryClient | undefined = () => undefined,
) {
  return function SkyvernProvider({ client, queryClient, children }: SkyvernProviderProps) {
    const fromApp = useAppQueryClient();
    // Created lazily, once per provider, and only when there is no QueryClient to share.
    const own = useRef<QueryClient | null>(null);
    const given = queryClient ?? fromApp;
    if (given && !(given instanceof engine.QueryClient)) {
      // Observers of one query-core copy on a QueryClient of another fail deep inside
      // (`query.isFetched is not a function`): say what is wrong instead.
      throw new SkyvernError(
        'SkyvernProvider: this queryClient comes from another copy of @tanstack/query-core than the hooks use. ' +
          "With @tanstack/react-query, import SkyvernProvider from '@skyvern-edge/react/react-query'; " +
          'otherwise install one @tanstack/query-core (npm ls @tanstack/query-core).',
      );
    }
    if (!given && !own.current) own.current = new engine.QueryClient(withSkyvernDefaults());
    const qc = given ?? own.current!;

    // Focus / online tracking; mount() is reference-counted, so a client that a
    // QueryClientProvider also mounts is fine.
    useEffect(() => {
      qc.mount();
      return () => qc.unmount();
    }, [qc]);

    const value = useMemo(() => ({ client, queryClient: qc, engine }), [client, qc]);
    return <SkyvernContext.Provider value={value}>{children}</SkyvernContext.Provider>;
  };
}
