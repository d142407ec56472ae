import { describe, expect, test } from 'vitest';
import { createSimulator } from '@skyvern-edge/testing';
import { client } from './helpers/client.js';

describe('auth', () => {
  test('a wrong or missing key gets 403 Invalid credentials; Bearer works; /v1/version is open', async () => {
    const sim = createSimulator({ apiKey: 'sk-right' });
    expect((await client(sim, 'sk-wrong').get('/v1/runs')).status).toBe(403);
    expect((await client(sim, 'sk-wrong').get('/v1/runs')).json).toEqual({ detail: 'Invalid credentials' });
    const none = await sim.fetch('/v1/runs');
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ detail: 'Invalid credentials' });
    expect((await sim.fetch('/v1/runs', { headers: { authorization: 'Bearer sk-right' } })).status).toBe(200);
    expect((await sim.fetch('/v1/runs', { headers: { authorization: 'Bearer sk-wrong' } })).status).toBe(403);
    expect((await client(sim, 'sk-right').get('/v1/runs')).status).toBe(200);
    const version = await sim.fetch('/v1/version');
    expect(version.status).toBe(200);
    expect(await version.json()).toEqual({ version: expect.any(String) });
    expect(createSimulator().apiKey).toBe('sk-test-simulator');
  });

  test('403 comes before body validation; nothing is created', async () => {
    const sim = createSimulator();
    const res = await client(sim, 'bad').post('/v1/run/tasks', {});
    expect(res.status).toBe(403);
    expect(sim.runs.size).toBe(0);
  });
});

describe('422 validation, FastAPI-shaped', () => {
  test('missing prompt', async () => {
    const sim = createSimulator();
    const res = await client(sim).post('/v1/run/tasks', { url: 'https://example.com' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      detail: [
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing', input: { url: 'https://example.com' } },
      ],
    });
  });

  test('wrong primitive types, enums and constraints', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const res = await api.post('/v1/run/tasks', { prompt: 42, max_steps: 'ten', publish_workflow: 'yes' });
    expect(res.status).toBe(422);
    expect(res.json.detail.map((d: any) => [d.loc.join('.'), d.type])).toEqual([
      ['body.prompt', 'string_type'],
      ['body.max_steps', 'int_type'],
      ['body.publish_workflow', 'bool_type'],
    ]);
    expect((await api.post('/v1/run/tasks', { prompt: 'x', max_steps: 2.5 })).json.detail[0].type).toBe('int_type');
    expect((await api.post('/v1/run/tasks', { prompt: 'x', max_steps: null })).status).toBe(200);
    expect((await api.post('/v1/folders', { title: '' })).json.detail[0]).toMatchObject({
      type: 'string_too_short',
      loc: ['body', 'title'],
    });
    expect((await api.post('/v1/browser_sessions', { timeout: 1 })).json.detail[0]).toMatchObject({
      type: 'greater_than_equal',
      loc: ['body', 'timeout'],
    });
    expect((await api.post('/v1/run/tasks/login', { credential_type: 'vault' })).json.detail[0]).toMatchObject({
      type: 'enum',
      loc: ['body', 'credential_type'],
    });
  });

  test('body shape: missing, not JSON, not an object', async () => {
    const sim = createSimulator();
    const h = { 'x-api-key': sim.apiKey, 'content-type': 'application/json' };
    const missing = await sim.fetch('/v1/run/tasks', { method: 'POST', headers: h });
    expect(await missing.json()).toEqual({
      detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
    });
    const broken = await sim.fetch('/v1/run/tasks', { method: 'POST', headers: h, body: '{"prompt":' });
    expect(broken.status).toBe(422);
    expect((await broken.json()).detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error' });
    const array = await sim.fetch('/v1/run/tasks', { method: 'POST', headers: h, body: '[1]' });
    expect((await array.json()).detail[0].type).toBe('model_attributes_type');
    // A body that may be absent (retry_webhook) is fine without one.
    const run = (await client(sim).post('/v1/run/tasks', { prompt: 'x' })).json.run_id;
    expect((await sim.fetch(`/v1/runs/${run}/retry_webhook`, { method: 'POST', headers: h })).status).toBe(200);
  });

  test('query parameters are parsed and checked', async () => {
    const sim = createSimulator();
    const api = client(sim);
    expect((await api.get('/v1/runs?page=abc')).json.detail[0]).toMatchObject({
      type: 'int_parsing',
      loc: ['query', 'page'],
      input: 'abc',
    });
    expect((await api.get('/v1/runs?page=0')).json.detail[0]).toMatchObject({
      type: 'greater_than_equal',
      loc: ['query', 'page'],
    });
    expect((await api.get('/v1/runs?page_size=101')).json.detail[0]).toMatchObject({
      type: 'less_than_equal',
      loc: ['query', 'page_size'],
    });
    expect((await api.get('/v1/runs?status=done')).json.detail[0]).toMatchObject({
      type: 'enum',
      loc: ['query', 'status', 0],
    });
    expect((await api.get('/v1/runs?search_key=ab')).json.detail[0]).toMatchObject({ type: 'string_too_short' });
    expect((await api.get('/v1/browser_profiles?include_deleted=maybe')).json.detail[0]).toMatchObject({
      type: 'bool_parsing',
    });
    expect((await api.get('/v1/runs?status=running&status=completed&page=2')).status).toBe(200);
  });
});

describe('404 and 405', () => {
  test('unknown ids on get-by-id routes', async () => {
    const sim = createSimulator();
    const api = client(sim);
    for (const path of [
      '/v1/runs/tsk_v2_404',
      '/v1/runs/tsk_404/timeline',
      '/v1/runs/tsk_404/artifacts',
      '/v1/agents/wpid_404',
      '/v1/folders/fold_404',
      '/v1/browser_sessions/pbs_404',
      '/v1/browser_profiles/bp_404',
      '/v1/credentials/cred_404',
      '/v1/scripts/s_404',
      '/v1/artifacts/a_404',
      '/v1/agents/wpid_404/schedules',
    ]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(404);
      expect(typeof res.json.detail, path).toBe('string');
    }
    expect((await api.post('/v1/browser_sessions/pbs_404/close')).status).toBe(404);
    expect((await api.del('/v1/custom-llms/cllm_404')).status).toBe(404);
  });

  test('unknown routes, empty ids and wrong methods', async () => {
    const sim = createSimulator();
    const api = client(sim);
    expect(await api.get('/v1/nothing')).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    expect(await api.get('/v1/runs//timeline')).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    expect((await api.get('/v1/runs/')).status).toBe(404);
    const wrong = await api.del('/v1/runs');
    expect(wrong.status).toBe(405);
    expect(wrong.json).toEqual({ detail: 'Method Not Allowed' });
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await api.call('PATCH', '/v1/run/tasks')).status).toBe(405);
    // A literal segment wins over a path param: /v1/agents/runs is the run list, not a workflow.
    expect((await api.get('/v1/agents/runs')).json).toEqual([]);
  });

  test('path ids are percent-decoded', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const wf = sim.seedWorkflows(1)[0]!;
    await api.post(`/v1/agents/${wf.workflow_permanent_id}/tags`, { tags: [{ key: 'team a', value: 'x' }] });
    const res = await api.del(`/v1/agents/${wf.workflow_permanent_id}/tags/team%20a`);
    expect(res.json.tags).toEqual([]);
  });
});

describe('request log', () => {
  test('records method, path, search, lowercase headers and body text; reset clears it', async () => {
    const clock = { t: 1000 };
    const sim = createSimulator({ now: () => clock.t });
    await sim.fetch('https://api.skyvern.com/v1/run/tasks?x=1', {
      method: 'POST',
      headers: { 'X-Api-Key': sim.apiKey, 'Content-Type': 'application/json', 'X-User-Agent': 'test' },
      body: '{"prompt":"hello"}',
    });
    expect(sim.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/run/tasks',
        search: '?x=1',
        headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json', 'x-user-agent': 'test' },
        bodyText: '{"prompt":"hello"}',
        at: 1000,
      },
    ]);
    sim.reset();
    expect(sim.requests).toEqual([]);
    expect(sim.runs.size).toBe(0);
  });
});
