// The API key must never surface: not in what printing a client shows, not in the token
// proxy's answers (success and every error path), and not in client errors — including
// when a server echoes the key back (FastAPI's 422 echoes header input; debugging proxies
// echo request headers). The fault matrix and the bad-input tests scan their own errors.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Skyvern, SkyvernError } from '@skyvern-edge/core';
import { createSkyvernProxy } from '@skyvern-edge/core/proxy';
import { createSimulator, type Fault, type Simulator } from '@skyvern-edge/testing';
import { API_KEY, renderings, SecretScanner, startStack } from './harness.js';

/** What console.log prints, captured. */
function consoleLogOf(...values: unknown[]): string {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  new Console({ stdout: sink, stderr: sink }).log(...values);
  return text;
}

describe('printing a client never shows the key', () => {
  it('console.log, util.inspect (depth, showHidden, getters), %o / %j, JSON.stringify, String, Object.entries — also of withOptions() copies', () => {
    const scanner = new SecretScanner();
    const client = new Skyvern({ apiKey: API_KEY, baseUrl: 'http://sim.local', timeout: 5_000 });
    const copy = client.withOptions({ timeout: 1_000 });
    for (const [name, c] of [
      ['client', client],
      ['withOptions copy', copy],
    ] as const) {
      scanner.scanText(`console.log(${name})`, consoleLogOf(c));
      scanner.scanText(`console.log({ client })`, consoleLogOf({ client: c }));
      scanner.scanText(
        `inspect(${name}, depth ∞, showHidden, getters)`,
        inspect(c, { depth: Infinity, showHidden: true, getters: true }),
      );
      scanner.scanText(`format('%o', ${name})`, format('%o', c));
      scanner.scanText(`format('%j', ${name})`, format('%j', c));
      scanner.scanText(`JSON.stringify(${name})`, JSON.stringify(c));
      scanner.scanText(`String(${name})`, String(c));
      scanner.scanText(`Object.entries(${name})`, JSON.stringify(Object.entries(c)));
      scanner.scanText(`structuredClone(${name})`, inspect(structuredClone(c), { depth: Infinity }));
    }
    // The printed client is still useful: it shows where it talks to.
    expect(consoleLogOf(client)).toContain('http://sim.local');
    expect(scanner.findings()).toEqual([]);
  });
});

describe('the token proxy never answers with the key', () => {
  /** A proxy in front of the simulator (its upstream fetch), and a way to call it. */
  function proxyOver(sim: Simulator, extra: Record<string, unknown> = {}) {
    const errors: unknown[] = [];
    const proxy = createSkyvernProxy({
      apiKey: API_KEY,
      baseUrl: 'http://upstream.test',
      basePath: '/api/skyvern',
      fetch: (url, init) => sim.fetch(url, init),
      onError: (error) => errors.push(error),
      ...extra,
    });
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await proxy(
        new Request(`http://app.test/api/skyvern${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const text = await response.text();
      return { status: response.status, text, headers: JSON.stringify([...response.headers]) };
    };
    return { call, errors };
  }

  it('success and every error path: upstream 403 / 500 / 5 MB / network failure / reset / echoed key; proxy 400 / 403 / 404 / 405 / 413 / 500', async () => {
    const sim = createSimulator({ apiKey: API_KEY });
    const { call } = proxyOver(sim);
    const scanner = new SecretScanner();
    const [run] = sim.seedRuns(1);
    const runPath = `/v1/runs/${run!.runId}`;
    const echo = JSON.stringify({
      detail: [{ type: 'string_pattern_mismatch', loc: ['header', 'x-api-key'], msg: 'bad key', input: API_KEY }],
    });
    const upstreamFaults: [string, Fault][] = [
      ['403', { status: 403, body: '{"detail":"Invalid credentials"}' }],
      ['500 text', { status: 500, body: 'Internal Server Error' }],
      ['500 after acting', { type: 'status-after-processing', status: 500 }],
      ['5 MB error', { type: 'huge-error', bytes: 5_000_000, status: 500 }],
      ['network failure', { type: 'network-error' }],
      ['reset before processing', { type: 'reset-before-processing' }],
      ['reset after processing', { type: 'reset-after-processing' }],
      ['truncated JSON', { type: 'truncated-json' }],
      ['HTML page', { type: 'wrong-content-type' }],
      ['422 echoing the key', { status: 422, body: echo }],
      [
        'HTML 502 echoing the key',
        { status: 502, body: `<html><title>502</title><pre>x-api-key: ${API_KEY}</pre></html>` },
      ],
      [
        'key in a response header',
        { status: 500, body: '{"detail":"x"}', headers: { 'x-request-id': `req-${API_KEY}`, 'x-debug': API_KEY } },
      ],
    ];
    const seen: string[] = [];
    for (const [label, fault] of upstreamFaults) {
      sim.inject(fault, { times: 1 });
      const answer = await call('GET', runPath);
      seen.push(`${label} → ${answer.status}`);
      scanner.scanText(`${label}: body`, answer.text);
      scanner.scanText(`${label}: headers`, answer.headers);
    }
    const own: [string, string, string, unknown?, Record<string, string>?][] = [
      ['ok getRun', 'GET', runPath],
      ['ok runTask', 'POST', '/v1/run/tasks', { prompt: 'through the proxy' }],
      ['not allowed (403)', 'GET', '/v1/credentials'],
      ['unsafe path (400)', 'GET', '/v1/runs/%2e%2e%2fcredentials'],
      ['unknown path (404)', 'GET', '/v1/nope'],
      ['wrong method (405)', 'DELETE', runPath],
      ['too large (413)', 'POST', '/v1/run/tasks', { prompt: 'x'.repeat(2 * 1024 * 1024) }],
      [
        'a browser sending its own key',
        'GET',
        runPath,
        undefined,
        { 'x-api-key': 'sk-browser', authorization: `Bearer ${API_KEY}` },
      ],
    ];
    for (const [label, method, path, body, headers] of own) {
      const answer = await call(method, path, body, headers);
      seen.push(`${label} → ${answer.status}`);
      scanner.scanText(`${label}: body`, answer.text);
      scanner.scanText(`${label}: headers`, answer.headers);
    }
    // Failing hooks and an upstream fetch whose error message carries the key: the client gets a bare 5xx.
    for (const [label, extra] of [
      [
        'upstream fetch throws with the key in its message',
        { fetch: () => Promise.reject(new Error(`connect failed (x-api-key: ${API_KEY})`)) },
      ],
      [
        'onRunCreated throws with the key',
        {
          onRunCreated: () => {
            throw new Error(`db down for ${API_KEY}`);
          },
        },
      ],
      [
        'authorize throws with the key',
        {
          authorize: () => {
            throw new Error(`auth down for ${API_KEY}`);
          },
        },
      ],
    ] as const) {
      const answer = await proxyOver(sim, extra).call('POST', '/v1/run/tasks', { prompt: 'x' });
      seen.push(`${label} → ${answer.status}`);
      expect(answer.status, label).toBeGreaterThanOrEqual(500);
      scanner.scanText(`${label}: body`, answer.text);
      scanner.scanText(`${label}: headers`, answer.headers);
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        '403 → 403',
        'network failure → 502',
        'reset after processing → 502',
        'ok getRun → 200',
        'ok runTask → 200',
        'not allowed (403) → 403',
        'too large (413) → 413',
      ]),
    );
    expect(scanner.findings()).toEqual([]);
    console.log(`proxy: ${scanner.count} answers scanned for the key (${seen.length} paths), 0 findings`);
  });

  it('a keyless client through the proxy: its errors never hold the key either', async () => {
    const sim = createSimulator({ apiKey: API_KEY });
    const proxy = createSkyvernProxy({
      apiKey: API_KEY,
      baseUrl: 'http://upstream.test',
      basePath: '/api/skyvern',
      fetch: (url, init) => sim.fetch(url, init),
    });
    const client = new Skyvern({
      baseUrl: 'http://app.test/api/skyvern',
      fetch: (input, init) => proxy(new Request(input, init)),
      maxRetries: 0,
    });
    const scanner = new SecretScanner();
    const [run] = sim.seedRuns(1);
    expect((await client.getRun(run!.runId)).run_id).toBe(run!.runId);
    for (const fault of [
      { status: 403 },
      { type: 'network-error' },
      { type: 'reset-after-processing' },
      { status: 422, body: JSON.stringify({ detail: [{ loc: ['header', 'x-api-key'], msg: 'bad', input: API_KEY }] }) },
    ] as Fault[]) {
      sim.inject(fault, { times: 1 });
      const error = await client.getRun(run!.runId).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(fault)).toBeInstanceOf(SkyvernError);
      scanner.scan(JSON.stringify(fault), error);
    }
    await expect(client.getCredentials()).rejects.toMatchObject({ status: 403 });
    expect(scanner.findings()).toEqual([]);
  });
});

describe('client errors when a server echoes the key', () => {
  // FastAPI answers a header that fails validation with 422 and echoes it as `input`;
  // debugging proxies echo request headers in their error pages and response headers.
  const echoes: [string, Fault][] = [
    [
      '422 whose detail echoes the x-api-key header',
      {
        status: 422,
        body: JSON.stringify({
          detail: [
            {
              type: 'string_pattern_mismatch',
              loc: ['header', 'x-api-key'],
              msg: 'String should match pattern',
              input: API_KEY,
            },
          ],
        }),
      },
    ],
    [
      '400 whose detail quotes the key',
      { status: 400, body: JSON.stringify({ detail: `Unknown API key ${API_KEY}` }) },
    ],
    [
      'HTML 502 page listing the request headers',
      {
        status: 502,
        body: `<html><head><title>Bad gateway</title></head><body><pre>x-api-key: ${API_KEY}</pre></body></html>`,
      },
    ],
    [
      'a response header carrying the key',
      { status: 500, body: '{"detail":"oops"}', headers: { 'x-echo-api-key': API_KEY } },
    ],
    [
      'a 2xx that is not JSON, echoing the key',
      { type: 'wrong-content-type', body: `<html><body>Welcome, ${API_KEY}</body></html>` },
    ],
  ];

  // BUG (core): ApiError keeps the raw body, its text in the message and the response
  // headers; nothing removes the key the client itself sent. The proxy already scrubs the
  // same cases (proxy/handler.ts); the client should too. See the report.
  for (const [label, fault] of echoes) {
    it(`${label}: no rendering of the error (message, toString, JSON, inspect, cause) contains the key`, async () => {
      const stack = await startStack();
      try {
        const [run] = stack.sim.seedRuns(1);
        stack.sim.inject(fault, { times: Infinity });
        const error = await stack
          .client({ maxRetries: 0 })
          .getRun(run!.runId)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(SkyvernError);
        const leaks = renderings(error)
          .filter(({ text }) => text.includes(API_KEY))
          .map(({ form }) => form);
        expect(leaks, `${label}: the key appears in`).toEqual([]);
      } finally {
        await stack.close();
      }
    });
  }
});
