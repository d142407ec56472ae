// The shipped Node adapters (`@skyvern-edge/core/proxy/node`) attacked over raw sockets: node:http,
// Express 4 and 5, and Hono served by @hono/node-server. Each attack is followed by a normal
// request: the process must survive (an unhandled `error` would also fail this run) and still answer.
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import express4 from 'express4';
import express5 from 'express5';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSkyvernProxy, type SkyvernProxyOptions } from '@skyvern-edge/core/proxy';
import { createSkyvernNodeProxy, toNodeListener } from '@skyvern-edge/core/proxy/node';
import {
  ABORT_WAIT_MS,
  CLIENT_LEAVES,
  clientLeaves,
  fakeApi,
  KEY,
  listen,
  raw,
  rawGet,
  UPSTREAM_TIMEOUT_MS,
  upstreamStalls,
} from './proxy-sockets.js';

const options = (baseUrl: string): SkyvernProxyOptions => ({
  apiKey: KEY,
  baseUrl,
  basePath: '/api/skyvern',
  // Shortened so that the suite can wait for the 504.
  upstreamTimeout: UPSTREAM_TIMEOUT_MS,
});

type Mount = (baseUrl: string) => Server;
const mounts: Record<string, Mount> = {
  'node:http': (baseUrl) => createServer(createSkyvernNodeProxy(options(baseUrl))),
  'express 4': (baseUrl) => {
    // As the README mounts it: the proxy first, the app's body parser after it.
    const app = express4();
    app.use('/api/skyvern', toNodeListener(createSkyvernProxy(options(baseUrl))));
    app.use(express4.json());
    return createServer(app);
  },
  'express 5': (baseUrl) => {
    // As the README mounts it: the proxy first, the app's body parser after it.
    const app = express5();
    app.use('/api/skyvern', toNodeListener(createSkyvernProxy(options(baseUrl))));
    app.use(express5.json());
    return createServer(app);
  },
  'hono on @hono/node-server': (baseUrl) => {
    const skyvern = createSkyvernProxy(options(baseUrl));
    const app = new Hono();
    app.all('/api/skyvern/*', (c) => skyvern(c.req.raw));
    return serve({ fetch: app.fetch, port: 0, overrideGlobalObjects: false, autoCleanupIncoming: true }) as Server;
  },
};

describe.each(Object.entries(mounts))('%s', (_name, mount) => {
  const api = fakeApi();
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    const apiPort = await listen(api.server);
    server = mount(`http://127.0.0.1:${apiPort}`);
    if (server.listening) await new Promise((resolve) => setTimeout(resolve, 10));
    port = server.listening ? (server.address() as { port: number }).port : await listen(server);
  });
  afterAll(() => {
    server.closeAllConnections?.();
    api.server.closeAllConnections();
    server.close();
    api.server.close();
  });

  async function stillAnswers() {
    const answer = await rawGet(port, '/api/skyvern/v1/runs/alive');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"run_id":"alive"');
    expect(answer.text).not.toContain(KEY);
  }

  it('forwards a normal request with its own key', async () => {
    await stillAnswers();
    expect(api.seen.at(-1)!.headers['x-api-key']).toBe(KEY);
  });

  it('answers TRACE with 405 or 400, never echoing the request', async () => {
    const answer = await raw(
      port,
      'TRACE /api/skyvern/v1/runs/abc HTTP/1.1\r\nHost: localhost\r\nCookie: secret=1\r\nConnection: close\r\n\r\n',
    );
    expect([400, 405]).toContain(answer.status);
    expect(answer.text).not.toContain('secret=1');
    await stillAnswers();
  });

  it.each(['Host: [', 'Host: a b', 'Host: x:99999', 'Host: evil.example/../x', 'Host: a@b', 'Host: '])(
    'answers 400 to an invalid Host header (%s)',
    async (host) => {
      const before = api.seen.length;
      const answer = await rawGet(port, '/api/skyvern/v1/runs/abc', [host]);
      expect(answer.status).toBe(400);
      expect(api.seen.length).toBe(before);
      await stillAnswers();
    },
  );

  it('answers a request without Host (HTTP/1.0) without reaching the API', async () => {
    const before = api.seen.length;
    const answer = await raw(port, 'GET /api/skyvern/v1/runs/abc HTTP/1.0\r\n\r\n');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(api.seen.length).toBe(before);
    await stillAnswers();
  });

  it('keeps an absolute-form request target on the configured API', async () => {
    const answer = await raw(
      port,
      'GET http://evil.example/api/skyvern/v1/runs/abs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).not.toBe(0);
    if (answer.status === 200) expect(api.seen.at(-1)!.path).toBe('/v1/runs/abs');
    await stillAnswers();
  });

  // Asserted at the fake API: its connection for the call closes before the answer was complete.
  it.each(CLIENT_LEAVES)('aborts the upstream call when the client leaves $name', async (leave) => {
    const { inTime } = await clientLeaves(port, api, leave);
    expect(inTime).toBe(true);
    await stillAnswers();
  });

  it(
    'answers 504 after upstreamTimeout to a call the API never answers, and aborts it',
    async () => {
      const answer = await upstreamStalls(port, api);
      expect(answer.status).toBe(504);
      expect(answer.text).toContain('"detail"');
      expect(answer.aborted).toBe(true);
      await stillAnswers();
    },
    UPSTREAM_TIMEOUT_MS + 3 * ABORT_WAIT_MS,
  );

  it('ends a streamed answer when the upstream resets mid-body', async () => {
    const answer = await rawGet(port, '/api/skyvern/v1/runs/reset-stream');
    // Headers were sent already: the only honest signal left is a connection closed before the end.
    expect(answer.closed).toBe(true);
    expect(answer.text).not.toMatch(/\r\n0\r\n\r\n$/);
    await stillAnswers();
  });

  it('answers 502 when the upstream resets a JSON answer mid-body', async () => {
    const answer = await rawGet(port, '/api/skyvern/v1/runs/reset-json');
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('"detail"');
    await stillAnswers();
  });

  it('survives a client that sends half a body and goes away', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(
        'POST /api/skyvern/v1/run/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"prompt":',
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    await stillAnswers();
  });

  it('survives a malformed request line and a bogus chunked body', async () => {
    expect((await raw(port, 'GARBAGE\r\n\r\n')).status).toBe(400);
    const chunked = await raw(
      port,
      'POST /api/skyvern/v1/run/tasks HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n',
    );
    expect(chunked.closed).toBe(true);
    await stillAnswers();
  });
});

describe('Express with a body parser mounted first', () => {
  it('answers 500 naming the mistake instead of forwarding an empty body', async () => {
    const api = fakeApi();
    const apiPort = await listen(api.server);
    const app = express5();
    app.use('/api/skyvern', (req: { body?: unknown }, _res: unknown, next: () => void) => {
      req.body = {};
      (req as unknown as { resume(): void; on(e: string, f: () => void): void }).resume();
      (req as unknown as { on(e: string, f: () => void): void }).on('end', next);
    });
    app.use('/api/skyvern', toNodeListener(createSkyvernProxy(options(`http://127.0.0.1:${apiPort}`))));
    const server = createServer(app as RequestListener);
    const port = await listen(server);
    const body = '{"prompt":"x"}';
    const answer = await raw(
      port,
      `POST /api/skyvern/v1/run/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('mount the Skyvern proxy before it');
    expect(api.seen).toHaveLength(0);
    server.close();
    api.server.close();
  });
});

describe('toNodeListener', () => {
  it('refuses something that is not a handler', () => {
    expect(() => toNodeListener('nope' as never)).toThrow(/handler must be/);
  });
});
