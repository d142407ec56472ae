import { describe, expect, it } from 'vitest';
import { ConnectionError, Skyvern, SkyvernError } from '../src/index.js';

const KEY = 'sk-test-0123456789-secret';
const running = { run_id: 'tsk_1', status: 'running', run_type: 'task_v2' };

describe('only network failures are ConnectionError', () => {
  it('a bug in a fetch wrapper is a plain SkyvernError that ends a wait at once, cause kept', async () => {
    let calls = 0;
    const bug = new TypeError("Cannot read properties of undefined (reading 'headers')");
    const client = new Skyvern({
      apiKey: KEY,
      fetch: async () => {
        calls++;
        throw bug;
      },
    });
    const started = Date.now();
    const error = await client.waitForRun('tsk_1', { timeout: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkyvernError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ name: 'TypeError', message: bug.message });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('network failures stay ConnectionError (undici, Bun, Deno, workerd shapes)', async () => {
    const failures = [
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      }),
      Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
        code: 'ConnectionRefused',
      }),
      new TypeError('error sending request for url (http://127.0.0.1:1/v1/runs/tsk_1): connection refused'),
      new TypeError('Network connection lost'),
    ];
    for (const failure of failures) {
      const client = new Skyvern({ apiKey: KEY, maxRetries: 0, fetch: async () => Promise.reject(failure) });
      await expect(client.getRun('tsk_1'), failure.message).rejects.toBeInstanceOf(ConnectionError);
    }
  });

  it('a wait goes on through a network failure', async () => {
    let calls = 0;
    const client = new Skyvern({
      apiKey: KEY,
      maxRetries: 0,
      fetch: async () => {
        calls++;
        if (calls === 1) throw new TypeError('fetch failed');
        return new Response(JSON.stringify({ ...running, status: 'completed' }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await expect(client.waitForRun('tsk_1', { pollInterval: 100 })).resolves.toMatchObject({ status: 'completed' });
    expect(calls).toBe(2);
  });

  it('no error carries the key, whatever the failing layer put in its message', async () => {
    const client = new Skyvern({
      apiKey: KEY,
      fetch: async () => {
        throw new TypeError(`Invalid header value for x-api-key: ${KEY}`);
      },
    });
    const error = (await client.getRun('tsk_1').catch((e: unknown) => e)) as SkyvernError;
    expect(error).toBeInstanceOf(SkyvernError);
    const cause = error.cause as Error;
    expect(
      `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${cause.message}\n${cause.stack}`,
    ).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
  });
});
