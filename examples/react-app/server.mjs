#!/usr/bin/env node
// The example's server: the built app (dist/) and the Skyvern token proxy at /api/skyvern,
// on one origin, so the page calls `new Skyvern({ baseUrl: '/api/skyvern' })` with no key.
//
//   pnpm --filter @skyvern-edge/example-react-app build   # dist/
//   SKYVERN_API_KEY=sk-... node server.mjs                # proxy → Skyvern Cloud (or SKYVERN_BASE_URL)
//   node server.mjs                                       # proxy → the simulator, in this process
//
// PORT (default 4173) and HOST (default 127.0.0.1) choose where it listens. The key stays in
// this process: the proxy sends it upstream as x-api-key and scrubs it from every answer.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createSkyvernProxy, DEFAULT_ALLOWED_OPERATIONS } from '@skyvern-edge/core/proxy';
// The shipped Node adapter (README "Mounting"): streams bodies both ways, aborts the upstream call
// when the browser goes away, answers 400 for a request it cannot read, never crashes the process.
import { toNodeListener } from '@skyvern-edge/core/proxy/node';

export const BASE_PATH = '/api/skyvern';
export const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

// The page may talk to its own origin only: the proxy is the one way to Skyvern.
const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Where the proxy sends requests: Skyvern (SKYVERN_API_KEY, SKYVERN_BASE_URL) or, with no
 * key, a simulator in this process (as `pnpm demo` does), with runs that take ~11 s.
 */
export async function createUpstream(env = process.env) {
  if (env.SKYVERN_API_KEY) {
    const baseUrl = env.SKYVERN_BASE_URL || undefined;
    return { apiKey: env.SKYVERN_API_KEY, baseUrl, label: baseUrl ?? 'https://api.skyvern.com', close() {} };
  }
  const { createSimulator } = await import('@skyvern-edge/testing');
  const sim = createSimulator({
    runTimeline: { queuedAfterMs: 700, runningAfterMs: 2_000, durationMs: 9_000, stepEveryMs: 1_300 },
  });
  sim.seedWorkflows(2, { prefix: 'Example workflow' }); // for the Workflow panel
  return {
    apiKey: sim.apiKey,
    baseUrl: 'http://simulator.invalid', // never resolved: sim.fetch answers in-process
    fetch: sim.fetch,
    sim,
    label: 'the local simulator (set SKYVERN_API_KEY for Skyvern Cloud)',
    close: () => sim.close(),
  };
}

/**
 * The proxy as Connect-style middleware (Vite's dev server uses it): requests under
 * /api/skyvern go to the proxy, the rest to `next`.
 * `upstream`: { apiKey, baseUrl?, fetch? }; by default createUpstream() from the environment.
 */
export async function createSkyvernMiddleware({ upstream } = {}) {
  const up = upstream ?? (await createUpstream());
  const proxy = createSkyvernProxy({
    apiKey: up.apiKey,
    ...(up.baseUrl ? { baseUrl: up.baseUrl } : {}),
    ...(up.fetch ? { fetch: up.fetch } : {}),
    basePath: BASE_PATH,
    // The defaults (runs, sessions, uploads) plus the workflow list the Workflow panel shows.
    allow: [...DEFAULT_ALLOWED_OPERATIONS, 'getWorkflows'],
  });
  const handle = toNodeListener(proxy);
  const isProxied = (url = '/') =>
    url === BASE_PATH || url.startsWith(`${BASE_PATH}/`) || url.startsWith(`${BASE_PATH}?`);
  return {
    middleware: (req, res, next) => (isProxied(req.url) ? handle(req, res) : next()),
    handle,
    isProxied,
    label: up.label ?? up.baseUrl ?? 'https://api.skyvern.com',
    close: async () => up.close?.(),
  };
}

/** The file of dist/ (`root`, an absolute path) for a URL path, never one outside it. */
async function fileFor(root, pathname) {
  const file = resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return { file, size: info.size };
  if (info?.isDirectory()) return fileFor(root, `${pathname.replace(/\/$/, '')}/index.html`);
  return undefined;
}

/** The built app: files from dist/, index.html for routes without a file extension. */
async function serveStatic(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    return void res.end('Method Not Allowed');
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    pathname = undefined;
  }
  if (!pathname || pathname.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return void res.end('Bad Request');
  }
  const found =
    (await fileFor(root, pathname)) ?? (extname(pathname) === '' ? await fileFor(root, '/index.html') : undefined);
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('Not Found');
  }
  const type = TYPES[extname(found.file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-length': found.size,
    'cache-control': found.file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(found.file), res).catch(() => res.destroy());
}

/**
 * Starts the server. Options: port (0 = a free one), host, dist, upstream ({ apiKey, baseUrl?,
 * fetch? }; default: from the environment). Resolves with { url, port, label, close() }.
 */
export async function startServer({
  port = Number(process.env.PORT ?? 4173),
  host = process.env.HOST ?? '127.0.0.1',
  dist = DIST,
  upstream,
} = {}) {
  const root = resolve(dist);
  if (!(await stat(join(root, 'index.html')).catch(() => undefined))) {
    throw new Error(`no built app in ${root}: run 'pnpm --filter @skyvern-edge/example-react-app build' first`);
  }
  const skyvern = await createSkyvernMiddleware({ upstream });
  const server = createServer((req, res) => {
    if (skyvern.isProxied(req.url)) skyvern.handle(req, res);
    else serveStatic(root, req, res).catch(() => res.destroy());
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    url,
    port: address.port,
    label: skyvern.label,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(() => ok()));
      await skyvern.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const server = await startServer();
    console.log(`Skyvern React example at ${server.url}  (proxy ${BASE_PATH} → ${server.label})`);
    const stop = () => server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  }
}
