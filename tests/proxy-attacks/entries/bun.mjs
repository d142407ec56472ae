// The README's Bun mount, served on a free port; prints `LISTENING <port>` for the attack runner.
const { createSkyvernProxy } = await import(Bun.env.PROXY_MODULE);
const skyvern = createSkyvernProxy({
  apiKey: Bun.env.SKYVERN_API_KEY,
  baseUrl: Bun.env.API_URL,
  basePath: '/api/skyvern',
});
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => skyvern(request) });
console.log(`LISTENING ${server.port}`);
