import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ContentTooLargeError,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  SkyvernError,
  UnprocessableEntityError,
  UserAbortError,
} from '../src/index.js';
import { API_KEY, json, makeClient, refused, run, stubFetch } from './helpers.js';

const cases: [number, new (...args: never[]) => ApiError][] = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, ForbiddenError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, ContentTooLargeError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [502, InternalServerError],
  [503, InternalServerError],
  [418, ApiError],
];

describe('status → error class', () => {
  for (const [status, ErrorClass] of cases) {
    it(`${status} → ${ErrorClass.name}`, async () => {
      const { fetch } = stubFetch(json({ detail: 'nope' }, status, { 'x-request-id': 'req-1' }));
      const error = await makeClient(fetch, { maxRetries: 0 })
        .getRun('tsk_1')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(SkyvernError);
      expect(error).toMatchObject({ status, body: { detail: 'nope' }, requestId: 'req-1', name: ErrorClass.name });
      expect((error as ApiError).headers['x-request-id']).toBe('req-1');
    });
  }

  it('403 says Skyvern answers a bad key with 403', async () => {
    const { fetch } = stubFetch(json({ detail: 'Invalid credentials' }, 403));
    await expect(makeClient(fetch).getRun('tsk_1')).rejects.toThrow(
      /Invalid credentials.*missing or invalid API key with 403/,
    );
  });

  it('422 lists each detail entry with its field', async () => {
    const detail = [
      { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'max_steps'], msg: 'Input should be a valid integer', type: 'int_parsing' },
    ];
    const { fetch } = stubFetch(json({ detail }, 422));
    await expect(makeClient(fetch).getRun('tsk_1')).rejects.toThrow(
      '422 prompt: Field required; max_steps: Input should be a valid integer',
    );
  });

  it('an HTML 502 page from a proxy still gives a typed, readable error', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1>nginx</body></html>';
    const { fetch } = stubFetch(new Response(page, { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await makeClient(fetch, { maxRetries: 0 })
      .getRun('tsk_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe('502 502 Bad Gateway');
    expect((error as ApiError).body).toBe(page);
  });

  it('a 200 that is not JSON is an ApiError, not a crash', async () => {
    const { fetch } = stubFetch(
      new Response('<html>login page</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    await expect(makeClient(fetch).getRun('tsk_1')).rejects.toThrow(/text\/html instead of JSON/);
    const truncated = stubFetch(
      new Response('{"run_id": "tsk', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    await expect(makeClient(truncated.fetch).getRun('tsk_1')).rejects.toThrow(/malformed JSON/);
  });

  it('a response without the fields waiting relies on is refused clearly', async () => {
    const { fetch } = stubFetch(json({ hello: 'world' }));
    await expect(makeClient(fetch).getRun('tsk_1')).rejects.toThrow(/getRun: the response lacks fields/);
  });

  it('unknown statuses and fields pass through untouched', async () => {
    const body = run('thinking_hard', { engine: 'skyvern-3.0', brand_new_field: { nested: [1] } });
    const { fetch } = stubFetch(json(body));
    expect(await makeClient(fetch).getRun('tsk_1')).toEqual(body);
  });

  it('network failure → ConnectionError with the cause, and never the key', async () => {
    const { fetch } = stubFetch(refused());
    const error = (await makeClient(fetch, { maxRetries: 0 })
      .getRun('tsk_1')
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
    const inspected = [
      error.message,
      String(error),
      JSON.stringify(error),
      JSON.stringify(error.cause),
      error.stack,
    ].join('\n');
    expect(inspected).not.toContain(API_KEY);
  });

  it('an abort from the caller → UserAbortError carrying the reason', async () => {
    const controller = new AbortController();
    const { fetch } = stubFetch(
      (req) => new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason))),
    );
    const pending = makeClient(fetch).getRun('tsk_1', { signal: controller.signal });
    setTimeout(() => controller.abort('user left'), 10);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAbortError);
    expect((error as UserAbortError).cause).toBe('user left');
  });

  it('an already aborted signal sends nothing', async () => {
    const { fetch, calls } = stubFetch(json(run('running')));
    await expect(makeClient(fetch).getRun('tsk_1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      UserAbortError,
    );
    expect(calls).toHaveLength(0);
  });

  it('caps a long Retry-After at 60 s', async () => {
    vi.useFakeTimers();
    try {
      const { fetch, calls } = stubFetch(json({}, 503, { 'retry-after': '3600' }), json(run('running')));
      const pending = makeClient(fetch).getRun('tsk_1');
      await vi.advanceTimersByTimeAsync(59_000);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(calls).toHaveLength(2);
      expect((await pending).status).toBe('running');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a body that stalls after the headers times out instead of hanging', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"run_id":'));
          },
        }),
        {
          headers: { 'content-type': 'application/json' },
        },
      );
    const { fetch } = stubFetch(stalled);
    await expect(makeClient(fetch, { timeout: 100, maxRetries: 0 }).getRun('tsk_1')).rejects.toThrow(
      /timed out after 100 ms/,
    );
  });
});
