import { Skyvern, type ClientOptions } from '../src/index.js';

export const API_KEY = 'sk-test-0123456789-secret';

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

type Reply = Response | Error | ((req: Recorded, n: number) => Response | Error | Promise<Response | Error>);

/** An injected fetch that records every request and answers from a script (last answer repeats). */
export function stubFetch(...replies: Reply[]) {
  const calls: Recorded[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const rec: Recorded = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body ? await request.text() : '',
      signal: request.signal,
    };
    calls.push(rec);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    const answer = typeof reply === 'function' ? await reply(rec, calls.length) : reply;
    if (answer instanceof Error) throw answer;
    return answer!.clone();
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function makeClient(fetch: ClientOptions['fetch'], options: ClientOptions = {}) {
  return new Skyvern({ apiKey: API_KEY, baseUrl: 'http://sim.test', fetch, ...options });
}

/** What undici throws when nothing listens on the port. */
export function refused() {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  });
}

/** What undici throws when the server drops the connection after receiving the request. */
export function reset() {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  });
}

export const run = (status: string, extra: Record<string, unknown> = {}) => ({
  run_id: 'tsk_1',
  status,
  run_type: 'task_v2',
  created_at: '2026-01-01T00:00:00Z',
  modified_at: '2026-01-01T00:00:00Z',
  ...extra,
});
