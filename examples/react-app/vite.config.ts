import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `vite` (dev): the token proxy is mounted on Vite's own server, through the same Node
// adapter as server.mjs, so the page talks to /api/skyvern in dev exactly as in production.
// SKYVERN_API_KEY / SKYVERN_BASE_URL come from the environment; without a key, the
// in-process simulator answers. Nothing of this reaches the bundle.
function skyvernProxy(): Plugin {
  return {
    name: 'skyvern-token-proxy',
    apply: 'serve',
    async configureServer(server) {
      // @ts-expect-error: server.mjs is plain JavaScript without types
      const { createSkyvernMiddleware } = await import('./server.mjs');
      const { middleware, label, close } = await createSkyvernMiddleware();
      server.config.logger.info(`  Skyvern proxy at /api/skyvern → ${label}`);
      server.middlewares.use(middleware);
      server.httpServer?.once('close', () => void close());
    },
  };
}

export default defineConfig({
  plugins: [react(), skyvernProxy()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
});
