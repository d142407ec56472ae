// The token proxy on Node's `node:http` and Express (4 and 5): a (req, res) listener built on
// @hono/node-server's fetch↔Node bridge. Node-only: reached only through `@skyvern-edge/core/proxy/node`.
import { getRequestListener } from '@hono/node-server';
import { ValidationError } from '../errors/validation-error.js';
import { createSkyvernProxy } from './handler.js';
import { fail } from './http.js';
import type { SkyvernProxyHandler, SkyvernProxyOptions } from './types.js';

// The parts of node:http's IncomingMessage / ServerResponse used here, so that the core builds
// (and Deno checks it) without @types/node; the real ones are assignable to these.
export interface NodeRequest {
  url?: string | undefined;
  method?: string | undefined;
  readonly readableEnded: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
export interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
  destroy(): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** A `node:http` request listener that is also an Express middleware (`next` is never called). */
export type SkyvernNodeListener = (req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) => void;

const ignore = () => {};

/**
 * Turns a `createSkyvernProxy` handler into a `node:http` listener / Express middleware:
 *
 *   createServer(toNodeListener(skyvern)).listen(3000);
 *   app.use('/api/skyvern', toNodeListener(skyvern)); // Express 4 and 5, before any body parser
 *
 * It never throws and never leaves an `error` event unhandled: a request the bridge cannot turn
 * into a `Request` (bad Host, absolute-form target) gets 400 JSON, TRACE gets 405; a client that
 * goes away aborts the upstream call; an upstream that breaks off mid-body ends the answer.
 */
export function toNodeListener(handler: SkyvernProxyHandler): SkyvernNodeListener {
  if (typeof handler !== 'function')
    throw new ValidationError('handler', 'must be the function createSkyvernProxy returns', 'toNodeListener');
  const listener = getRequestListener(async (request, { outgoing }) => quietly(await handler(request), outgoing), {
    // Leave the app's global Request/Response alone (the bridge would swap in its own).
    overrideGlobalObjects: false,
    // The bridge's own failures: a request it cannot build, or (never expected) a throwing handler.
    errorHandler: (error) =>
      error instanceof Error && error.name === 'RequestError'
        ? fail(400, 'Bad request')
        : fail(500, 'The Skyvern proxy failed'),
  });
  return (req, res) => {
    // A reset socket emits `error` on both; without a listener Node would crash the process.
    req.on('error', ignore);
    res.on('error', ignore);
    // Express strips its mount path from req.url; the proxy matches the full path, basePath included.
    const original = (req as { originalUrl?: unknown }).originalUrl;
    if (typeof original === 'string') req.url = original;
    if (req.readableEnded && 'body' in req && !('rawBody' in req) && req.method !== 'GET' && req.method !== 'HEAD') {
      // A body parser ran first: the stream is gone, forwarding would send an empty body.
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'A body parser read the request first: mount the Skyvern proxy before it' }));
      return;
    }
    // The bridge takes node:http's real objects, which these are.
    listener(req as never, res as never).catch(() => res.destroy());
  };
}

/**
 * The answer with a body that, when its source fails mid-way (upstream reset, upstream aborted
 * because the client left), destroys the connection itself: the client sees a cut answer, not a
 * complete-looking one, and the bridge does not log a stack trace for an ordinary disconnect.
 */
function quietly(response: Response, outgoing: { destroy(): unknown }): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch {
        outgoing.destroy();
        controller.close();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** `toNodeListener(createSkyvernProxy(options))`. */
export function createSkyvernNodeProxy(options: SkyvernProxyOptions): SkyvernNodeListener {
  return toNodeListener(createSkyvernProxy(options));
}
