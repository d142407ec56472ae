// The README's Deno mount, served on a free port; prints `LISTENING <port>` for the attack runner.
const { createSkyvernProxy } = await import(Deno.env.get('PROXY_MODULE'));
const skyvern = createSkyvernProxy({
  apiKey: Deno.env.get('SKYVERN_API_KEY'),
  baseUrl: Deno.env.get('API_URL'),
  basePath: '/api/skyvern',
});
Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log(`LISTENING ${port}`) }, (request) =>
  skyvern(request),
);
