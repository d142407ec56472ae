import { describe, expect, it } from 'vitest';
import {
  createSkyvernProxy,
  DEFAULT_ALLOWED_OPERATIONS,
  type ProxyOperation,
  type SkyvernProxyOptions,
} from '@skyvern-edge/core/proxy';
import { scanAnswersFor } from './proxy-scan.js';

const KEY = 'sk-proxy-secret-key-0123456789';
const BASE = 'http://app.test/api/skyvern';

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

/** An upstream fetch recording what reaches it and answering `answer` (JSON 200 by default). */
function stub(answer: (seen: Seen) => Response | Promise<Response> = () => Response.json({ ok: true })) {
  const seen: Seen[] = [];
  const fetch = async (input: string, init: RequestInit) => {
    const request = new Request(input, init);
    const entry: Seen = { url: input, method: request.method, headers: request.headers };
    if (request.body) entry.body = await request.text();
    seen.push(entry);
    return answer(entry);
  };
  return { seen, fetch };
}

const scanned = scanAnswersFor(KEY);

/** Calls the proxy; every answer is scanned for the key after the test. */
async function call(proxy: (r: Request) => Promise<Response>, request: Request): Promise<Response> {
  return scanned(await proxy(request));
}

function make(options: Partial<SkyvernProxyOptions> = {}, answer?: Parameters<typeof stub>[0]) {
  const upstream = stub(answer);
  const proxy = createSkyvernProxy({
    apiKey: KEY,
    basePath: '/api/skyvern',
    baseUrl: 'https://upstream.test',
    fetch: upstream.fetch,
    ...options,
  });
  return { proxy, seen: upstream.seen };
}

/** A Request whose url is exactly `url`: web runtimes resolve `..` while parsing, hand-built requests may not. */
function rawRequest(url: string, init?: RequestInit): Request {
  const request = new Request('http://app.test/', init);
  Object.defineProperty(request, 'url', { value: url });
  return request;
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('createSkyvernProxy options', () => {
  it('requires a non-empty apiKey', () => {
    expect(() => createSkyvernProxy({} as SkyvernProxyOptions)).toThrow(/apiKey/);
    expect(() => createSkyvernProxy({ apiKey: '  ' })).toThrow(/apiKey/);
    expect(() => createSkyvernProxy(undefined as unknown as SkyvernProxyOptions)).toThrow(/apiKey/);
  });

  it('rejects unknown operation names in allow, a relative baseUrl and bad limits', () => {
    expect(() => createSkyvernProxy({ apiKey: KEY, allow: ['getRun', 'getRunn'] })).toThrow(/getRunn/);
    expect(() => createSkyvernProxy({ apiKey: KEY, baseUrl: '/v1' })).toThrow(/baseUrl/);
    expect(() => createSkyvernProxy({ apiKey: KEY, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
  });

  it('exports the default allow-list', () => {
    expect([...DEFAULT_ALLOWED_OPERATIONS].sort()).toEqual(
      [
        'cancelRun',
        'closeBrowserSession',
        'createBrowserSession',
        'getBrowserSession',
        'getRun',
        'getRunArtifacts',
        'getRunTimeline',
        'runTask',
        'runWorkflow',
        'uploadFile',
      ].sort(),
    );
    expect(Object.isFrozen(DEFAULT_ALLOWED_OPERATIONS)).toBe(true);
  });

  it('defaults to https://api.skyvern.com and calls the default fetch unbound', async () => {
    const original = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = async function (this: unknown, input: RequestInfo | URL) {
      expect(this).toBeUndefined();
      urls.push(String(input));
      return Response.json({});
    } as typeof fetch;
    try {
      const proxy = createSkyvernProxy({ apiKey: KEY, basePath: '/api/skyvern/' });
      expect((await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`))).status).toBe(200);
    } finally {
      globalThis.fetch = original;
    }
    expect(urls).toEqual(['https://api.skyvern.com/v1/runs/tsk_1']);
  });
});

describe('routing and the allow-list', () => {
  const defaults: [string, string, string][] = [
    ['runTask', 'POST', '/v1/run/tasks'],
    ['runWorkflow', 'POST', '/v1/run/agents'],
    ['getRun', 'GET', '/v1/runs/tsk_1'],
    ['cancelRun', 'POST', '/v1/runs/tsk_1/cancel'],
    ['getRunTimeline', 'GET', '/v1/runs/wr_1/timeline'],
    ['getRunArtifacts', 'GET', '/v1/runs/tsk_1/artifacts'],
    ['createBrowserSession', 'POST', '/v1/browser_sessions'],
    ['getBrowserSession', 'GET', '/v1/browser_sessions/pbs_1'],
    ['closeBrowserSession', 'POST', '/v1/browser_sessions/pbs_1/close'],
    ['uploadFile', 'POST', '/v1/upload_file'],
  ];

  it.each(defaults)('forwards %s (%s %s) by default', async (name, method, path) => {
    const names: string[] = [];
    const { proxy, seen } = make({ authorize: (_request, op) => (names.push(op.name), true) });
    const response = await call(proxy, new Request(`${BASE}${path}`, method === 'POST' ? json({}) : {}));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(names).toEqual([name]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe(method);
    expect(seen[0]!.url).toBe(`https://upstream.test${path}`);
  });

  it.each([
    ['getCredentials', 'GET', '/v1/credentials'],
    ['createCredential', 'POST', '/v1/credentials'],
    ['deleteCredential', 'POST', '/v1/credentials/cred_1/delete'],
    ['listCustomLlms', 'GET', '/v1/custom-llms'],
    ['createScript', 'POST', '/v1/scripts'],
    ['getSchedules', 'GET', '/v1/schedules'],
    ['createFolder', 'POST', '/v1/folders'],
    ['deleteTagKey', 'DELETE', '/v1/tag-keys/team'],
    ['updateWorkflow', 'POST', '/v1/agents/wpid_1'],
    ['getRuns', 'GET', '/v1/runs'],
    ['bulkCancelRuns', 'POST', '/v1/runs/cancel'],
    ['getArtifact', 'GET', '/v1/artifacts/a_1'],
  ])('denies %s (%s %s) by default with 403', async (name, method, path) => {
    const { proxy, seen } = make();
    const response = await call(proxy, new Request(`${BASE}${path}`, method === 'GET' ? {} : { ...json({}), method }));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await response.json()).detail).toContain(name);
    expect(seen).toHaveLength(0);
  });

  it('forwards an operation allowed explicitly, and only the listed ones', async () => {
    const { proxy, seen } = make({ allow: [...DEFAULT_ALLOWED_OPERATIONS, 'getCredentials', 'getArtifact'] });
    expect((await call(proxy, new Request(`${BASE}/v1/credentials?page=2`))).status).toBe(200);
    expect((await call(proxy, new Request(`${BASE}/v1/artifacts/a_1`))).status).toBe(200);
    expect((await call(proxy, new Request(`${BASE}/v1/credentials`, json({})))).status).toBe(403);
    expect(seen.map((s) => s.url)).toEqual([
      'https://upstream.test/v1/credentials?page=2',
      'https://upstream.test/v1/artifacts/a_1',
    ]);
  });

  it('takes a predicate, possibly async, with the operation and the request', async () => {
    const calls: [ProxyOperation, string][] = [];
    const { proxy, seen } = make({
      allow: async (op, request) => (calls.push([op, request.url]), op.method === 'GET'),
    });
    expect((await call(proxy, new Request(`${BASE}/v1/agents/runs`))).status).toBe(200);
    expect((await call(proxy, new Request(`${BASE}/v1/run/tasks`, json({})))).status).toBe(403);
    expect(calls[0]![0]).toEqual({
      name: 'getWorkflowRuns',
      method: 'GET',
      pathTemplate: '/v1/agents/runs',
      params: {},
    });
    expect(calls[1]![0].name).toBe('runTask');
    expect(seen).toHaveLength(1);
  });

  it('matches literal segments before parameters and decodes parameters', async () => {
    const ops: ProxyOperation[] = [];
    const { proxy } = make({ allow: (op) => (ops.push(op), true) });
    await call(proxy, new Request(`${BASE}/v1/agents/wpid_1`));
    await call(proxy, new Request(`${BASE}/v1/runs/cancel`, json({ run_ids: [] })));
    await call(proxy, new Request(`${BASE}/v1/runs/tsk%20x/cancel`, { method: 'POST' }));
    await call(proxy, new Request(`${BASE}/v1/agents/wpid_1/schedules/sch_2`, { method: 'DELETE' }));
    expect(ops.map((op) => [op.name, op.params])).toEqual([
      ['getWorkflow', { workflow_permanent_id: 'wpid_1' }],
      ['bulkCancelRuns', {}],
      ['cancelRun', { run_id: 'tsk x' }],
      ['deleteSchedule', { workflow_permanent_id: 'wpid_1', workflow_schedule_id: 'sch_2' }],
    ]);
  });

  it.each([['/v1/nope'], ['/v2/runs/tsk_1'], ['/v1/runs/tsk_1/unknown'], ['/v1/runs/tsk_1/'], [''], ['/']])(
    'answers 404 JSON for the unknown path %s',
    async (path) => {
      const { proxy, seen } = make();
      const response = await call(proxy, new Request(`${BASE}${path}`));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: expect.any(String) });
      expect(seen).toHaveLength(0);
    },
  );

  it.each([
    ['http://app.test/v1/runs/tsk_1'],
    ['http://app.test/api/skyvernx/v1/runs/tsk_1'],
    ['http://app.test/api/v1/runs/tsk_1'],
  ])('answers 404 outside basePath: %s', async (url) => {
    const { proxy, seen } = make();
    expect((await call(proxy, new Request(url))).status).toBe(404);
    expect(seen).toHaveLength(0);
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const { proxy, seen } = make();
    const response = await call(proxy, new Request(`${BASE}/v1/run/tasks`));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({ detail: 'Method not allowed' });
    const del = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`, { method: 'DELETE' }));
    expect(del.status).toBe(405);
    const options = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`, { method: 'OPTIONS' }));
    expect(options.status).toBe(405);
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it('works without basePath (mounted at the root)', async () => {
    const upstream = stub();
    const proxy = createSkyvernProxy({ apiKey: KEY, baseUrl: 'http://localhost:8000/base/', fetch: upstream.fetch });
    expect((await call(proxy, new Request('http://app.test/v1/runs/tsk_1?x=1'))).status).toBe(200);
    expect(upstream.seen[0]!.url).toBe('http://localhost:8000/base/v1/runs/tsk_1?x=1');
  });
});

describe('path traversal', () => {
  const variants = [
    '/api/skyvern/v1/runs/../credentials',
    '/api/skyvern/v1/runs/tsk_1/../../credentials',
    '/api/skyvern/../skyvern/v1/credentials',
    '/api/skyvern/v1/runs/%2e%2e/credentials',
    '/api/skyvern/v1/runs/%2E%2E/credentials',
    '/api/skyvern/v1/runs/%2e%2E/credentials',
    '/api/skyvern/v1/runs/.%2e/credentials',
    '/api/skyvern/v1/runs/%2e./credentials',
    '/api/skyvern/v1/runs/%252e%252e/credentials',
    '/api/skyvern//v1/runs/tsk_1',
    '/api/skyvern/v1//runs/tsk_1',
    '/api/skyvern/v1/runs/tsk_1%2fcancel',
    '/api/skyvern/v1/runs/tsk_1%2Fcancel',
    '/api/skyvern/v1/runs/tsk_1%5ccancel',
    '/api/skyvern/v1/runs/tsk_1%5Ccancel',
    '/api/skyvern/v1/runs/tsk_1%252fcancel',
    '/api/skyvern/v1/runs/tsk_1\\..\\credentials',
    '/api/skyvern/v1\\runs\\tsk_1',
    '/api/skyvern/v1/runs/tsk_1%00',
    '/api/skyvern/v1/runs/tsk\u00001',
    '/api/skyvern/v1/runs/%E0%A4%A',
  ];

  it.each(variants)('answers 400 JSON to %s as sent', async (path) => {
    const { proxy, seen } = make({ allow: () => true });
    const response = await call(proxy, rawRequest(`http://app.test${path}`));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: expect.any(String) });
    expect(seen).toHaveLength(0);
  });

  it.each(variants)('never reaches a denied operation with a parsed Request of %s', async (path) => {
    // URL parsing resolves `..` and `%2e%2e` first; what is left is either rejected or matched like any path.
    const ops: string[] = [];
    const { proxy, seen } = make({ authorize: (_request, op) => (ops.push(op.name), true) });
    const response = await call(proxy, new Request(`http://app.test${path}`));
    expect([200, 400, 403, 404]).toContain(response.status);
    for (const op of ops) expect(DEFAULT_ALLOWED_OPERATIONS).toContain(op);
    for (const { url } of seen) expect(url).toMatch(/^https:\/\/upstream\.test\/v1\/runs\/[\w-]+(\/\w+)?$/);
  });

  it('rejects before matching, and lets query strings with dots through', async () => {
    const { proxy, seen } = make();
    expect((await call(proxy, rawRequest('http://app.test/api/skyvern/v1/nope/../x'))).status).toBe(400);
    expect((await call(proxy, new Request(`${BASE}/v1/runs/tsk_1/artifacts?artifact_type=a..b&x=%2F`))).status).toBe(
      200,
    );
    expect(seen[0]!.url).toBe('https://upstream.test/v1/runs/tsk_1/artifacts?artifact_type=a..b&x=%2F');
  });
});

describe('headers', () => {
  it('strips the browser credentials and hop-by-hop headers and sets the proxy key', async () => {
    const { proxy, seen } = make();
    const response = await call(
      proxy,
      new Request(`${BASE}/v1/run/tasks?template=1`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'browser-key',
          authorization: 'Bearer browser-token',
          cookie: 'session=abc',
          'proxy-authorization': 'Basic eHg=',
          connection: 'keep-alive, x-hop',
          'keep-alive': 'timeout=5',
          upgrade: 'websocket',
          host: 'evil.test',
          'transfer-encoding': 'chunked',
          'content-length': '14',
          te: 'trailers',
          trailer: 'x-t',
          'x-hop': 'gone',
          'x-max-steps-override': '7',
          'x-user-agent': 'tests',
          accept: 'application/json',
        },
        body: '{"prompt":"p"}',
      }),
    );
    expect(response.status).toBe(200);
    const headers = Object.fromEntries(seen[0]!.headers);
    expect(headers['x-api-key']).toBe(KEY);
    for (const name of [
      'authorization',
      'cookie',
      'proxy-authorization',
      'keep-alive',
      'upgrade',
      'x-hop',
      'host',
      'transfer-encoding',
      'content-length',
      'te',
      'trailer',
    ]) {
      expect(headers[name]).toBeUndefined();
    }
    expect(headers['connection']).toBeUndefined();
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'x-max-steps-override': '7',
      'x-user-agent': 'tests',
      accept: 'application/json',
    });
    expect(JSON.stringify(headers)).not.toMatch(/browser-key|browser-token|session=abc/);
    expect(seen[0]!.url).toBe('https://upstream.test/v1/run/tasks?template=1');
    expect(seen[0]!.body).toBe('{"prompt":"p"}');
  });

  it('passes status, body and content-type through, and drops set-cookie and server headers', async () => {
    const { proxy } = make(
      {},
      () =>
        new Response('{"detail":[{"loc":["body","url"]}]}', {
          status: 422,
          statusText: 'Unprocessable',
          headers: {
            'content-type': 'application/json',
            'set-cookie': 'sid=1',
            server: 'uvicorn',
            'x-request-id': 'req_1',
            'x-internal': 'yes',
          },
        }),
    );
    const response = await call(proxy, new Request(`${BASE}/v1/run/tasks`, json({})));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-internal')).toBeNull();
    expect(await response.text()).toBe('{"detail":[{"loc":["body","url"]}]}');
  });

  it('streams binary answers through untouched', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const { proxy } = make(
      { allow: ['getArtifactContent'] },
      () => new Response(bytes, { headers: { 'content-type': 'image/png' } }),
    );
    const response = await call(proxy, new Request(`${BASE}/v1/artifacts/a_1/content`));
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('does not follow upstream redirects (the key would go along)', async () => {
    const inits: RequestInit[] = [];
    const proxy = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      fetch: async (_url, init) => (
        inits.push(init), new Response(null, { status: 307, headers: { location: 'https://elsewhere.test/' } })
      ),
    });
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(inits[0]!.redirect).toBe('manual');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBeNull();
  });

  it('answers 204 without a body', async () => {
    const { proxy } = make({}, () => new Response(null, { status: 204 }));
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1/cancel`, { method: 'POST' }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('the key never leaves', () => {
  it('scrubs the key from upstream bodies and headers', async () => {
    const { proxy } = make(
      {},
      (seen) =>
        new Response(JSON.stringify({ detail: `Invalid key ${seen.headers.get('x-api-key')}`, echo: KEY }), {
          status: 403,
          headers: { 'content-type': 'application/json', 'x-request-id': `id-${KEY}`, 'set-cookie': `k=${KEY}` },
        }),
    );
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body).toEqual({ detail: 'Invalid key [redacted]', echo: '[redacted]' });
    expect(response.headers.get('x-request-id')).toBeNull();
  });

  it('scrubs a 2xx JSON or text body echoing the key', async () => {
    const { proxy } = make({}, () => new Response(`key=${KEY}`, { headers: { 'content-type': 'text/plain' } }));
    expect(await (await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`))).text()).toBe('key=[redacted]');
  });

  it('answers 502 without internals when the upstream is unreachable', async () => {
    const errors: unknown[] = [];
    const proxy = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      fetch: async () => {
        throw new TypeError(`fetch failed: connect ECONNREFUSED 10.0.0.1:443 with x-api-key ${KEY}`);
      },
      onError: (error) => errors.push(error),
    });
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(response.status).toBe(502);
    const text = await response.clone().text();
    expect(JSON.parse(text)).toEqual({ detail: 'Could not reach the Skyvern API' });
    expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.1|fetch failed/);
    expect(errors).toHaveLength(1);
  });

  it('answers 502 when the upstream breaks off mid-body', async () => {
    const { proxy } = make({}, () => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"run_id":'));
          controller.error(new Error(`socket hang up ${KEY}`));
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    });
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(response.status).toBe(502);
  });
});

describe('authorize', () => {
  it('answers 401 JSON when authorize returns false (or nothing), before the upstream', async () => {
    for (const verdict of [false, undefined, 'yes']) {
      const { proxy, seen } = make({ authorize: async () => verdict as boolean });
      const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Unauthorized' });
      expect(seen).toHaveLength(0);
    }
  });

  it('sends a Response from authorize as is', async () => {
    const { proxy, seen } = make({
      authorize: () => new Response('go log in', { status: 302, headers: { location: '/login', 'x-app': '1' } }),
    });
    const response = await call(proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    expect(response.headers.get('x-app')).toBe('1');
    expect(await response.text()).toBe('go log in');
    expect(seen).toHaveLength(0);
  });

  it('gets the original request (cookie included) and the operation with its params', async () => {
    const owners = new Map([['tsk_mine', 'alice']]);
    const { proxy, seen } = make({
      authorize: async (request, op) => {
        const user = /session=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
        if (!user) return false;
        const runId = op.params.run_id;
        return runId === undefined || owners.get(runId) === user;
      },
    });
    const as = (user: string | undefined, path: string) =>
      new Request(`${BASE}${path}`, { headers: user ? { cookie: `session=${user}` } : {} });
    expect((await call(proxy, as('alice', '/v1/runs/tsk_mine'))).status).toBe(200);
    expect((await call(proxy, as('bob', '/v1/runs/tsk_mine'))).status).toBe(401);
    expect((await call(proxy, as(undefined, '/v1/runs/tsk_mine'))).status).toBe(401);
    expect((await call(proxy, as('bob', '/v1/runs/tsk_mine/timeline'))).status).toBe(401);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('cookie')).toBeNull();
  });

  it('answers 403 (not allowed) before asking authorize, and 500 when authorize throws', async () => {
    let asked = 0;
    const { proxy } = make({ authorize: () => (asked++, true) });
    expect((await call(proxy, new Request(`${BASE}/v1/credentials`))).status).toBe(403);
    expect(asked).toBe(0);
    const errors: unknown[] = [];
    const throwing = make({
      authorize: () => {
        throw new Error(`db down ${KEY}`);
      },
      onError: (e) => errors.push(e),
    });
    const response = await call(throwing.proxy, new Request(`${BASE}/v1/runs/tsk_1`));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ detail: 'The Skyvern proxy failed' });
    expect(errors).toHaveLength(1);
    expect(throwing.seen).toHaveLength(0);
  });
});

describe('onRunCreated', () => {
  const run = { run_id: 'tsk_42', status: 'created', output: null, run_type: 'task_v2' };

  it.each([
    ['runTask', '/v1/run/tasks'],
    ['runWorkflow', '/v1/run/agents'],
    ['login', '/v1/run/tasks/login'],
    ['downloadFiles', '/v1/run/tasks/download_files'],
    ['retryWorkflowRun', '/v1/agents/runs/wr_1/retry'],
    ['runScript', '/v1/scripts/s_1/run'],
  ])('is called once with the run of %s, and the body reaches the client intact', async (name, path) => {
    const raw = `{ "run_id" : "tsk_42", "status": "created", "output": null, "run_type": "task_v2" }\n`;
    const calls: [unknown, Request, ProxyOperation][] = [];
    const { proxy } = make(
      { allow: () => true, onRunCreated: async (r, request, op) => void calls.push([r, request, op]) },
      () => new Response(raw, { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const request = new Request(`${BASE}${path}`, {
      ...json({ prompt: 'p' }),
      headers: { 'content-type': 'application/json', cookie: 'session=alice' },
    });
    const response = await call(proxy, request);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe(raw);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toEqual(run);
    expect(calls[0]![1]).toBe(request);
    expect(calls[0]![2].name).toBe(name);
  });

  it('is awaited before the answer is sent (so a follow-up getRun is authorized)', async () => {
    const owners = new Map<string, string>();
    const { proxy } = make(
      {
        onRunCreated: async (r) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          owners.set(String(r.run_id), 'alice');
        },
        authorize: (_request, op) => op.params.run_id === undefined || owners.get(op.params.run_id) === 'alice',
      },
      () => Response.json(run),
    );
    expect((await call(proxy, new Request(`${BASE}/v1/run/tasks`, json({})))).status).toBe(200);
    expect((await call(proxy, new Request(`${BASE}/v1/runs/tsk_42`))).status).toBe(200);
  });

  it('is not called for other operations, errors or non-JSON answers', async () => {
    let calls = 0;
    const onRunCreated = () => void calls++;
    const ok = make({ onRunCreated }, () => Response.json(run));
    await call(ok.proxy, new Request(`${BASE}/v1/runs/tsk_42`));
    await call(ok.proxy, new Request(`${BASE}/v1/runs/tsk_42/cancel`, { method: 'POST' }));
    const failing = make({ onRunCreated }, () => Response.json({ detail: 'quota' }, { status: 402 }));
    expect((await call(failing.proxy, new Request(`${BASE}/v1/run/tasks`, json({})))).status).toBe(402);
    const html = make({ onRunCreated }, () => new Response('<html>', { headers: { 'content-type': 'text/html' } }));
    expect(await (await call(html.proxy, new Request(`${BASE}/v1/run/tasks`, json({})))).text()).toBe('<html>');
    expect(calls).toBe(0);
  });

  it('turns a throwing hook into a 500 JSON', async () => {
    const { proxy } = make(
      {
        onRunCreated: () => {
          throw new Error('kv down');
        },
      },
      () => Response.json(run),
    );
    const response = await call(proxy, new Request(`${BASE}/v1/run/tasks`, json({})));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ detail: 'The Skyvern proxy failed' });
  });
});

describe('short keys', () => {
  it('does not scrub a test key shorter than 8 characters out of ordinary text', async () => {
    const proxy = createSkyvernProxy({
      apiKey: 'k',
      fetch: async () => Response.json({ key: 'skyvern' }, { headers: { 'x-request-id': 'kk' } }),
    });
    const response = await proxy(new Request('http://app.test/v1/runs/tsk_1'));
    expect(await response.json()).toEqual({ key: 'skyvern' });
    expect(response.headers.get('x-request-id')).toBe('kk');
  });
});
