import type { QueryClient } from '@tanstack/query-core';
import { useSkyvernContext } from './useSkyvernClient.js';

/** The QueryClient the Skyvern hooks use (the one given to SkyvernProvider, or the one it created). */
export function useSkyvernQueryClient(): QueryClient {
  return useSkyvernContext('useSkyvernQueryClient').queryClient;
}
