import { notifyManager, QueryClient, QueryObserver } from '@tanstack/query-core';
import { createProvider } from './createProvider.js';

export type { SkyvernProviderProps } from './createProvider.js';

/**
 * Makes a Skyvern client (and a QueryClient) available to the hooks, on the
 * `@tanstack/query-core` peer.
 *
 *   <SkyvernProvider client={skyvern}><App /></SkyvernProvider>
 */
export const SkyvernProvider = createProvider({ QueryClient, QueryObserver, notifyManager });
