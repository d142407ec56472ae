import { describe, expect, test } from 'vitest';
import { createSimulator } from '@skyvern-edge/testing';

const LIMIT = 10 * 1024 * 1024;

function upload(sim: ReturnType<typeof createSimulator>, form: FormData, headers: Record<string, string> = {}) {
  return sim.fetch('/v1/upload_file', { method: 'POST', headers: { 'x-api-key': sim.apiKey, ...headers }, body: form });
}

describe('POST /v1/upload_file', () => {
  test('multipart upload keeps every byte; answers s3_uri, presigned_url, file_id and expires_at', async () => {
    const sim = createSimulator({ now: () => Date.parse('2030-01-01T00:00:00Z') });
    const bytes = new Uint8Array(4096 + 256);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + 13) % 256;
    bytes.set(
      Uint8Array.from({ length: 256 }, (_, i) => i),
      0,
    ); // every byte value, CR/LF and NUL included
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'report final.pdf');
    form.append('retention_days', '7');
    const res = await upload(sim, form);
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(Object.keys(json).sort()).toEqual(['expires_at', 'file_id', 'presigned_url', 's3_uri']);
    // retention_days: 7 → deleted a week after the upload.
    expect(json.expires_at).toBe('2030-01-08T00:00:00.000Z');
    expect(json.file_id).toMatch(/^file_/);
    expect(json.s3_uri).toMatch(/^s3:\/\/skyvern-uploads\/.+\/report final\.pdf$/);
    expect(new URL(json.presigned_url).protocol).toBe('https:');
    const stored = sim.uploads.get(json.s3_uri)!;
    expect(stored.filename).toBe('report final.pdf');
    expect(stored.contentType).toBe('application/pdf');
    expect(stored.retentionDays).toBe('7');
    expect(stored.bytes).toEqual(bytes);
    // Multipart bodies are not logged as text.
    expect(sim.requests[0]!.bodyText).toBeUndefined();
  });

  test('a file of exactly 10 MB is accepted', async () => {
    const sim = createSimulator();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(LIMIT)]), 'exact.bin');
    const res = await upload(sim, form);
    expect(res.status).toBe(200);
    expect([...sim.uploads.values()][0]!.bytes.byteLength).toBe(LIMIT);
  });

  test('a file over 10 MB gets 413, judged by the parsed file size', async () => {
    const sim = createSimulator();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(LIMIT + 1)]), 'big.bin');
    const res = await upload(sim, form);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/10 MB/);
    expect(sim.uploads.size).toBe(0);
  });

  test('a content-length over the limit gets 413 before the body is read', async () => {
    const sim = createSimulator();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const req = new Request('http://simulator.local/v1/upload_file', {
      method: 'POST',
      headers: {
        'x-api-key': sim.apiKey,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(LIMIT * 2),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await sim.handle(req);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(3);
  });

  test('missing file or a text field named file: 422', async () => {
    const sim = createSimulator();
    const empty = new FormData();
    empty.append('retention_days', '1');
    const res = await upload(sim, empty);
    expect(res.status).toBe(422);
    expect((await res.json()).detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'file'] });
    const text = new FormData();
    text.append('file', 'not a file');
    expect((await upload(sim, text)).status).toBe(422);
    const json = await sim.fetch('/v1/upload_file', {
      method: 'POST',
      headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(422);
  });

  test('wrong key: 403 before anything is stored', async () => {
    const sim = createSimulator();
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    const res = await sim.fetch('/v1/upload_file', { method: 'POST', headers: { 'x-api-key': 'nope' }, body: form });
    expect(res.status).toBe(403);
    expect(sim.uploads.size).toBe(0);
  });
});

describe('DELETE /v1/files/{file_id}', () => {
  test('deletes an upload by its file_id; a repeat, or an unknown id, answers 404 alike', async () => {
    const sim = createSimulator();
    const form = new FormData();
    form.append('file', new Blob(['bye']), 'bye.txt');
    const { file_id: fileId, expires_at: expiresAt } = await (await upload(sim, form)).json();
    expect(expiresAt).toBeNull(); // no retention_days: the organization's policy applies
    const del = () => sim.fetch(`/v1/files/${fileId}`, { method: 'DELETE', headers: { 'x-api-key': sim.apiKey } });
    expect((await del()).status).toBe(204);
    expect(sim.uploads.size).toBe(0);
    expect((await del()).status).toBe(404);
  });

  test('retention_days that is not an integer answers 422', async () => {
    const sim = createSimulator();
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    form.append('retention_days', 'soon');
    const res = await upload(sim, form);
    expect(res.status).toBe(422);
    expect((await res.json()).detail[0].loc).toEqual(['body', 'retention_days']);
  });
});
