import type { Skyvern } from '@skyvern-edge/core';
import type { QueryClient } from '@tanstack/query-core';
import { createContext } from 'react';

export interface SkyvernContextValue {
  client: Skyvern;
  queryClient: QueryClient;
}

/** Set by SkyvernProvider. */
export const SkyvernContext = createContext<SkyvernContextValue | null>(null);
