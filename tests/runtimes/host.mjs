/**
 * A Node process's loopback host for the runtimes that cannot serve HTTP themselves (workerd,
 * a Chromium page) and for the examples. Copied into the scratch project by run.mjs, so
 * `@skyvern-edge/*` resolve to the packed tarballs installed there.
 *
 *   POST   /sims                       → { id, apiKey }: a fresh simulator (body: SimulatorOptions subset)
 *   *      /s/{id}/sim/...             the simulator itself (needs x-api-key)
 *   *      /s/{id}/proxy/...           the token proxy of @skyvern-edge/core/proxy in front of it (keyless)
 *   POST   /s/{id}/control/seed-workflows?n=120
 *   GET    /s/{id}/control/upload?s3_uri=...   the uploaded bytes (404 if none)
 *   GET    /s/{id}/control/count?method=GET&path=/v1/agents   → { count }
 *   DELETE /s/{id}
 *   GET    anything else: `files(pathname)` → { body, type } (static files for the browser page)
 */
import { createSkyvernProxy } from '@skyvern-edge/core/proxy';
import { createSimulator } from '@skyvern-edge/testing';
import { serve } from '@skyvern-edge/testing/server';

export { createSimulator, serve };

export async function startHost({ files } = {}) {
  const sims = new Map();
  let next = 1;

  const handle = async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === 'POST' && path === '/sims') {
      const options = await request.json().catch(() => ({}));
      const sim = createSimulator({ runTimeline: options.runTimeline });
      const id = String(next++);
      const proxy = createSkyvernProxy({
        apiKey: sim.apiKey,
        baseUrl: 'https://api.skyvern.test',
        basePath: `/s/${id}/proxy`,
        allow: () => true,
        fetch: (input, init) => sim.fetch(input, init),
      });
      sims.set(id, { sim, proxy });
      return Response.json({ id, apiKey: sim.apiKey });
    }
    const match = /^\/s\/(\d+)(\/(sim|proxy|control)(\/.*)?)?$/.exec(path);
    if (match) {
      const entry = sims.get(match[1]);
      if (!entry) return Response.json({ detail: 'no such simulator' }, { status: 410 });
      const { sim, proxy } = entry;
      const [, id, , area, rest = '/'] = match;
      if (!area && request.method === 'DELETE') {
        sim.close();
        sims.delete(id);
        return new Response(null, { status: 204 });
      }
      if (area === 'proxy') return proxy(request);
      if (area === 'sim') {
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
        return sim.fetch(`https://api.skyvern.test${rest}${url.search}`, {
          method: request.method,
          headers: request.headers,
          body,
        });
      }
      if (area === 'control') {
        if (rest === '/seed-workflows') {
          sim.seedWorkflows(Number(url.searchParams.get('n') ?? 1));
          return new Response(null, { status: 204 });
        }
        if (rest === '/upload') {
          const upload = sim.uploads.get(url.searchParams.get('s3_uri') ?? '');
          return upload
            ? new Response(upload.bytes, { headers: { 'content-type': 'application/octet-stream' } })
            : new Response('none', { status: 404 });
        }
        if (rest === '/count') {
          const method = url.searchParams.get('method');
          const wanted = url.searchParams.get('path');
          return Response.json({ count: sim.requests.filter((r) => r.method === method && r.path === wanted).length });
        }
      }
      return new Response('unknown control', { status: 400 });
    }
    if (files && (request.method === 'GET' || request.method === 'HEAD')) {
      const file = await files(decodeURIComponent(path));
      if (file) return new Response(file.body, { headers: { 'content-type': file.type, 'cache-control': 'no-store' } });
    }
    return new Response('not found', { status: 404 });
  };

  const server = await serve(handle);
  return {
    url: server.url,
    close: async () => {
      for (const { sim } of sims.values()) sim.close();
      await server.close();
    },
  };
}
