import { SkyvernError, type Skyvern } from '@skyvern-edge/core';
import { useContext } from 'react';
import { SkyvernContext, type SkyvernContextValue } from './context.js';

/** @internal the client and the QueryClient of the nearest SkyvernProvider. */
export function useSkyvernContext(hook: string): SkyvernContextValue {
  const value = useContext(SkyvernContext);
  if (!value) {
    throw new SkyvernError(
      `${hook}: no Skyvern client. Wrap your components in <SkyvernProvider client={new Skyvern({ ... })}>.`,
    );
  }
  return value;
}

/** The Skyvern client of the nearest SkyvernProvider; throws outside one. */
export function useSkyvernClient(): Skyvern {
  return useSkyvernContext('useSkyvernClient').client;
}
