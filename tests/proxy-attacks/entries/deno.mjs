// The README's Deno mount, served on a free port; prints `LISTENING <port>` for the attack runner.
// The suite shortens upstreamTimeout (UPSTREAM_TIMEOUT_MS) so that it can wait for the 504.
const { createSkyvernProxy } = await import(Deno.env.get('PROXY_MODULE'));
const skyvern = createSkyvernProxy({
  apiKey: Deno.env.get('SKYVERN_API_KEY'),
  baseUrl: Deno.env.get('API_URL'),
  basePath: '/api/skyvern',
  upstreamTimeout: Number(Deno.env.get('UPSTREAM_TIMEOUT_MS')),
});
Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log(`LISTENING ${port}`) }, (request) =>
  skyvern(request),
);
