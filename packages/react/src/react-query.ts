// `@skyvern-edge/react/react-query`: everything of `@skyvern-edge/react`, with a SkyvernProvider that
// shares the app's @tanstack/react-query cache. A subpath, because ESM cannot import an optional
// peer only when it is installed: the main entry never names @tanstack/react-query.
import { notifyManager, QueryClient, QueryClientContext, QueryObserver } from '@tanstack/react-query';
import { useContext } from 'react';
import { createProvider } from './createProvider.js';

export * from './index.js';

/**
 * SkyvernProvider for apps on `@tanstack/react-query`: without a `queryClient` prop it uses the
 * client of the nearest `QueryClientProvider` (one cache, one poll loop per run, devtools see it),
 * and its hooks are built on react-query's own query-core, so the two can never be different copies.
 */
export const SkyvernProvider = createProvider({ QueryClient, QueryObserver, notifyManager }, () =>
  useContext(QueryClientContext),
);
