// The README's Bun mount, served on a free port; prints `LISTENING <port>` for the attack runner.
// The suite shortens upstreamTimeout (UPSTREAM_TIMEOUT_MS) so that it can wait for the 504.
const { createSkyvernProxy } = await import(Bun.env.PROXY_MODULE);
const skyvern = createSkyvernProxy({
  apiKey: Bun.env.SKYVERN_API_KEY,
  baseUrl: Bun.env.API_URL,
  basePath: '/api/skyvern',
  upstreamTimeout: Number(Bun.env.UPSTREAM_TIMEOUT_MS),
});
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => skyvern(request) });
console.log(`LISTENING ${server.port}`);
