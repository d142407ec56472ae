import { createSimulator, type Simulator } from '@skyvern-edge/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, RequestTimeoutError, Skyvern } from '../src/index.js';

// Downloads against the simulator (in process, fake timers): the body has an idle timeout, not a deadline.
const CONTENT = '/v1/artifacts/{artifact_id}/content';
const TIMEOUT = 1_000;

/** A simulator holding one 4 kB recording, and a client with a 1 s timeout. */
async function recording(): Promise<{ sim: Simulator; client: Skyvern; id: string; size: number }> {
  const sim = createSimulator();
  const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch, timeout: TIMEOUT });
  const content = new Uint8Array(4_096).map((_, i) => i % 251);
  const id = 'a_recording';
  sim.artifacts.set(id, {
    artifact: { artifact_id: id, artifact_type: 'recording' } as never,
    contentType: 'video/webm',
    content,
  });
  return { sim, client, id, size: content.byteLength };
}

const contentRequests = (sim: Simulator) => sim.requests.filter((r) => r.path.endsWith('/content'));

afterEach(() => vi.useRealTimers());

describe('downloads', () => {
  it('a download that takes longer than the timeout but never idles that long completes', async () => {
    const { sim, client, id, size } = await recording();
    const chunks = Math.ceil(size / 512);
    expect(chunks * 400).toBeGreaterThan(3 * TIMEOUT);
    vi.useFakeTimers();
    sim.inject({ type: 'slow-body', intervalMs: 400, chunkBytes: 512 }, { match: { path: CONTENT } });
    const download = client.getArtifactContent(id);
    await vi.advanceTimersByTimeAsync(chunks * 400 + 100);
    const blob = await download;
    expect(blob.size).toBe(size);
    expect(contentRequests(sim)).toHaveLength(1);
  });

  it('a download that stalls after its first bytes fails with RequestTimeoutError and is not fetched again', async () => {
    const { sim, client, id } = await recording();
    vi.useFakeTimers();
    sim.inject(
      { type: 'slow-body', intervalMs: 100, chunkBytes: 512, stallAfterChunks: 2 },
      { match: { path: CONTENT } },
    );
    const download = client.getArtifactContent(id);
    const failed = expect(download).rejects.toBeInstanceOf(RequestTimeoutError);
    await vi.advanceTimersByTimeAsync(10 * TIMEOUT);
    await failed;
    expect(contentRequests(sim)).toHaveLength(1);
  });

  it('a body that stalls before its first byte is still retried like any safe call', async () => {
    const { sim, client, id, size } = await recording();
    vi.useFakeTimers();
    sim.inject({ type: 'stall-body' }, { match: { path: CONTENT } });
    const download = client.getArtifactContent(id);
    await vi.advanceTimersByTimeAsync(10 * TIMEOUT);
    expect((await download).size).toBe(size);
    expect(contentRequests(sim)).toHaveLength(2);
  });

  it('asResponse() hands out the Response at its headers, the body streamed chunk by chunk', async () => {
    const { sim, client, id, size } = await recording();
    vi.useFakeTimers();
    sim.inject({ type: 'slow-body', intervalMs: 400, chunkBytes: 512 }, { match: { path: CONTENT } });
    const response = await client.getArtifactContent(id).asResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/webm');
    const reader = response.body!.getReader();
    let received = 0;
    let reads = 0;
    for (;;) {
      const next = reader.read();
      await vi.advanceTimersByTimeAsync(400);
      const { done, value } = await next;
      if (done) break;
      received += value.byteLength;
      reads++;
    }
    expect(received).toBe(size);
    expect(reads).toBe(Math.ceil(size / 512));
  });

  it('asResponse(): a streamed body that stalls errors with RequestTimeoutError after the idle timeout', async () => {
    const { sim, client, id } = await recording();
    vi.useFakeTimers();
    sim.inject(
      { type: 'slow-body', intervalMs: 100, chunkBytes: 512, stallAfterChunks: 1 },
      { match: { path: CONTENT } },
    );
    const response = await client.getArtifactContent(id).asResponse();
    const reader = response.body!.getReader();
    const first = reader.read();
    await vi.advanceTimersByTimeAsync(100);
    expect((await first).value?.byteLength).toBe(512);
    const second = expect(reader.read()).rejects.toBeInstanceOf(RequestTimeoutError);
    await vi.advanceTimersByTimeAsync(TIMEOUT + 10);
    await second;
  });

  it('asResponse() rejects with the API error of a failed call', async () => {
    const { client } = await recording();
    await expect(client.getArtifactContent('a_missing').asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('after asResponse() the body is not parsed as well', async () => {
    const { client, id } = await recording();
    const call = client.getArtifactContent(id);
    const response = await call.asResponse();
    await expect(call).rejects.toThrow(/asResponse/);
    expect((await response.blob()).size).toBeGreaterThan(0);
  });
});
