// Runs a Worker bundled from the sources in real workerd (miniflare) against the simulator,
// served over loopback HTTP so that its webhooks reach the Worker through real sockets.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSimulator, type SimulatorOptions, type Simulator } from '@skyvern-edge/testing';
import { serve, type RunningServer } from '@skyvern-edge/testing/server';
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One ESM script: the fixture plus core and this package from their sources. */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [here(`./fixtures/${entry}`)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    external: ['cloudflare:*'],
    alias: {
      '@skyvern-edge/core': here('../../core/src/index.ts'),
      '@skyvern-edge/cloudflare': here('../src/index.ts'),
    },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface World {
  sim: Simulator;
  server: RunningServer;
  mf: Miniflare;
  /** The Worker's origin, e.g. http://127.0.0.1:4321 */
  base: string;
  /** Restarts workerd on the same port and persisted state (a Worker restart / eviction). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  script: string;
  sim?: SimulatorOptions;
  /** Miniflare options besides the script, bindings and host. */
  miniflare?: Partial<MiniflareOptions>;
  bindings?: Record<string, string>;
  /** A directory for Workflows / Durable Object state, so that restart() keeps it. */
  persistTo?: string;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const sim = createSimulator(options.sim);
  const server = await serve(sim);
  const port = await freePort();
  const make = () =>
    new Miniflare({
      modules: true,
      script: options.script,
      compatibilityDate: '2025-09-01',
      host: '127.0.0.1',
      port,
      bindings: { SKYVERN_API_KEY: sim.apiKey, SKYVERN_BASE_URL: server.url, ...options.bindings },
      ...(options.persistTo ? { workflowsPersist: options.persistTo, durableObjectsPersist: options.persistTo } : {}),
      ...options.miniflare,
    } as MiniflareOptions);
  let mf = make();
  const base = (await mf.ready).href.replace(/\/$/, '');
  const world: World = {
    sim,
    server,
    get mf() {
      return mf;
    },
    base,
    async restart() {
      await mf.dispose();
      mf = make();
      await mf.ready;
    },
    async close() {
      await mf.dispose().catch(() => {});
      sim.close();
      await server.close();
    },
  };
  return world;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined) or `ms` pass. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A loopback HTTP endpoint that records the JSON bodies POSTed to it (a stand-in for "the rest of the app"). */
export async function startSink(): Promise<{ url: string; received: any[]; close(): Promise<void> }> {
  const { createServer: createHttpServer } = await import('node:http');
  const received: any[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The most runs the simulator had alive at once (created and not yet terminal). */
export function maxInFlight(sim: Simulator): number {
  const edges: [number, number][] = [];
  for (const run of sim.runs.values()) {
    const finished = Date.parse(sim.getRunResponse(run.runId)!.finished_at ?? '') || Number.POSITIVE_INFINITY;
    edges.push([run.createdAt, 1], [finished, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let live = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (live += delta));
  return most;
}
