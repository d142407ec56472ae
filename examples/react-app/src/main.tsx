import { Skyvern } from '@skyvern-edge/core';
import { SkyvernProvider } from '@skyvern-edge/react/react-query';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// No API key in the browser: the client talks to the token proxy on this origin
// (server.mjs in production, Vite's dev server in dev), which adds the key.
const skyvern = new Skyvern({ baseUrl: '/api/skyvern' });

// The app's own React Query cache. SkyvernProvider from '@skyvern-edge/react/react-query' finds it
// through QueryClientProvider: the Skyvern hooks and the app's useQuery calls share it (one poll
// loop per run, one place for devtools). The SDK already retries safe calls: React Query does not.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SkyvernProvider client={skyvern}>
        <App />
      </SkyvernProvider>
    </QueryClientProvider>
  </StrictMode>,
);
