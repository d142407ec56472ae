// Leak hygiene of the token proxy: what of the upstream answer reaches the browser, and what of
// the browser's request reaches the API.
import { describe, expect, it } from 'vitest';
import { createSkyvernProxy, MAX_BUFFERED_ANSWER_BYTES, type SkyvernProxyOptions } from '@skyvern-edge/core/proxy';

const KEY = 'sk-leak-test-key-0123456789abcdef';
const URL_ = 'https://app.test/v1/runs/tsk_1';

function make(answer: () => Response, options: Partial<SkyvernProxyOptions> = {}) {
  const seen: Headers[] = [];
  const proxy = createSkyvernProxy({
    apiKey: KEY,
    fetch: async (_url, init) => {
      seen.push(new Headers(init.headers));
      return answer();
    },
    ...options,
  });
  return { proxy, seen };
}

const b64 = (text: string) => btoa(text);
const chunked = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

describe('the upstream statusText', () => {
  it('is never copied (workerd and Next would send it to the browser)', async () => {
    const { proxy } = make(() => Response.json({ ok: true }, { status: 200, statusText: `Key ${KEY}` }));
    const answer = await proxy(new Request(URL_));
    expect(answer.status).toBe(200);
    expect(answer.statusText).toBe('');
    const error = await make(() => new Response('{}', { status: 422, statusText: 'Bad things' })).proxy(
      new Request(URL_),
    );
    expect(error.status).toBe(422);
    expect(error.statusText).toBe('');
  });
});

describe('the key in answers', () => {
  const cases: [string, Record<string, string>][] = [
    ['no content-type', {}],
    ['text/event-stream', { 'content-type': 'text/event-stream' }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['application/problem+json', { 'content-type': 'application/problem+json' }],
    ['application/x-ndjson', { 'content-type': 'application/x-ndjson' }],
  ];
  it.each(cases)('is scrubbed with %s, also split across chunks', async (_name, headers) => {
    const half = KEY.length >> 1;
    const { proxy } = make(
      () =>
        new Response(chunked('data: {"k":"', KEY.slice(0, half), KEY.slice(half), '"}\n\n', `x ${KEY} y`), { headers }),
    );
    const text = await (await proxy(new Request(URL_))).text();
    expect(text).not.toContain(KEY);
    expect(text).toBe('data: {"k":"[redacted]"}\n\nx [redacted] y');
  });

  it('is scrubbed in its base64 forms, at every alignment, standard and URL alphabets', async () => {
    const forms = [b64(KEY), b64(`a${KEY}`), b64(`ab${KEY}`), b64(`x-api-key: ${KEY}`)];
    const urlSafe = forms.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_'));
    const body = JSON.stringify({ forms, urlSafe, basic: `Basic ${b64(`user:${KEY}`)}` });
    const { proxy } = make(() => new Response(body, { status: 500, headers: { 'content-type': 'application/json' } }));
    const text = await (await proxy(new Request(URL_))).text();
    for (const form of [...forms, ...urlSafe]) expect(text).not.toContain(form);
    // What is left of each encoding decodes to at most a few key bytes at its edges.
    expect(text.match(/\[redacted\]/g)!.length).toBeGreaterThanOrEqual(9);
  });

  it('drops a header holding the key base64-encoded', async () => {
    const { proxy } = make(() => Response.json({}, { headers: { 'x-request-id': b64(`${KEY}`) } }));
    expect((await proxy(new Request(URL_))).headers.get('x-request-id')).toBeNull();
  });

  it('leaves binary answers untouched', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254, ...new TextEncoder().encode(KEY)]);
    const { proxy } = make(() => new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
    expect(new Uint8Array(await (await proxy(new Request(URL_))).arrayBuffer())).toEqual(bytes);
  });
});

describe('active content from upstream', () => {
  it.each(['text/html; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml', 'text/javascript'])(
    'an error page of %s becomes the proxy JSON error',
    async (type) => {
      const { proxy } = make(
        () => new Response('<script>alert(1)</script>', { status: 502, headers: { 'content-type': type } }),
      );
      const answer = await proxy(new Request(URL_));
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(await answer.json()).toEqual({ detail: 'The Skyvern API answered 502' });
    },
  );

  it('a 2xx HTML or SVG answer is served as text/plain with nosniff', async () => {
    for (const type of ['text/html', 'image/svg+xml']) {
      const { proxy } = make(() => new Response('<svg onload="alert(1)"/>', { headers: { 'content-type': type } }));
      const answer = await proxy(new Request(URL_));
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await answer.text()).toBe('<svg onload="alert(1)"/>');
    }
  });

  it('every forwarded answer carries nosniff', async () => {
    const { proxy } = make(() => Response.json({ ok: true }));
    expect((await proxy(new Request(URL_))).headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the buffered answer', () => {
  it(`is bounded: an error body over ${MAX_BUFFERED_ANSWER_BYTES} bytes is a 502, read no further`, async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
    });
    const { proxy } = make(() => new Response(endless, { status: 500, headers: { 'content-type': 'text/plain' } }));
    const answer = await proxy(new Request(URL_));
    expect(answer.status).toBe(502);
    expect((await answer.json()).detail).toMatch(/larger than/);
    expect(pulled).toBeLessThanOrEqual(MAX_BUFFERED_ANSWER_BYTES + 3 * 64 * 1024);
  });
});

describe("the browser's headers", () => {
  it('drop method, URL and host overrides', async () => {
    const { proxy, seen } = make(() => Response.json({}));
    await proxy(
      new Request(URL_, {
        headers: {
          'x-http-method-override': 'DELETE',
          'x-http-method': 'DELETE',
          'x-method-override': 'DELETE',
          'x-original-url': '/v1/credentials',
          'x-rewrite-url': '/v1/credentials',
          'x-forwarded-host': 'evil.example',
          forwarded: 'host=evil.example',
          'x-custom': 'kept',
        },
      }),
    );
    const names = [...seen[0]!.keys()];
    expect(names.sort()).toEqual(['x-api-key', 'x-custom']);
  });
});
