/**
 * Serves a simulator (or any `(Request) => Promise<Response>` handler) over real HTTP with
 * node:http, so clients can be tested through sockets. Node only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { connectionFaultOf } from './internal/faults.js';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServeOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
}

export interface RunningServer {
  /** e.g. 'http://127.0.0.1:54321' (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys open connections (stalled bodies included). */
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', origin), init);
}

function destroy(socket: Socket, kind: 'network-error' | 'reset'): void {
  const s = socket as Socket & { resetAndDestroy?: () => Socket };
  if (kind === 'reset' && typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else socket.destroy();
}

async function send(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.on('drain', go);
          res.on('close', go);
        });
      if (res.destroyed) break;
    }
    res.end();
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/**
 * Serves `target` on 127.0.0.1 (a free port by default). Request and response bodies are
 * streamed. Simulated connection faults become real ones: `network-error` and `reset-*` destroy
 * the socket, `stall-body` sends headers and then a body that never ends.
 */
export async function serve(
  target: FetchHandler | { handle: FetchHandler },
  options: ServeOptions = {},
): Promise<RunningServer> {
  const handle: FetchHandler = typeof target === 'function' ? target : (request) => target.handle(request);
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the connection', 'AbortError'));
    });
    const origin = `http://${req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}`;
    void (async () => {
      let response: Response;
      try {
        response = await handle(toRequest(req, origin, controller.signal));
      } catch (error) {
        const kind = connectionFaultOf(error);
        if (kind) destroy(req.socket, kind);
        else if (controller.signal.aborted) res.destroy();
        else {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Internal Server Error');
        }
        return;
      }
      try {
        await send(response, res, controller.signal);
      } catch {
        res.destroy();
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections?.();
      }),
  };
}
