import { QueryClient, type QueryClientConfig } from '@tanstack/query-core';

/** @internal The defaults, for the QueryClient class of either entry point. */
export function withSkyvernDefaults(config: QueryClientConfig = {}): QueryClientConfig {
  const { queries, mutations } = config.defaultOptions ?? {};
  return {
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: { retry: false, ...queries },
      mutations: { retry: false, ...mutations },
    },
  };
}

/**
 * A QueryClient with the defaults SkyvernProvider uses when it is given none:
 * no React Query retries (the SDK already retried every safe call, with
 * backoff and Retry-After) for queries and mutations. Pass your own config to
 * override; use it with react-query's QueryClientProvider too if you like.
 */
export function createSkyvernQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient(withSkyvernDefaults(config));
}
