// Shared machinery of the reliability suite (tests/contract/faults): the API key the
// suite hunts for, a per-scenario stack (simulator behind a real HTTP server, or a
// closed port), handle accounting (process.getActiveResourcesInfo plus per-scenario
// attribution through async_hooks), a seeded PRNG and the secret scanner.
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { createServer as createNetServer } from 'node:net';
import { inspect } from 'node:util';
import { Skyvern, type ClientOptions } from '@skyvern-edge/core';
import { createSimulator, seededRandom, type Simulator, type SimulatorOptions } from '@skyvern-edge/testing';
import { serve } from '@skyvern-edge/testing/server';
import { serveWire, type WireRule } from './wire-server.js';

/** Long and distinctive, so a scan cannot miss it and nothing else matches it. */
export const API_KEY = 'sk-live-RELIABILITY-4f9c2e7a1b3d5f8e0a2c4e6b8d0f1a3c-must-never-leak';

/** Fast runs: created → queued → running → done within about half a second. */
export const FAST_TIMELINE: SimulatorOptions['runTimeline'] = {
  queuedAfterMs: 20,
  runningAfterMs: 50,
  durationMs: 400,
  stepEveryMs: 100,
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- handles

/** Ref'd timers and TCP sockets of this process, as Node itself reports them. */
export function activeHandles(): { timers: number; sockets: number } {
  let timers = 0;
  let sockets = 0;
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Timeout') timers++;
    else if (type === 'TCPSocketWrap') sockets++;
  }
  return { timers, sockets };
}

/**
 * Waits (polling, up to `withinMs`) until the process holds no more timers and sockets than
 * `baseline`; returns what is left above it. Sockets need a moment to close after their
 * server went away, so this is polled, never assumed.
 */
export async function handlesAbove(baseline: { timers: number; sockets: number }, withinMs = 2_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = activeHandles();
    const excess = {
      timers: Math.max(0, now.timers - baseline.timers),
      sockets: Math.max(0, now.sockets - baseline.sockets),
    };
    if ((excess.timers === 0 && excess.sockets === 0) || Date.now() >= deadline) return excess;
    await sleep(20);
  }
}

/**
 * Attributes timers and TCP handles to the scenario (an AsyncLocalStorage store) that
 * created them, so scenarios can run side by side and each still proves it left nothing:
 * a timer counts while it is ref'd and neither fired nor cleared; a TCP handle (client
 * socket, server socket, listening server) counts until it is closed.
 */
export class HandleTracker {
  readonly #als = new AsyncLocalStorage<string>();
  readonly #live = new Map<number, { owner: string; type: string; resource: { hasRef?: () => boolean } }>();
  readonly #hook = createHook({
    init: (id, type, _trigger, resource) => {
      if (type !== 'Timeout' && type !== 'TCPWRAP' && type !== 'TCPSERVERWRAP') return;
      const owner = this.#als.getStore();
      if (owner !== undefined) this.#live.set(id, { owner, type, resource: resource as { hasRef?: () => boolean } });
    },
    destroy: (id) => {
      this.#live.delete(id);
    },
  });

  enable(): this {
    this.#hook.enable();
    return this;
  }

  disable(): void {
    this.#hook.disable();
    this.#live.clear();
  }

  run<T>(owner: string, fn: () => Promise<T>): Promise<T> {
    return this.#als.run(owner, fn);
  }

  /** What `owner` still holds: ref'd live timers, open TCP handles. */
  held(owner: string): string[] {
    const out: string[] = [];
    for (const entry of this.#live.values()) {
      if (entry.owner !== owner) continue;
      // A cleared timer is reported destroyed a tick later; until then it is already dead.
      if (
        entry.type === 'Timeout' &&
        (entry.resource.hasRef?.() === false || (entry.resource as { _destroyed?: boolean })._destroyed === true)
      )
        continue;
      out.push(entry.type);
    }
    return out;
  }

  /** Polls until `owner` holds nothing (up to `withinMs`); returns what it still holds. */
  async leftover(owner: string, withinMs = 2_000): Promise<string[]> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const held = this.held(owner);
      if (held.length === 0 || Date.now() >= deadline) return held;
      await sleep(20);
    }
  }
}

// ---------------------------------------------------------------- stacks

export type Transport =
  /** The simulator behind `serve` (node:http): sim.inject faults become real sockets. */
  | { kind: 'serve' }
  /** The simulator behind the wire fault server (faults inside the HTTP framing itself). */
  | { kind: 'wire'; rules: WireRule[] }
  /** A closed port: every connection is refused. */
  | { kind: 'refused' }
  /** A closed port until the first refusal; then the simulator starts listening on it. */
  | { kind: 'refused-once' };

export interface Stack {
  readonly sim: Simulator;
  readonly baseUrl: string;
  /** Connection attempts the client made (fetch calls, refused ones included). */
  readonly attempts: () => number;
  /** A client on this stack (per-attempt `timeout`, `maxRetries`), counting attempts. */
  client(options?: ClientOptions): Skyvern;
  /** Closes the server (destroying open connections) and the simulator's timers. */
  close(): Promise<void>;
}

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startStack(
  transport: Transport = { kind: 'serve' },
  simOptions: SimulatorOptions = {},
): Promise<Stack> {
  const sim = createSimulator({ apiKey: API_KEY, runTimeline: FAST_TIMELINE, ...simOptions });
  let close: () => Promise<void> = async () => {};
  let baseUrl: string;
  let onRefused: (() => Promise<void>) | undefined;
  if (transport.kind === 'serve') {
    const server = await serve(sim);
    baseUrl = server.url;
    close = () => server.close();
  } else if (transport.kind === 'wire') {
    const server = await serveWire(sim, transport.rules);
    baseUrl = server.url;
    close = () => server.close();
  } else {
    const port = await closedPort();
    baseUrl = `http://127.0.0.1:${port}`;
    if (transport.kind === 'refused-once') {
      let starting: Promise<void> | undefined;
      onRefused = () =>
        (starting ??= serve(sim, { port }).then((server) => {
          close = () => server.close();
        }));
    }
  }
  let attempts = 0;
  const countingFetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    attempts++;
    try {
      return await fetch(input, init);
    } catch (error) {
      if (onRefused && /ECONNREFUSED/.test(String((error as { cause?: { code?: string } }).cause?.code)))
        await onRefused();
      throw error;
    }
  };
  return {
    sim,
    baseUrl,
    attempts: () => attempts,
    client: (options = {}) => new Skyvern({ apiKey: API_KEY, baseUrl, fetch: countingFetch, ...options }),
    close: async () => {
      await close();
      sim.close();
    },
  };
}

// ---------------------------------------------------------------- helpers

/** The promise's outcome as data, with how long it took to settle. */
export async function outcome<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    const value = await promise;
    return { ok: true, value, ms: performance.now() - t0 };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - t0 };
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A seeded PRNG, so a random soak replays exactly. */
export const prng = seededRandom;

// ---------------------------------------------------------------- secrets

/** Every printable form of a value a program might log: message, toString, JSON, inspect, and the same of `cause`. */
export function renderings(value: unknown): { form: string; text: string }[] {
  const out: { form: string; text: string }[] = [];
  const add = (form: string, render: () => unknown) => {
    try {
      const text = render();
      out.push({ form, text: typeof text === 'string' ? text : String(text) });
    } catch (error) {
      out.push({ form, text: `<${form} threw ${String(error)}>` });
    }
  };
  const one = (prefix: string, v: unknown) => {
    if (v instanceof Error) add(`${prefix}.message`, () => v.message);
    add(`${prefix}.toString()`, () => String(v));
    add(`JSON.stringify(${prefix})`, () => JSON.stringify(v));
    add(`inspect(${prefix})`, () => inspect(v, { depth: 10 }));
    add(`inspect(${prefix}, showHidden)`, () => inspect(v, { depth: 10, showHidden: true }));
  };
  one('value', value);
  const cause = (value as { cause?: unknown } | null | undefined)?.cause;
  if (cause !== undefined) one('cause', cause);
  return out;
}

/** Collects values to scan for the key; `findings()` lists every rendering that contains it. */
export class SecretScanner {
  #count = 0;
  readonly #findings: string[] = [];

  constructor(private readonly secret: string = API_KEY) {}

  scan(label: string, value: unknown): void {
    this.#count++;
    for (const { form, text } of renderings(value)) {
      if (text.includes(this.secret)) this.#findings.push(`${label}: ${form}`);
    }
  }

  scanText(label: string, text: string): void {
    this.#count++;
    if (text.includes(this.secret)) this.#findings.push(label);
  }

  get count(): number {
    return this.#count;
  }

  findings(): string[] {
    return [...this.#findings];
  }
}

/** The class name an outcome ended with: 'ok', or the error's constructor name. */
export const className = (error: unknown) =>
  (error as { constructor?: { name?: string } })?.constructor?.name ?? typeof error;
