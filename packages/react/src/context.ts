import type { Skyvern } from '@skyvern-edge/core';
import type { notifyManager, QueryClient, QueryObserver } from '@tanstack/query-core';
import { createContext } from 'react';

/**
 * The query-core classes the hooks build their observers from. They come with the provider, so that
 * the hooks and the app's QueryClient are always one copy of query-core: `@skyvern-edge/react` gives
 * its `@tanstack/query-core` peer, `@skyvern-edge/react/react-query` gives react-query's own.
 */
export interface QueryEngine {
  QueryClient: typeof QueryClient;
  QueryObserver: typeof QueryObserver;
  notifyManager: typeof notifyManager;
}

export interface SkyvernContextValue {
  client: Skyvern;
  queryClient: QueryClient;
  engine: QueryEngine;
}

/** Set by SkyvernProvider. */
export const SkyvernContext = createContext<SkyvernContextValue | null>(null);
