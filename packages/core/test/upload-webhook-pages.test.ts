import { describe, expect, it } from 'vitest';
import { UserAbortError, ValidationError, WebhookVerificationError, verifyWebhook } from '../src/index.js';
import { API_KEY, json, makeClient, stubFetch } from './helpers.js';

const uploaded = json({ s3_uri: 's3://bucket/f', presigned_url: 'https://s3.test/f' });

async function sentFile(input: unknown) {
  let form: FormData | undefined;
  const { fetch, calls } = stubFetch(async () => uploaded);
  const wrapped = async (req: Request, init?: RequestInit) => {
    const request = new Request(req, init);
    form = await request.clone().formData();
    return fetch(request);
  };
  const result = await makeClient(wrapped as never).uploadFile(input as never);
  return { result, file: form!.get('file') as File, calls };
}

describe('uploadFile', () => {
  const bytes = new Uint8Array([0, 255, 1, 254, 10, 13, 0x89, 0x50]);

  it('sends every input form as a real multipart file with a filename', async () => {
    const inputs: [string, unknown, string][] = [
      ['Uint8Array', bytes, 'upload.bin'],
      ['ArrayBuffer', bytes.slice().buffer, 'upload.bin'],
      ['Blob', new Blob([bytes], { type: 'image/png' }), 'upload.bin'],
      ['File', new File([bytes], 'scan.png', { type: 'image/png' }), 'scan.png'],
      ['{ data, filename, contentType }', { data: bytes, filename: 'data.csv', contentType: 'text/csv' }, 'data.csv'],
    ];
    for (const [label, input, filename] of inputs) {
      const { result, file, calls } = await sentFile(input);
      expect(result, label).toEqual({ s3_uri: 's3://bucket/f', presigned_url: 'https://s3.test/f' });
      expect(calls[0]!.method).toBe('POST');
      expect(calls[0]!.url.pathname).toBe('/v1/upload_file');
      expect(calls[0]!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
      expect(file.name, label).toBe(filename);
      expect(new Uint8Array(await file.arrayBuffer()), label).toEqual(bytes);
    }
  });

  it('refuses more than 10 MB and non-files before sending', async () => {
    const { fetch, calls } = stubFetch(uploaded);
    const client = makeClient(fetch);
    await expect(client.uploadFile(new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toThrow(
      /10\.0 MB; Skyvern accepts at most 10 MB/,
    );
    for (const bad of ['a path/to/file.pdf', 42, null, { name: 'x' }, { data: bytes }, { data: 5, filename: 'x' }]) {
      await expect(client.uploadFile(bad as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(calls).toHaveLength(0);
    await client.uploadFile(new Uint8Array(10 * 1024 * 1024));
    expect(calls).toHaveLength(1);
  });

  it('is never retried after sending (a 503 would not be repeated)', async () => {
    const { fetch, calls } = stubFetch(json({}, 503, { 'retry-after': '0' }), uploaded);
    await expect(makeClient(fetch).uploadFile(bytes)).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });
});

async function sign(body: string | Uint8Array, key = API_KEY) {
  const hmac = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const raw = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, raw as BufferSource));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('verifyWebhook', () => {
  const body = '{"run_id":"tsk_1","status":"completed","output":{"price":"€12"}}';
  const now = () => String(Math.floor(Date.now() / 1000));

  it('accepts a correctly signed raw body and returns the parsed run', async () => {
    const headers = { 'x-skyvern-signature': await sign(body), 'x-skyvern-timestamp': now() };
    await expect(verifyWebhook({ body, headers, apiKey: API_KEY })).resolves.toMatchObject({
      run_id: 'tsk_1',
      output: { price: '€12' },
    });
    await expect(
      verifyWebhook({
        body: new TextEncoder().encode(body),
        headers: new Headers(headers),
        apiKey: API_KEY,
        toleranceMs: 60_000,
      }),
    ).resolves.toMatchObject({ status: 'completed' });
  });

  it('the client method verifies with the client key', async () => {
    const client = makeClient(undefined);
    await expect(
      client.verifyWebhook({ body, headers: { 'X-Skyvern-Signature': await sign(body) } }),
    ).resolves.toMatchObject({ run_id: 'tsk_1' });
  });

  it('refuses forged, truncated, missing and malformed signatures', async () => {
    const good = await sign(body);
    const cases: [string, Record<string, string>, string | Uint8Array, RegExp][] = [
      ['missing', {}, body, /Missing x-skyvern-signature/],
      ['malformed', { 'x-skyvern-signature': 'not-hex' }, body, /Malformed/],
      ['truncated signature', { 'x-skyvern-signature': good.slice(0, 40) }, body, /Malformed/],
      ['wrong key', { 'x-skyvern-signature': await sign(body, 'other-key') }, body, /Invalid webhook signature/],
      [
        'tampered body',
        { 'x-skyvern-signature': good },
        body.replace('completed', 'failed'),
        /Invalid webhook signature/,
      ],
      ['truncated body', { 'x-skyvern-signature': good }, body.slice(0, -5), /Invalid webhook signature/],
      [
        're-serialized body',
        { 'x-skyvern-signature': good },
        JSON.stringify(JSON.parse(body), null, 1),
        /Invalid webhook signature/,
      ],
    ];
    for (const [label, headers, raw, message] of cases) {
      await expect(verifyWebhook({ body: raw, headers, apiKey: API_KEY }), label).rejects.toThrow(message);
      await expect(verifyWebhook({ body: raw, headers, apiKey: API_KEY })).rejects.toBeInstanceOf(
        WebhookVerificationError,
      );
    }
  });

  it('applies toleranceMs to x-skyvern-timestamp', async () => {
    const signature = await sign(body);
    const old = String(Math.floor(Date.now() / 1000) - 600);
    await expect(
      verifyWebhook({
        body,
        headers: { 'x-skyvern-signature': signature, 'x-skyvern-timestamp': old },
        apiKey: API_KEY,
        toleranceMs: 300_000,
      }),
    ).rejects.toThrow(/outside the tolerance/);
    await expect(
      verifyWebhook({ body, headers: { 'x-skyvern-signature': signature }, apiKey: API_KEY, toleranceMs: 300_000 }),
    ).rejects.toThrow(/Missing x-skyvern-timestamp/);
  });

  it('asks for the raw body when given a parsed object, and for a key', async () => {
    await expect(verifyWebhook({ body: JSON.parse(body), headers: {}, apiKey: API_KEY })).rejects.toThrow(/raw body/);
    await expect(verifyWebhook({ body, headers: {}, apiKey: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('page iterators', () => {
  const items = Array.from({ length: 120 }, (_, i) => ({ workflow_permanent_id: `wpid_${i}` }));
  const pages = () =>
    stubFetch((req) => {
      const page = Number(req.url.searchParams.get('page'));
      const size = Number(req.url.searchParams.get('page_size') ?? 10);
      return json(items.slice((page - 1) * size, page * size));
    });

  it('walks every page and stops after the last, short one', async () => {
    const { fetch, calls } = pages();
    const seen: string[] = [];
    for await (const wf of makeClient(fetch).iterWorkflows({ page_size: 50 })) seen.push(wf.workflow_permanent_id);
    expect(seen).toEqual(items.map((i) => i.workflow_permanent_id));
    expect(calls.map((c) => c.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('stops on an empty page when the count divides evenly, and with total_count', async () => {
    const { fetch, calls } = pages();
    let n = 0;
    for await (const _ of makeClient(fetch).iterWorkflows({ page_size: 40 })) n++;
    expect(n).toBe(120);
    expect(calls).toHaveLength(4);
    const schedules = stubFetch((req) => {
      const page = Number(req.url.searchParams.get('page'));
      return json({ schedules: page <= 2 ? [{ id: page }] : [], total_count: 2, page, page_size: 1 });
    });
    const got: unknown[] = [];
    for await (const s of makeClient(schedules.fetch).iterSchedules({ page_size: 1 })) got.push(s);
    expect(got).toHaveLength(2);
    expect(schedules.calls).toHaveLength(2);
  });

  it('honours signal between pages', async () => {
    const { fetch, calls } = pages();
    const controller = new AbortController();
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const wf of makeClient(fetch).iterWorkflows({ page_size: 50 }, { signal: controller.signal })) {
          seen.push(wf);
          if (seen.length === 50) controller.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(UserAbortError);
    expect(calls).toHaveLength(1);
  });
});
