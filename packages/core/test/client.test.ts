import { afterEach, describe, expect, it, vi } from 'vitest';
import { Skyvern, SkyvernClient, SkyvernError, ValidationError, environments } from '../src/index.js';
import { API_KEY, json, makeClient, run, stubFetch } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('client options', () => {
  it('sends the key as x-api-key to the chosen base URL', async () => {
    const { fetch, calls } = stubFetch(json(run('queued')));
    await makeClient(fetch).getRun('tsk_1');
    expect(calls[0]!.url.href).toBe('http://sim.test/v1/runs/tsk_1');
    expect(calls[0]!.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('maps environment to its base URL and defaults to cloud', () => {
    expect(new Skyvern({ apiKey: 'k' }).baseUrl).toBe(environments.cloud);
    expect(new Skyvern({ apiKey: 'k', environment: 'staging' }).baseUrl).toBe('https://api-staging.skyvern.com');
    expect(new Skyvern({ apiKey: 'k', environment: 'local' }).baseUrl).toBe('http://localhost:8000');
    expect(() => new Skyvern({ apiKey: 'k', environment: 'prod' as never })).toThrow(ValidationError);
  });

  it('keeps a path in baseUrl', async () => {
    const { fetch, calls } = stubFetch(json(run('queued')));
    await new Skyvern({ baseUrl: 'http://proxy.test/api/skyvern/', fetch }).getRun('tsk_1');
    expect(calls[0]!.url.href).toBe('http://proxy.test/api/skyvern/v1/runs/tsk_1');
    expect(calls[0]!.headers.has('x-api-key')).toBe(false);
  });

  it('refuses a client with neither key nor baseUrl, saying what to pass', () => {
    vi.stubEnv('SKYVERN_API_KEY', '');
    vi.stubEnv('SKYVERN_BASE_URL', '');
    expect(() => new Skyvern()).toThrow(/no API key.*SKYVERN_API_KEY.*baseUrl/);
  });

  it('reads SKYVERN_API_KEY and SKYVERN_BASE_URL where an environment exists', async () => {
    vi.stubEnv('SKYVERN_API_KEY', 'from-env');
    vi.stubEnv('SKYVERN_BASE_URL', 'http://env.test');
    const { fetch, calls } = stubFetch(json(run('queued')));
    const client = new Skyvern({ fetch });
    await client.getRun('tsk_1');
    expect(client.baseUrl).toBe('http://env.test');
    expect(calls[0]!.headers.get('x-api-key')).toBe('from-env');
  });

  it('does not crash where there is no process (Workers, browsers)', () => {
    vi.stubGlobal('process', undefined);
    expect(() => new Skyvern({ baseUrl: '/api/skyvern' })).not.toThrow();
  });

  it('refuses an API key in a browser unless dangerouslyAllowBrowser, pointing to the proxy', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    expect(() => new Skyvern({ apiKey: 'k' })).toThrow(/token proxy.*createSkyvernProxy/);
    expect(() => new Skyvern({ apiKey: 'k', dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => new Skyvern({ baseUrl: '/api/skyvern' })).not.toThrow();
  });

  it('calls an injected fetch unbound (Workers throw "Illegal invocation" otherwise)', async () => {
    let receiver: unknown = 'unset';
    const fetch = function (this: unknown) {
      receiver = this;
      return Promise.resolve(json(run('queued')));
    };
    await makeClient(fetch as never).getRun('tsk_1');
    expect(receiver).toBeUndefined();
  });

  it('checks timeout, maxRetries and fetch', () => {
    expect(() => makeClient(undefined, { timeout: -1 })).toThrow(/timeout/);
    expect(() => makeClient(undefined, { timeout: Number.NaN })).toThrow(/timeout/);
    expect(() => makeClient(undefined, { maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => makeClient('nope' as never)).toThrow(/fetch/);
    expect(() => new Skyvern({ apiKey: '  ', baseUrl: 'http://x' })).toThrow(/apiKey/);
  });

  it('never exposes the key through JSON, keys or inspection', () => {
    const client = makeClient(undefined);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(Object.values(client).join()).not.toContain(API_KEY);
    expect(String(client)).not.toContain(API_KEY);
  });

  it('withOptions copies the client with options replaced', async () => {
    const { fetch, calls } = stubFetch(json(run('queued')));
    const base = makeClient(fetch);
    const copy = base.withOptions({ timeout: 5_000 });
    expect(copy).toBeInstanceOf(Skyvern);
    expect(copy.timeout).toBe(5_000);
    await copy.getRun('tsk_1');
    expect(calls[0]!.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('GETs bypass fetch caches (Next.js would otherwise hand back a stale run); writes do not set it', async () => {
    const seen: RequestCache[] = [];
    const fetch = async (input: Request, init?: RequestInit) => {
      seen.push(new Request(input, init).cache);
      return json(run('running'));
    };
    const client = makeClient(fetch);
    await client.getRun('tsk_1');
    await client.cancelRun('tsk_1');
    expect(seen).toEqual(['no-store', 'default']);
  });

  it('merges client and per-call headers', async () => {
    const { fetch, calls } = stubFetch(json(run('queued')));
    const client = makeClient(fetch, { headers: { 'x-team': 'a' } });
    await client.getRun('tsk_1', { headers: { 'x-call': 'b' } });
    expect(calls[0]!.headers.get('x-team')).toBe('a');
    expect(calls[0]!.headers.get('x-call')).toBe('b');
  });

  it('exposes every operation as a function of a slim client too', async () => {
    const { getRun } = await import('../src/index.js');
    const { fetch, calls } = stubFetch(json(run('running')));
    const slim = new SkyvernClient({ apiKey: 'k', baseUrl: 'http://sim.test', fetch });
    expect((await getRun(slim, 'tsk_1')).status).toBe('running');
    expect(calls).toHaveLength(1);
  });

  it('withResponse gives the raw Response beside the data', async () => {
    const { fetch } = stubFetch(json(run('running'), 200, { 'x-request-id': 'req-7' }));
    const { data, response, requestId } = await makeClient(fetch).getRun('tsk_1').withResponse();
    expect(data.status).toBe('running');
    expect(response.status).toBe(200);
    expect(requestId).toBe('req-7');
  });

  it('all errors share the SkyvernError base', () => {
    expect(new ValidationError('x', 'bad')).toBeInstanceOf(SkyvernError);
  });
});

describe('methods', () => {
  it('carry their own names (stack traces say Skyvern.getRun)', () => {
    expect(Skyvern.prototype.getRun.name).toBe('getRun');
    expect(Skyvern.prototype.runTask.name).toBe('runTask');
  });
});

describe('wire shape', () => {
  it('header parameters are request fields under the Python SDK names', async () => {
    const { fetch, calls } = stubFetch(json(run('created', { run_type: 'workflow_run' })));
    await makeClient(fetch).runWorkflow({
      agent_id: 'wpid_1',
      parameters: { 'Mixed Case': [1, { a: null }] },
      max_steps_override: 7,
      user_agent: 'my-app/1.0',
      template: true,
    });
    const request = calls[0]!;
    expect(request.headers.get('x-max-steps-override')).toBe('7');
    expect(request.headers.get('x-user-agent')).toBe('my-app/1.0');
    expect(request.url.searchParams.get('template')).toBe('true');
    // Wire fields and user data pass through untouched: no case conversion.
    expect(JSON.parse(request.body)).toEqual({ agent_id: 'wpid_1', parameters: { 'Mixed Case': [1, { a: null }] } });
  });

  it('array query parameters repeat their key, as FastAPI expects', async () => {
    const { fetch, calls } = stubFetch(json([]));
    await makeClient(fetch).getRunArtifacts('tsk_1', { artifact_type: ['screenshot_llm', 'recording'] });
    expect(calls[0]!.url.search).toBe('?artifact_type=screenshot_llm&artifact_type=recording');
  });

  it('ids are URL-encoded into the path', async () => {
    const { fetch, calls } = stubFetch(json(run('running')));
    await makeClient(fetch).getRun('tsk/../1 ?x');
    expect(calls[0]!.url.pathname).toBe('/v1/runs/tsk%2F..%2F1%20%3Fx');
  });
});
