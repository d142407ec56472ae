// Bad input on every public entry point: a ValidationError that names the field, and not
// one request sent (counted at the client's fetch and in the simulator's log). Methods are
// iterated generically over Skyvern.prototype; fields and bounds come from the spec.
// Design choice checked here too: an already-aborted signal rejects with UserAbortError
// (what callers catch for aborts), not ValidationError, and sends nothing.
import { describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import * as core from '@skyvern-edge/core';
import {
  Skyvern,
  type SkyvernClient,
  UserAbortError,
  ValidationError,
  verifyWebhook,
  waitForRun,
  watchRun,
} from '@skyvern-edge/core';
import { createSkyvernProxy } from '@skyvern-edge/core/proxy';
import { createSimulator } from '@skyvern-edge/testing';
import { specCalls } from '../spec-samples.js';
import { API_KEY, SecretScanner, startStack } from './harness.js';
import { badValues, specFields } from './spec-fields.js';

const fields = specFields();
const samples = new Map(specCalls().map((c) => [c.name, c]));
const scanner = new SecretScanner();

/** A client whose every request is counted twice: at its fetch, and by the simulator. */
function setup() {
  const sim = createSimulator({ apiKey: API_KEY });
  let fetched = 0;
  const client = new Skyvern({
    apiKey: API_KEY,
    baseUrl: 'http://sim.local',
    maxRetries: 0,
    fetch: (input, init) => {
      fetched++;
      return sim.fetch(input, init);
    },
  });
  return { sim, client, sent: () => fetched + sim.requests.length };
}

/** Calls a method and, for iterators (async generators), pulls the first item. */
async function settle(value: unknown): Promise<unknown> {
  try {
    if (
      value &&
      typeof (value as AsyncGenerator)[Symbol.asyncIterator] === 'function' &&
      typeof (value as PromiseLike<unknown>).then !== 'function'
    ) {
      const iterator = value as AsyncGenerator;
      await iterator.next();
      await iterator.return?.(undefined);
      return undefined;
    }
    await value;
    return undefined;
  } catch (error) {
    return error;
  }
}

function callSync(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * '' when `error` is a ValidationError naming `field` (a name, or a pattern); else what went wrong. It is
 * scanned for the key too.
 */
function problem(error: unknown, field: string | RegExp): string {
  if (error !== undefined) scanner.scan(String(field), error);
  if (error === undefined) return 'resolved (no error)';
  if (!(error instanceof ValidationError))
    return `${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  const named = typeof field === 'string' ? error.field === field : field.test(error.field);
  return named ? '' : `ValidationError names ${JSON.stringify(error.field)} (${error.message}), expected ${field}`;
}

// ---------------------------------------------------------------- method shapes

const methodNames = Object.getOwnPropertyNames(Skyvern.prototype).filter((n) => n !== 'constructor');
const SPECIAL = new Set(['uploadFile', 'waitForRun', 'watchRun', 'verifyWebhook']);
const standalone = core as unknown as Record<string, (...args: unknown[]) => unknown>;

interface Shape {
  name: string;
  pathParams: string[];
  hasParams: boolean;
  /** A valid call's arguments, the options last. */
  args(options?: unknown): unknown[];
}

/**
 * Path parameters and params of a generated operation, or of an iterator / getArtifact by its standalone
 * function's arity.
 */
function shapeOf(name: string): Shape | undefined {
  if (SPECIAL.has(name)) return undefined;
  const own = fields.get(name);
  const iterated = /^iter/.test(name)
    ? (fields.get(`get${name.slice(4)}`) ?? fields.get(`list${name.slice(4)}`))
    : undefined;
  const entry = own ?? iterated;
  const sample = samples.get(entry?.descriptor.name ?? '');
  const pathParams = [
    ...(entry?.descriptor.path ?? (name === 'getArtifact' ? '/v1/artifacts/{artifact_id}' : '')).matchAll(/\{(\w+)\}/g),
  ].map((m) => m[1]!);
  // (client, ...pathParams, params?, options?): the standalone function's arity says whether params exist.
  const arity = standalone[name]!.length - 1;
  const hasParams = arity - pathParams.length === 2;
  const pathArgs = sample?.pathArgs ?? pathParams.map((p) => `${p}-1`);
  return {
    name,
    pathParams,
    hasParams,
    args: (options) => [...pathArgs, ...(hasParams ? [sample?.params] : []), options],
  };
}

const shapes = methodNames.map(shapeOf).filter((s): s is Shape => s !== undefined);

describe('every method of Skyvern.prototype', () => {
  it('is covered: every method is generic or has its own tests here', () => {
    expect(methodNames.length).toBeGreaterThanOrEqual(96);
    for (const name of methodNames) expect(shapes.some((s) => s.name === name) || SPECIAL.has(name), name).toBe(true);
  });

  it('a valid call does send (so "0 requests" below means something)', async () => {
    const missing: string[] = [];
    for (const shape of shapes) {
      const { client, sent } = setup();
      await settle((client as unknown as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...shape.args()));
      if (sent() === 0) missing.push(shape.name);
    }
    expect(missing).toEqual([]);
  });

  for (const shape of shapes.filter((s) => s.pathParams.length > 0)) {
    it(`${shape.name}: '' / blank / 42 / null / undefined / {} / NaN as ${shape.pathParams.join(', ')}`, async () => {
      const { client, sent } = setup();
      const failures: string[] = [];
      for (let i = 0; i < shape.pathParams.length; i++) {
        for (const bad of ['', '   ', 42, null, undefined, {}, Number.NaN]) {
          const args = shape.args();
          args[i] = bad;
          const why = problem(
            await settle((client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...args)),
            shape.pathParams[i]!,
          );
          if (why) failures.push(`${shape.pathParams[i]} = ${inspect(bad)}: ${why}`);
        }
      }
      expect(failures).toEqual([]);
      expect(sent()).toBe(0);
    });
  }

  // (The iterators are below, under known bugs.)
  for (const shape of shapes.filter((s) => s.hasParams && !s.name.startsWith('iter'))) {
    it(`${shape.name}: params that are not an object`, async () => {
      const { client, sent } = setup();
      const failures: string[] = [];
      for (const bad of [null, 'prompt', 7, ['a'], true]) {
        const args = shape.args();
        args[shape.pathParams.length] = bad;
        const why = problem(
          await settle((client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...args)),
          'params',
        );
        if (why) failures.push(`params = ${inspect(bad)}: ${why}`);
      }
      expect(failures).toEqual([]);
      expect(sent()).toBe(0);
    });
  }

  for (const shape of shapes.filter((s) => s.hasParams && (fields.get(s.name)?.fields.length ?? 0) > 0)) {
    const spec = fields.get(shape.name)!;
    it(`${shape.name}: each field of the spec missing, wrong-typed, out of range, NaN, too long, not a URL`, async () => {
      const { client, sent } = setup();
      const failures: string[] = [];
      const base = (shape.args()[shape.pathParams.length] ?? {}) as Record<string, unknown>;
      const call = (params: Record<string, unknown>) => {
        const args = shape.args();
        args[shape.pathParams.length] = params;
        return settle((client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...args));
      };
      for (const field of spec.fields) {
        if (field.required) {
          const { [field.name]: _, ...rest } = base;
          const error = await call(rest);
          const why = problem(error, field.name);
          if (why) failures.push(`${field.name} missing: ${why}`);
          else if (!/is required/.test((error as Error).message))
            failures.push(`${field.name} missing: message "${(error as Error).message}"`);
        }
        if (!field.type) continue;
        for (const { label, value } of badValues(field.name, field.type)) {
          const why = problem(await call({ ...base, [field.name]: value }), new RegExp(`^${field.name}($|\\.|\\[)`));
          if (why) failures.push(`${field.where} ${field.name} (${field.type.type}) ${label}: ${why}`);
        }
      }
      expect(failures).toEqual([]);
      expect(sent()).toBe(0);
    });
  }

  it('per-call options: wrong types, NaN, out of range, unknown keys — on every method', async () => {
    const { client, sent } = setup();
    const failures: string[] = [];
    const bad: [unknown, RegExp][] = [
      ['options', /^options$/],
      [{ timeout: Number.NaN }, /^(options\.)?timeout$/],
      [{ timeout: -1 }, /^(options\.)?timeout$/],
      [{ timeout: '500' }, /^(options\.)?timeout$/],
      [{ maxRetries: -1 }, /^(options\.)?maxRetries$/],
      [{ maxRetries: Number.NaN }, /^(options\.)?maxRetries$/],
      [{ signal: 'abort' }, /^(options\.)?signal$/],
      [{ headers: 5 }, /^(options\.)?headers$/],
      [{ retries: 3 }, /^options\.retries$/],
    ];
    for (const shape of shapes) {
      for (const [options, field] of bad) {
        const why = problem(
          await settle(
            (client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...shape.args(options)),
          ),
          field,
        );
        if (why) failures.push(`${shape.name}(…, ${inspect(options)}): ${why}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent()).toBe(0);
  });

  it('an already-aborted signal: UserAbortError (not ValidationError), nothing sent — on every method', async () => {
    const { client, sent } = setup();
    const failures: string[] = [];
    const reason = new Error('caller left');
    for (const shape of shapes) {
      const error = await settle(
        (client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(
          ...shape.args({ signal: AbortSignal.abort(reason) }),
        ),
      );
      if (error !== undefined) scanner.scan(shape.name, error);
      if (!(error instanceof UserAbortError))
        failures.push(`${shape.name}: ${(error as Error)?.constructor?.name} ${(error as Error)?.message}`);
      else if (error.cause !== reason) failures.push(`${shape.name}: cause is not the signal's reason`);
    }
    const signal = AbortSignal.abort(reason);
    const special: [string, unknown][] = [
      ['uploadFile', client.uploadFile(new Uint8Array([1]), { signal })],
      ['waitForRun', client.waitForRun('tsk_1', { signal })],
      ['watchRun', client.watchRun('tsk_1', { signal })],
      ['runTask + waitForCompletion', client.runTask({ prompt: 'x' }, { waitForCompletion: true, signal })],
      [
        'runWorkflow + waitForCompletion',
        client.runWorkflow({ agent_id: 'wpid_1' }, { waitForCompletion: true, signal }),
      ],
      [
        'login + waitForCompletion',
        client.login({ credential_type: 'skyvern' } as never, { waitForCompletion: true, signal }),
      ],
    ];
    for (const [name, call] of special) {
      const error = await settle(call);
      if (!(error instanceof UserAbortError))
        failures.push(`${name}: ${(error as Error)?.constructor?.name} ${(error as Error)?.message}`);
    }
    expect(failures).toEqual([]);
    expect(sent()).toBe(0);
  });
});

describe('uploadFile', () => {
  it('a non-Blob, an empty or wrong-typed name/data/contentType, over 10 MB: ValidationError naming the field', async () => {
    const { client, sent } = setup();
    const failures: string[] = [];
    const cases: [string, unknown, string][] = [
      ['a string', 'just text', 'file'],
      ['a number', 42, 'file'],
      ['null', null, 'file'],
      ['undefined', undefined, 'file'],
      ['a plain object', { name: 'a.txt' }, 'file'],
      ['an array of bytes', [1, 2, 3], 'file'],
      ['a ReadableStream', new ReadableStream(), 'file'],
      ['a Promise of a Blob', Promise.resolve(new Blob(['x'])), 'file'],
      ['data: a number', { data: 5, filename: 'a.txt' }, 'file.data'],
      ['data: null', { data: null, filename: 'a.txt' }, 'file.data'],
      ['filename: empty', { data: 'x', filename: '' }, 'file.filename'],
      ['filename: missing', { data: 'x' }, 'file.filename'],
      ['filename: a number', { data: 'x', filename: 7 }, 'file.filename'],
      ['contentType: a number', { data: 'x', filename: 'a.txt', contentType: 7 }, 'file.contentType'],
      ['11 MB', new Uint8Array(11 * 1024 * 1024), 'file'],
      ['11 MB in { data }', { data: new Uint8Array(11 * 1024 * 1024), filename: 'big.bin' }, 'file'],
    ];
    for (const [label, file, field] of cases) {
      const why = problem(await settle(client.uploadFile(file as never)), field);
      if (why) failures.push(`${label}: ${why}`);
    }
    // The standalone function too.
    const why = problem(await settle(core.uploadFile(client, 'text' as never)), 'file');
    if (why) failures.push(`standalone: ${why}`);
    const options = problem(
      await settle(client.uploadFile(new Uint8Array([1]), { timeout: Number.NaN })),
      /^(options\.)?timeout$/,
    );
    if (options) failures.push(`options.timeout NaN: ${options}`);
    expect(failures).toEqual([]);
    expect(sent()).toBe(0);
  });
});

describe('waitForRun and watchRun options', () => {
  const cases: [string, unknown, unknown, string][] = [
    ['run id empty', '', {}, 'run_id'],
    ['run id 42', 42, {}, 'run_id'],
    ['run id null', null, {}, 'run_id'],
    ['timeout 999 (seconds meant as ms?)', 'tsk_1', { timeout: 999 }, 'timeout'],
    ['timeout NaN', 'tsk_1', { timeout: Number.NaN }, 'timeout'],
    ['timeout Infinity', 'tsk_1', { timeout: Number.POSITIVE_INFINITY }, 'timeout'],
    ['timeout "5000"', 'tsk_1', { timeout: '5000' }, 'timeout'],
    ['timeout -1', 'tsk_1', { timeout: -1 }, 'timeout'],
    ['pollInterval 50', 'tsk_1', { pollInterval: 50 }, 'pollInterval'],
    ['pollInterval NaN', 'tsk_1', { pollInterval: Number.NaN }, 'pollInterval'],
    ['pollInterval "1s"', 'tsk_1', { pollInterval: '1s' }, 'pollInterval'],
    ['onUpdate not a function', 'tsk_1', { onUpdate: 'log' }, 'onUpdate'],
    ['signal not a signal', 'tsk_1', { signal: { aborted: false } }, 'signal'],
  ];

  for (const [where, run] of [
    ['client.waitForRun', (c: Skyvern, id: unknown, o: unknown) => c.waitForRun(id as string, o as never)],
    ['waitForRun(client, …)', (c: Skyvern, id: unknown, o: unknown) => waitForRun(c, id as string, o as never)],
    ['client.watchRun', (c: Skyvern, id: unknown, o: unknown) => c.watchRun(id as string, o as never)],
    ['watchRun(client, …)', (c: Skyvern, id: unknown, o: unknown) => watchRun(c, id as string, o as never)],
    [
      'runTask + waitForCompletion',
      (c: Skyvern, _id: unknown, o: unknown) =>
        c.runTask({ prompt: 'x' }, { waitForCompletion: true, ...(o as object) }),
    ],
  ] as const) {
    it(`${where}: ValidationError naming the option, nothing sent`, async () => {
      const { client, sent } = setup();
      const failures: string[] = [];
      for (const [label, id, options, field] of cases) {
        // runTask has no run id argument: those rows are not its business.
        if (where.startsWith('runTask') && field === 'run_id') continue;
        const why = problem(await settle(callSync(() => run(client, id, options))), field);
        if (why) failures.push(`${label}: ${why}`);
      }
      expect(failures).toEqual([]);
      expect(sent()).toBe(0);
    });
  }
});

describe('verifyWebhook', () => {
  it('missing key, raw body not given, bad headers, bad tolerance: ValidationError naming the field', async () => {
    const { client, sent } = setup();
    const failures: string[] = [];
    const body = '{"run_id":"tsk_1"}';
    const cases: [string, unknown, string][] = [
      ['no input', undefined, 'apiKey'],
      ['apiKey missing', { body, headers: {} }, 'apiKey'],
      ['apiKey empty', { body, headers: {}, apiKey: '' }, 'apiKey'],
      ['apiKey a number', { body, headers: {}, apiKey: 42 }, 'apiKey'],
      ['body an object (already parsed)', { body: { run_id: 'tsk_1' }, headers: {}, apiKey: API_KEY }, 'body'],
      ['body missing', { headers: {}, apiKey: API_KEY }, 'body'],
      ['headers null', { body, headers: null, apiKey: API_KEY }, 'headers'],
      ['headers a string', { body, headers: 'x-skyvern-signature: 00', apiKey: API_KEY }, 'headers'],
      ['toleranceMs NaN', { body, headers: {}, apiKey: API_KEY, toleranceMs: Number.NaN }, 'toleranceMs'],
      ['toleranceMs -1', { body, headers: {}, apiKey: API_KEY, toleranceMs: -1 }, 'toleranceMs'],
      ['toleranceMs "5m"', { body, headers: {}, apiKey: API_KEY, toleranceMs: '5m' }, 'toleranceMs'],
    ];
    for (const [label, input, field] of cases) {
      const why = problem(await settle(callSync(() => verifyWebhook(input as never))), field);
      if (why) failures.push(`verifyWebhook ${label}: ${why}`);
    }
    // The client method takes its own key by default: only the body / headers / tolerance rows apply.
    for (const [label, input, field] of cases.filter(([, , f]) => f !== 'apiKey')) {
      const why = problem(await settle(callSync(() => client.verifyWebhook(input as never))), field);
      if (why) failures.push(`client.verifyWebhook ${label}: ${why}`);
    }
    expect(failures).toEqual([]);
    expect(sent()).toBe(0);
  });
});

describe('Skyvern constructor options', () => {
  const construct = (options: unknown) => {
    try {
      new Skyvern(options as never);
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('wrong types, NaN, out of range, unknown environment: ValidationError naming the option', () => {
    const base = { apiKey: API_KEY };
    const cases: [string, unknown, string][] = [
      ['apiKey blank', { apiKey: '   ' }, 'apiKey'],
      ['apiKey a number', { apiKey: 42 }, 'apiKey'],
      ['apiKey empty with a baseUrl', { apiKey: '', baseUrl: 'http://localhost:8000' }, 'apiKey'],
      ['environment unknown', { ...base, environment: 'moon' }, 'environment'],
      ['timeout 0', { ...base, timeout: 0 }, 'timeout'],
      ['timeout -1', { ...base, timeout: -1 }, 'timeout'],
      ['timeout NaN', { ...base, timeout: Number.NaN }, 'timeout'],
      ['timeout Infinity', { ...base, timeout: Number.POSITIVE_INFINITY }, 'timeout'],
      ['timeout "60000"', { ...base, timeout: '60000' }, 'timeout'],
      ['maxRetries -1', { ...base, maxRetries: -1 }, 'maxRetries'],
      ['maxRetries 1.5', { ...base, maxRetries: 1.5 }, 'maxRetries'],
      ['maxRetries NaN', { ...base, maxRetries: Number.NaN }, 'maxRetries'],
      ['maxRetries "2"', { ...base, maxRetries: '2' }, 'maxRetries'],
      ['fetch not a function', { ...base, fetch: 'fetch' }, 'fetch'],
    ];
    const failures = cases
      .map(([label, options, field]) => [label, problem(construct(options), field)])
      .filter(([, why]) => why);
    expect(failures).toEqual([]);
  });

  it('withOptions checks the same way', () => {
    const client = new Skyvern({ apiKey: API_KEY, baseUrl: 'http://sim.local' });
    let error: unknown;
    try {
      client.withOptions({ timeout: -5 });
    } catch (e) {
      error = e;
    }
    expect(problem(error, 'timeout')).toBe('');
  });
});

describe('regressions: bad options are ValidationErrors, not late ConnectionErrors', () => {
  const construct = (options: unknown) => {
    try {
      new Skyvern(options as never);
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('Skyvern: a missing or empty apiKey (no env, no baseUrl) is a ValidationError naming apiKey', () => {
    vi.stubEnv('SKYVERN_API_KEY', '');
    vi.stubEnv('SKYVERN_BASE_URL', '');
    try {
      expect(problem(construct({}), 'apiKey')).toBe('');
      expect(problem(construct({ apiKey: '' }), 'apiKey')).toBe('');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('Skyvern: an invalid or wrong-typed baseUrl is a ValidationError naming baseUrl', () => {
    const failures = (
      [
        ['not a url', { apiKey: API_KEY, baseUrl: 'not a url' }],
        ['a number', { apiKey: API_KEY, baseUrl: 42 }],
        ['ftp:', { apiKey: API_KEY, baseUrl: 'ftp://example.com' }],
      ] as const
    )
      .map(([label, options]) => [label, problem(construct(options), 'baseUrl')])
      .filter(([, why]) => why);
    expect(failures).toEqual([]);
  });

  it('Skyvern: headers that are not a record of strings are a ValidationError naming headers', () => {
    expect(problem(construct({ apiKey: API_KEY, headers: 'x-trace: 1' }), 'headers')).toBe('');
  });

  it('timeouts above 2^31-1 ms (setTimeout overflow) are a ValidationError naming timeout', async () => {
    const { client, sent } = setup();
    expect(problem(construct({ apiKey: API_KEY, timeout: 2 ** 31 }), 'timeout')).toBe('');
    expect(problem(await settle(client.getRun('tsk_1', { timeout: 2 ** 31 })), /^(options\.)?timeout$/)).toBe('');
    expect(sent()).toBe(0);
  });

  it('per-call maxRetries 1.5 is refused like the constructor refuses it', async () => {
    const { client, sent } = setup();
    expect(problem(await settle(client.getRun('tsk_1', { maxRetries: 1.5 })), /^(options\.)?maxRetries$/)).toBe('');
    expect(sent()).toBe(0);
  });

  it('createSkyvernProxy: bad options are a ValidationError naming the option (today a TypeError)', () => {
    const make = (options: unknown) => {
      try {
        createSkyvernProxy(options as never);
        return undefined;
      } catch (error) {
        return error;
      }
    };
    const failures = (
      [
        ['no options', undefined, 'apiKey'],
        ['apiKey missing', {}, 'apiKey'],
        ['apiKey empty', { apiKey: '' }, 'apiKey'],
        ['baseUrl not a URL', { apiKey: API_KEY, baseUrl: 'not a url' }, 'baseUrl'],
        ['maxBodyBytes NaN', { apiKey: API_KEY, maxBodyBytes: Number.NaN }, 'maxBodyBytes'],
        ['maxUploadBytes -1', { apiKey: API_KEY, maxUploadBytes: -1 }, 'maxUploadBytes'],
        ['allow: unknown name', { apiKey: API_KEY, allow: ['getRunz'] }, 'allow'],
        ['fetch not a function', { apiKey: API_KEY, fetch: 'fetch' }, 'fetch'],
      ] as const
    )
      .map(([label, options, field]) => [label, problem(make(options), field)])
      .filter(([, why]) => why);
    expect(failures).toEqual([]);
  });
});

describe('createSkyvernProxy options', () => {
  it('refuses bad options at creation (today with TypeError), never with the key in the message', () => {
    const cases: unknown[] = [
      undefined,
      {},
      { apiKey: '' },
      { apiKey: API_KEY, baseUrl: 'not a url' },
      { apiKey: API_KEY, maxBodyBytes: Number.NaN },
      { apiKey: API_KEY, maxUploadBytes: -1 },
      { apiKey: API_KEY, allow: ['getRunz'] },
    ];
    for (const options of cases) {
      let error: unknown;
      try {
        createSkyvernProxy(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, inspect(options)).toBeInstanceOf(Error);
      scanner.scan(`createSkyvernProxy(${inspect(options).slice(0, 40)})`, error);
    }
  });
});

describe('regressions: waitForRun never polls without a pause', () => {
  /** Polls seen in `ms` of a waitForRun on a run that keeps running; or the error the wait ended with. */
  // Over real HTTP: in process (sim.fetch) a loop that never sleeps starves the timers and
  // the test would only end with the run, a minute later.
  async function pollsIn(ms: number, options: Record<string, unknown>) {
    const stack = await startStack({ kind: 'serve' }, { runTimeline: { durationMs: 60_000 } });
    try {
      const client = stack.client();
      const run = await client.runTask({ prompt: 'keeps running' });
      const abort = new AbortController();
      const waiting = settle(client.waitForRun(run.run_id, { ...options, signal: abort.signal }));
      await new Promise((resolve) => setTimeout(resolve, ms));
      abort.abort();
      const error = await waiting;
      return { polls: stack.sim.requests.length - 1, error };
    } finally {
      await stack.close();
    }
  }

  for (const [label, pollInterval] of [
    ['returns undefined (a forgotten return)', () => undefined],
    ['returns NaN', () => Number.NaN],
    ['returns a negative number', () => -5],
  ] as const) {
    it(`a pollInterval function that ${label}: refused (ValidationError pollInterval) or at least 100 ms between polls`, async () => {
      const { polls, error } = await pollsIn(500, { pollInterval });
      if (error instanceof ValidationError) expect(error.field).toBe('pollInterval');
      else expect(polls, `${polls} polls in 500 ms`).toBeLessThanOrEqual(6);
    });
  }

  it('timeout and pollInterval above 2^31-1 ms: refused, not a poll every millisecond (setTimeout overflow)', async () => {
    const { polls, error } = await pollsIn(500, { timeout: 1e10, pollInterval: 1e10 });
    if (error instanceof ValidationError) expect(['timeout', 'pollInterval']).toContain(error.field);
    else expect(polls, `${polls} polls in 500 ms`).toBeLessThanOrEqual(1);
  });
});

describe('regressions: iterators check their params', () => {
  for (const shape of shapes.filter((s) => s.hasParams && s.name.startsWith('iter'))) {
    it(`${shape.name}: null / 'prompt' / 7 / ['a'] / true as params → ValidationError params, nothing sent`, async () => {
      const { client, sent } = setup();
      const failures: string[] = [];
      for (const bad of [null, 'prompt', 7, ['a'], true]) {
        const args = shape.args();
        args[shape.pathParams.length] = bad;
        const why = problem(
          await settle((client as never as Record<string, (...a: unknown[]) => unknown>)[shape.name]!(...args)),
          'params',
        );
        if (why) failures.push(`params = ${inspect(bad)}: ${why}`);
      }
      expect(failures).toEqual([]);
      expect(sent()).toBe(0);
    });
  }
});

describe('regressions: huge path ids are refused', () => {
  it('a 100 000-character run id is a ValidationError naming run_id, not a 100 kB URL', async () => {
    const { client, sent } = setup();
    expect(problem(await settle(client.getRun('x'.repeat(100_000))), 'run_id')).toBe('');
    expect(sent()).toBe(0);
  });
});

describe('secrets in the bad-input errors', () => {
  it('SkyvernClient is the base of Skyvern (request() shares the checks)', async () => {
    const { client, sent } = setup();
    const error = await settle(
      (client as SkyvernClient).request({ ...fields.get('getRun')!.descriptor }, [''], undefined),
    );
    expect(problem(error, 'run_id')).toBe('');
    expect(sent()).toBe(0);
  });

  it('no error of this file contains the API key (message, toString, JSON, inspect, cause)', () => {
    // Every error above was scanned as it was checked (runs last: tests run in file order).
    console.log(`bad input: ${scanner.count} errors scanned for the key, ${scanner.findings().length} findings`);
    expect(scanner.findings()).toEqual([]);
    expect(scanner.count).toBeGreaterThan(1_000);
  });
});
