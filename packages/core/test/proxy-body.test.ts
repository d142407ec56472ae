import { describe, expect, it } from 'vitest';
import { createSkyvernProxy, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from '@skyvern-edge/core/proxy';

const KEY = 'sk-proxy-secret-key-0123456789';
const BASE = 'http://app.test/api/skyvern';

interface Seen {
  init: RequestInit;
  bytes?: number;
  error?: unknown;
  aborted?: boolean;
}

/** An upstream that reads the whole body (counting bytes) before answering, like a server would. */
function upstream() {
  const seen: Seen[] = [];
  const fetch = async (_url: string, init: RequestInit) => {
    const entry: Seen = { init };
    seen.push(entry);
    const body = init.body;
    try {
      if (body instanceof ReadableStream) {
        let bytes = 0;
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
        }
        entry.bytes = bytes;
      } else if (body) {
        entry.bytes = (body as Uint8Array).byteLength;
      }
    } catch (error) {
      entry.error = error;
      entry.aborted = init.signal?.aborted;
      throw error;
    }
    return Response.json({ ok: true });
  };
  return { seen, fetch };
}

function make(options: { maxBodyBytes?: number; maxUploadBytes?: number } = {}) {
  const up = upstream();
  const proxy = createSkyvernProxy({ apiKey: KEY, basePath: '/api/skyvern', fetch: up.fetch, ...options });
  return { proxy, seen: up.seen };
}

/** A chunked body (no content-length) of `total` bytes in 64 KiB chunks. */
function chunked(total: number, onPull?: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      onPull?.();
      if (sent >= total) return controller.close();
      const size = Math.min(65_536, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function expect413(response: Response) {
  expect(response.status).toBe(413);
  expect(response.headers.get('content-type')).toBe('application/json');
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ detail: expect.stringMatching(/larger than \d+ bytes/) });
  expect(text).not.toContain(KEY);
}

describe('body limits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024 + 64 * 1024);
  });

  it('forwards a JSON body within the limit byte for byte, with its length', async () => {
    const { proxy, seen } = make();
    const body = JSON.stringify({ prompt: 'é'.repeat(1000), url: 'https://example.com' });
    const response = await proxy(post('/v1/run/tasks', body, { 'content-type': 'application/json' }));
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(seen[0]!.init.body as Uint8Array)).toBe(body);
    expect(new Headers(seen[0]!.init.headers).get('content-length')).toBeNull();
  });

  it('answers 413 from content-length without reading or forwarding the body', async () => {
    const { proxy, seen } = make();
    let pulled = 0;
    const request = new Request(`${BASE}/v1/run/tasks`, {
      method: 'POST',
      body: chunked(10, () => pulled++),
      headers: { 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) },
      duplex: 'half',
    } as RequestInit);
    await expect413(await proxy(request));
    expect(seen).toHaveLength(0);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('answers 413 for a real oversize JSON body (content-length set by the runtime)', async () => {
    const { proxy, seen } = make({ maxBodyBytes: 1000 });
    await expect413(await proxy(post('/v1/run/tasks', 'x'.repeat(1001))));
    expect((await proxy(post('/v1/run/tasks', 'x'.repeat(1000)))).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('answers 413 for a chunked JSON body once it passes the limit, without forwarding it', async () => {
    const { proxy, seen } = make();
    let pulled = 0;
    await expect413(
      await proxy(
        post(
          '/v1/run/tasks',
          chunked(5 * 1024 * 1024, () => pulled++),
        ),
      ),
    );
    expect(seen).toHaveLength(0);
    expect(pulled).toBeLessThan(25); // stopped reading at ~1 MiB of 5 MiB
  });

  it('limits uploads separately: a 5 MiB upload passes the 1 MiB JSON limit', async () => {
    const { proxy, seen } = make();
    const response = await proxy(
      post('/v1/upload_file', chunked(5 * 1024 * 1024), { 'content-type': 'multipart/form-data; boundary=x' }),
    );
    expect(response.status).toBe(200);
    expect(seen[0]!.bytes).toBe(5 * 1024 * 1024);
  });

  it('streams uploads upstream instead of buffering them', async () => {
    const { proxy, seen } = make();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(2 * 1024 * 1024)]), 'a.bin');
    const response = await proxy(new Request(`${BASE}/v1/upload_file`, { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    const init = seen[0]!.init as RequestInit & { duplex?: string };
    expect(init.body).toBeInstanceOf(ReadableStream);
    expect(init.duplex).toBe('half');
    expect(new Headers(init.headers).get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.bytes).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('answers 413 from content-length for an upload over the upload limit', async () => {
    const { proxy, seen } = make();
    const request = new Request(`${BASE}/v1/upload_file`, {
      method: 'POST',
      body: chunked(10),
      headers: {
        'content-length': String(DEFAULT_MAX_UPLOAD_BYTES + 1),
        'content-type': 'multipart/form-data; boundary=x',
      },
      duplex: 'half',
    } as RequestInit);
    await expect413(await proxy(request));
    expect(seen).toHaveLength(0);
  });

  it('answers 413 for a 12 MiB FormData upload (no content-length in-process: counted while streaming)', async () => {
    const { proxy, seen } = make();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(12 * 1024 * 1024)]), 'big.bin');
    await expect413(await proxy(new Request(`${BASE}/v1/upload_file`, { method: 'POST', body: form })));
    expect(seen[0]!.aborted).toBe(true);
  });

  it('counts a chunked upload while streaming and aborts the upstream request past the limit', async () => {
    const { proxy, seen } = make({ maxUploadBytes: 1024 * 1024 });
    let pulled = 0;
    await expect413(
      await proxy(
        post(
          '/v1/upload_file',
          chunked(8 * 1024 * 1024, () => pulled++),
          { 'content-type': 'multipart/form-data; boundary=x' },
        ),
      ),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.error).toBeDefined();
    expect(seen[0]!.aborted).toBe(true);
    expect(seen[0]!.bytes).toBeUndefined();
    expect(pulled).toBeLessThan(40);
  });

  it('answers 413 even when the upstream swallows the stream error and answers', async () => {
    const swallowing = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      maxUploadBytes: 100_000,
      fetch: async (_url, init) => {
        await new Response(init.body).arrayBuffer().catch(() => {});
        return Response.json({ detail: 'bad multipart' }, { status: 400 });
      },
    });
    await expect413(await swallowing(post('/v1/upload_file', chunked(500_000))));
  });

  it('does not forward a body on GET and forwards an empty POST without one', async () => {
    const { proxy, seen } = make();
    expect((await proxy(new Request(`${BASE}/v1/runs/tsk_1`))).status).toBe(200);
    expect((await proxy(post('/v1/runs/tsk_1/cancel', ''))).status).toBe(200);
    expect(seen.map((s) => s.init.body)).toEqual([undefined, undefined]);
  });

  it('aborts the upstream request when the client goes away', async () => {
    const client = new AbortController();
    let upstreamSignal: AbortSignal | undefined;
    const proxy = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          upstreamSignal = init.signal!;
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    });
    const pending = proxy(new Request(`${BASE}/v1/runs/tsk_1`, { signal: client.signal }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    client.abort();
    expect((await pending).status).toBe(502);
    expect(upstreamSignal!.aborted).toBe(true);
  });

  it('aborts the upstream request when an upload breaks off (client gone mid-body): 400, not reported', async () => {
    const reported: unknown[] = [];
    let upstreamSignal: AbortSignal | undefined;
    const proxy = createSkyvernProxy({
      apiKey: KEY,
      basePath: '/api/skyvern',
      onError: (error) => reported.push(error),
      // As workerd's fetch does: the body's failure does not end the call, only an abort does.
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          upstreamSignal = init.signal!;
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          new Response(init.body).arrayBuffer().catch(() => {});
        }),
    });
    const upload = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1000).fill(120));
        setTimeout(() => controller.error(new TypeError('Network connection lost.')), 10);
      },
    });
    const answer = await proxy(post('/v1/upload_file', upload, { 'content-type': 'multipart/form-data; boundary=x' }));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ detail: 'The request body broke off' });
    expect(upstreamSignal!.aborted).toBe(true);
    expect(reported).toEqual([]);
  });
});
