// The README's Workers mount (bundled with the built proxy by esbuild, run by workerd via miniflare).
// Two knobs for the suite: UPSTREAM_TIMEOUT_MS shortens upstreamTimeout, to wait for the 504 and
// to show it ending a call workerd never reports abandoned; WAIT_UNTIL_MS holds a ctx.waitUntil task open, as a Worker that
// logs or writes to KV after answering does.
import { createSkyvernProxy } from 'skyvern-proxy';

let skyvern;
export default {
  fetch(request, env, ctx) {
    if (env.WAIT_UNTIL_MS) ctx.waitUntil(scheduler.wait(Number(env.WAIT_UNTIL_MS)));
    skyvern ??= createSkyvernProxy({
      apiKey: env.SKYVERN_API_KEY,
      baseUrl: env.API_URL,
      basePath: '/api/skyvern',
      upstreamTimeout: Number(env.UPSTREAM_TIMEOUT_MS),
    });
    return skyvern(request);
  },
};
