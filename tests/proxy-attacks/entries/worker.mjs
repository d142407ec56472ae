// The README's Workers mount (bundled with the built proxy by esbuild, run by workerd via miniflare).
import { createSkyvernProxy } from 'skyvern-proxy';

let skyvern;
export default {
  fetch(request, env) {
    skyvern ??= createSkyvernProxy({ apiKey: env.SKYVERN_API_KEY, baseUrl: env.API_URL, basePath: '/api/skyvern' });
    return skyvern(request);
  },
};
