import { Skyvern } from '@skyvern-edge/core';
import { SkyvernProvider } from '@skyvern-edge/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// No API key in the browser: the client talks to the token proxy on this origin
// (server.mjs in production, Vite's dev server in dev), which adds the key.
const skyvern = new Skyvern({ baseUrl: '/api/skyvern' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SkyvernProvider client={skyvern}>
      <App />
    </SkyvernProvider>
  </StrictMode>,
);
