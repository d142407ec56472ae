// The ownership model: runs, workflow runs and browser sessions belong to the user who created
// them through the proxy; every id in a path or JSON body is checked; lists are denied.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@skyvern-edge/core';
import { createSkyvernProxy, memoryOwnershipStore } from '@skyvern-edge/core/proxy';
import { createSimulator } from '@skyvern-edge/testing';

const KEY = 'sk-ownership-test-key-0123456789';
const BASE = 'http://app.test/api/skyvern';

function setup() {
  const sim = createSimulator({ apiKey: KEY });
  const proxy = createSkyvernProxy({
    apiKey: KEY,
    basePath: '/api/skyvern',
    baseUrl: 'https://api.skyvern.test',
    fetch: (url, init) => sim.handle(new Request(url, init)),
    allow: (op) => op.name !== 'getCredentials',
    ownership: {
      user: (request) => /user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1],
      store: memoryOwnershipStore(),
    },
  });
  const as = (user: string | undefined, method: string, path: string, body?: unknown) =>
    proxy(
      new Request(`${BASE}${path}`, {
        method,
        headers: { ...(user ? { cookie: `user=${user}` } : {}), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { sim, as };
}

describe('ownership', () => {
  it('records a browser session on create: its owner may use it, in a path and in a run body; nobody else may', async () => {
    const { sim, as } = setup();
    const created = await as('alice', 'POST', '/v1/browser_sessions', {});
    expect(created.status).toBe(200);
    const { browser_session_id: session } = (await created.json()) as { browser_session_id: string };
    expect(session).toBeTruthy();

    expect((await as('alice', 'GET', `/v1/browser_sessions/${session}`)).status).toBe(200);
    const aliceRun = await as('alice', 'POST', '/v1/run/tasks', { prompt: 'x', browser_session_id: session });
    expect(aliceRun.status).toBe(200);

    const before = sim.requests.length;
    expect((await as('bob', 'GET', `/v1/browser_sessions/${session}`)).status).toBe(404);
    expect((await as('bob', 'POST', `/v1/browser_sessions/${session}/close`)).status).toBe(404);
    expect((await as('bob', 'POST', '/v1/run/tasks', { prompt: 'x', browser_session_id: session })).status).toBe(404);
    expect((await as('bob', 'POST', '/v1/run/tasks', { prompt: 'x', browser_session_id: 42 })).status).toBe(404);
    expect(sim.requests.length).toBe(before);
    sim.close();
  });

  it('records runs on create and checks run ids in the path', async () => {
    const { as, sim } = setup();
    const { run_id: run } = (await (await as('alice', 'POST', '/v1/run/tasks', { prompt: 'x' })).json()) as {
      run_id: string;
    };
    expect((await as('alice', 'GET', `/v1/runs/${run}`)).status).toBe(200);
    expect((await as('bob', 'GET', `/v1/runs/${run}`)).status).toBe(404);
    expect((await as('bob', 'POST', `/v1/runs/${run}/cancel`)).status).toBe(404);
    expect((await as('alice', 'GET', '/v1/runs/tsk_never_created')).status).toBe(404);
    sim.close();
  });

  it('denies lists and answers 401 without a user', async () => {
    const { as, sim } = setup();
    for (const path of ['/v1/runs', '/v1/browser_sessions', '/v1/agents/runs']) {
      expect((await as('alice', 'GET', path)).status).toBe(403);
    }
    expect((await as(undefined, 'POST', '/v1/run/tasks', { prompt: 'x' })).status).toBe(401);
    expect(sim.requests).toHaveLength(0);
    sim.close();
  });

  it('is checked at construction', () => {
    expect(() => createSkyvernProxy({ apiKey: KEY, ownership: { user: () => 'a' } as never })).toThrow(ValidationError);
  });
});
