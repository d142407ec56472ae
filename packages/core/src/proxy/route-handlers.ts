// Route handlers for frameworks that want one export per HTTP method (Next.js App Router), built
// on the first request so that `next build` runs without the key.
import { createSkyvernProxy } from './handler.js';
import { fail } from './http.js';
import type { SkyvernProxyHandler, SkyvernProxyOptions } from './types.js';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export type SkyvernRouteHandlers = Record<Method, SkyvernProxyHandler>;

/**
 * `export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = createSkyvernRouteHandlers(() => ({ apiKey:
 * process.env.SKYVERN_API_KEY!, basePath: '/api/skyvern' }))`. `options` is called on the first request, not at import:
 * a missing key answers 500 (and is retried on the next request) instead of failing the build.
 */
export function createSkyvernRouteHandlers(
  options: SkyvernProxyOptions | (() => SkyvernProxyOptions),
): SkyvernRouteHandlers {
  let handler: SkyvernProxyHandler | undefined;
  const handle: SkyvernProxyHandler = async (request) => {
    if (!handler) {
      try {
        handler = createSkyvernProxy(typeof options === 'function' ? options() : options);
      } catch (error) {
        // A ValidationError names the option, never its value.
        console.error(error);
        return fail(500, 'The Skyvern proxy is not configured');
      }
    }
    return handler(request);
  };
  return { GET: handle, HEAD: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle };
}
