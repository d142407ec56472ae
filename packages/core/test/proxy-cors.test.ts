import { describe, expect, it } from 'vitest';
import { ValidationError } from '@skyvern-edge/core';
import { createSkyvernProxy, type ProxyCorsOptions } from '@skyvern-edge/core/proxy';

const KEY = 'sk-proxy-secret-key-0123456789';
const BASE = 'https://api.app.test/api/skyvern';

function make(cors?: ProxyCorsOptions) {
  let calls = 0;
  const proxy = createSkyvernProxy({
    apiKey: KEY,
    basePath: '/api/skyvern',
    cors,
    fetch: async () => (
      calls++,
      Response.json({ run_id: 'tsk_1' }, { headers: { 'access-control-allow-origin': '*', 'x-request-id': 'r1' } })
    ),
  });
  return { proxy, calls: () => calls };
}

const preflight = (origin: string, headers = 'content-type, x-max-steps-override') =>
  new Request(`${BASE}/v1/run/tasks`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });

const get = (origin?: string, path = '/v1/runs/tsk_1') =>
  new Request(`${BASE}${path}`, { headers: origin ? { origin } : {} });

describe('CORS', () => {
  it('sends no CORS headers and does not answer OPTIONS unless configured', async () => {
    const { proxy, calls } = make();
    const response = await proxy(get('https://app.test'));
    expect(response.status).toBe(200);
    for (const [name] of response.headers) expect(name).not.toMatch(/^access-control-|^vary$/);
    const options = await proxy(preflight('https://app.test'));
    expect(options.status).toBe(405);
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
    expect(calls()).toBe(1);
  });

  it('answers a preflight from an allowed origin itself', async () => {
    const { proxy, calls } = make({ origin: 'https://app.test', credentials: true, maxAge: 600 });
    const response = await proxy(preflight('https://app.test'));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.test',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type, x-max-steps-override',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'origin',
    });
    expect(calls()).toBe(0);
  });

  it('refuses a preflight from another origin with 403 and no allow headers', async () => {
    const { proxy, calls } = make({ origin: ['https://app.test', 'https://admin.app.test'] });
    const response = await proxy(preflight('https://evil.test'));
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('origin');
    expect(calls()).toBe(0);
    expect((await proxy(preflight('https://admin.app.test'))).headers.get('access-control-allow-origin')).toBe(
      'https://admin.app.test',
    );
  });

  it('still checks the path of a preflight', async () => {
    const { proxy } = make({ origin: '*' });
    expect(
      (
        await proxy(
          new Request('https://api.app.test/other', { method: 'OPTIONS', headers: { origin: 'https://x.test' } }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await proxy(new Request(`${BASE}//v1/run/tasks`, { method: 'OPTIONS', headers: { origin: 'https://x.test' } })))
        .status,
    ).toBe(400);
  });

  it('adds the headers to proxied answers and to the proxy errors, for allowed origins only', async () => {
    const { proxy } = make({ origin: (origin) => origin.endsWith('.app.test') });
    const ok = await proxy(get('https://www.app.test'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.app.test');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await ok.json()).toEqual({ run_id: 'tsk_1' });
    const denied = await proxy(get('https://www.app.test', '/v1/credentials'));
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBe('https://www.app.test');
    const other = await proxy(get('https://evil.test'));
    expect(other.status).toBe(200);
    // The upstream's own CORS headers never pass; the browser blocks the read.
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await proxy(get());
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("answers '*' for any origin without credentials", async () => {
    expect((await make({ origin: '*' }).proxy(get('https://a.test'))).headers.get('access-control-allow-origin')).toBe(
      '*',
    );
  });

  it("refuses origin '*' with credentials at construction (any site could act with the user's cookies)", () => {
    for (const origin of ['*', ['https://a.test', '*']] as const) {
      let error: unknown;
      try {
        make({ origin, credentials: true });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'cors.origin' });
      expect(String(error)).toMatch(/credentials/);
    }
    expect(() => make({ origin: () => true, credentials: true })).not.toThrow();
    expect(() => make({ origin: 'https://a.test', credentials: true })).not.toThrow();
  });

  it('refuses a cors option of the wrong shape', () => {
    expect(() => make({ origin: 42 } as never)).toThrow(ValidationError);
    expect(() => make({ origin: 'https://a.test', maxAge: -1 })).toThrow(/cors.maxAge/);
  });

  it('adds the headers to a Response returned by authorize', async () => {
    const proxy = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      cors: { origin: 'https://app.test' },
      authorize: () => Response.redirect('https://app.test/login', 302),
      fetch: async () => Response.json({}),
    });
    const response = await proxy(get('https://app.test'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.test/login');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.test');
  });
});
