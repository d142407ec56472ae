import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Skyvern } from '@skyvern-edge/core';

// A browser page talks to the token proxy: a base URL, no key, no dangerouslyAllowBrowser.
describe('a client for the token proxy', () => {
  beforeEach(() => {
    vi.stubEnv('SKYVERN_API_KEY', '');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('constructs with a relative baseUrl and no key, in a browser', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const client = new Skyvern({ baseUrl: '/api/skyvern' });
    expect(client.baseUrl).toBe('/api/skyvern');
    expect(JSON.stringify(client)).not.toContain('key');
  });

  it('constructs with a relative baseUrl and no key outside a browser too', () => {
    expect(() => new Skyvern({ baseUrl: '/api/skyvern/' })).not.toThrow();
  });

  it('sends no x-api-key (nor any credential header) through the proxy', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const seen: Request[] = [];
    const client = new Skyvern({
      baseUrl: 'https://app.test/api/skyvern',
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({
          run_id: 'tsk_1',
          status: 'queued',
          s3_uri: 's3://b/a.txt',
          presigned_url: 'https://s3.test/a',
        });
      },
    });
    await client.getRun('tsk_1');
    await client.runTask({ prompt: 'p' });
    await client.uploadFile({ data: 'hello', filename: 'a.txt' });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://app.test/api/skyvern/v1/runs/tsk_1',
      'POST https://app.test/api/skyvern/v1/run/tasks',
      'POST https://app.test/api/skyvern/v1/upload_file',
    ]);
    for (const request of seen) {
      expect(request.headers.get('x-api-key')).toBeNull();
      expect(request.headers.get('authorization')).toBeNull();
    }
  });
});
