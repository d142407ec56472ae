// Every operation of spec/skyvern-openapi.json, sent to the simulator with a valid request, must
// answer the spec's success status with a body that validates against the spec's response schema.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSimulator, type Simulator } from '@skyvern-edge/testing';
import {
  minimalBody,
  specOperations,
  validateResponse,
  validateSchema,
} from '../../packages/testing/test/helpers/spec.js';

type Json = Record<string, any>;
interface Call {
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  form?: FormData;
}

let clock = Date.parse('2030-01-01T00:00:00Z');
const sim: Simulator = createSimulator({ now: () => clock, webhookFetch: async () => new Response('ok') });
const headers = { 'x-api-key': sim.apiKey };

async function send(method: string, c: Call): Promise<Response> {
  const url = new URL(c.path, 'http://simulator.local');
  for (const [k, v] of Object.entries(c.query ?? {})) for (const item of [v].flat()) url.searchParams.append(k, item);
  const init: RequestInit = { method, headers: { ...headers } };
  if (c.form) init.body = c.form;
  else if (c.body !== undefined) {
    init.body = JSON.stringify(c.body);
    (init.headers as Json)['content-type'] = 'application/json';
  }
  return sim.fetch(url, init);
}

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await send(method, { path, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const definition = (title: string) => ({
  json_definition: {
    title,
    workflow_definition: {
      parameters: [
        {
          parameter_type: 'workflow',
          key: 'url',
          workflow_parameter_type: 'string',
          default_value: 'https://example.com',
        },
      ],
      blocks: [
        {
          block_type: 'task',
          label: 'open_page',
          url: '{{ url }}',
          navigation_goal: 'Open the page',
          parameter_keys: ['url'],
        },
      ],
    },
  },
});

const ids: Json = {};

beforeAll(async () => {
  ids.folder = (await api('POST', '/v1/folders', { title: 'Contract folder' })).folder_id;
  ids.workflow = (await api('POST', '/v1/agents', definition('Contract workflow'))).workflow_permanent_id;
  ids.workflow2 = (await api('POST', '/v1/agents', definition('To delete'))).workflow_permanent_id;
  ids.run = (
    await api('POST', '/v1/run/tasks', {
      prompt: 'Find the price',
      url: 'https://example.com',
      webhook_url: 'https://hooks.example.com/skyvern',
    })
  ).run_id;
  ids.workflowRun = (
    await api('POST', '/v1/run/agents', { agent_id: ids.workflow, parameters: { url: 'https://example.com' } })
  ).run_id;
  ids.session = (await api('POST', '/v1/browser_sessions', {})).browser_session_id;
  ids.profile = (
    await api('POST', '/v1/browser_profiles', { name: 'Contract profile', browser_session_id: ids.session })
  ).browser_profile_id;
  const credential = {
    name: 'Contract login',
    credential_type: 'password',
    credential: { username: 'user@example.com', password: 'hunter2' },
  };
  ids.credential = (await api('POST', '/v1/credentials', credential)).credential_id;
  ids.credential2 = (await api('POST', '/v1/credentials', credential)).credential_id;
  const llm = { config: { display_name: 'Local', provider: 'ollama', model_name: 'llama3', api_key: 'secret' } };
  ids.llm = (await api('POST', '/v1/custom-llms', llm)).custom_llm.id;
  ids.llm2 = (await api('POST', '/v1/custom-llms', llm)).custom_llm.id;
  ids.script = (
    await api('POST', '/v1/scripts', {
      workflow_id: ids.workflow,
      files: [{ path: 'src/main.py', content: btoa('print(1)\n') }],
    })
  ).script_id;
  const schedule = { cron_expression: '0 9 * * 1-5', timezone: 'America/New_York' };
  ids.schedule = (await api('POST', `/v1/agents/${ids.workflow}/schedules`, schedule)).schedule.workflow_schedule_id;
  ids.schedule2 = (await api('POST', `/v1/agents/${ids.workflow}/schedules`, schedule)).schedule.workflow_schedule_id;
  const tags = [
    { key: 'env', value: 'prod' },
    { key: 'color', value: 'red' },
    { key: 'size', value: 'big' },
    { key: 'tier', value: 'gold' },
    { key: 'obsolete', value: 'yes' },
    { value: 'important' },
  ];
  await api('POST', `/v1/agents/${ids.workflow}/tags`, { tags, colors: { prod: '#FF0000' } });
  await api('POST', `/v1/runs/${ids.workflowRun}/tags`, { tags: [{ key: 'env', value: 'prod' }] });
  clock += 60_000; // every run above is now terminal: outputs, artifacts and webhooks exist
  const artifacts: Json[] = await api('GET', `/v1/runs/${ids.run}/artifacts`);
  ids.artifact = artifacts.find((a) => a.artifact_type === 'llm_response')!.artifact_id;
});

afterAll(() => sim.close());

const freshRun = async () => (await api('POST', '/v1/run/tasks', { prompt: 'Fresh run' })).run_id as string;
const body = (key: string, patch: Json = {}) => ({ ...minimalBody(key), ...patch });

/** One valid request per operation of the spec. */
const requests: Record<string, () => Call | Promise<Call>> = {
  'POST /v1/run/tasks': () => ({ path: '/v1/run/tasks', body: body('POST /v1/run/tasks') }),
  'POST /v1/run/agents': () => ({
    path: '/v1/run/agents',
    body: body('POST /v1/run/agents', { agent_id: ids.workflow }),
  }),
  'GET /v1/runs/{run_id}': () => ({ path: `/v1/runs/${ids.run}` }),
  'POST /v1/runs/{run_id}/cancel': async () => ({ path: `/v1/runs/${await freshRun()}/cancel` }),
  'POST /v1/runs/cancel': async () => ({
    path: '/v1/runs/cancel',
    body: { run_ids: [await freshRun(), 'tsk_unknown'] },
  }),
  'GET /v1/agents': () => ({ path: '/v1/agents', query: { page: '1', page_size: '5' } }),
  'POST /v1/agents': () => ({ path: '/v1/agents', body: definition('Created by the contract test') }),
  'POST /v1/agents/{workflow_id}': () => ({
    path: `/v1/agents/${ids.workflow}`,
    body: definition('Contract workflow v2'),
  }),
  'POST /v1/agents/{workflow_id}/delete': () => ({ path: `/v1/agents/${ids.workflow2}/delete` }),
  'GET /v1/folders': () => ({ path: '/v1/folders' }),
  'POST /v1/folders': () => ({ path: '/v1/folders', body: body('POST /v1/folders') }),
  'GET /v1/folders/{folder_id}': () => ({ path: `/v1/folders/${ids.folder}` }),
  'PUT /v1/folders/{folder_id}': () => ({
    path: `/v1/folders/${ids.folder}`,
    body: body('PUT /v1/folders/{folder_id}', { description: 'Updated' }),
  }),
  'DELETE /v1/folders/{folder_id}': async () => ({
    path: `/v1/folders/${(await api('POST', '/v1/folders', { title: 'Doomed' })).folder_id}`,
  }),
  'GET /v1/runs/{workflow_run_id}/tags': () => ({ path: `/v1/runs/${ids.workflowRun}/tags` }),
  'POST /v1/runs/{workflow_run_id}/tags': () => ({
    path: `/v1/runs/${ids.workflowRun}/tags`,
    body: { tags: [{ key: 'team', value: 'qa' }] },
  }),
  'DELETE /v1/runs/{workflow_run_id}/tags/{key}': () => ({ path: `/v1/runs/${ids.workflowRun}/tags/team` }),
  'GET /v1/runs/{workflow_run_id}/tags/history': () => ({ path: `/v1/runs/${ids.workflowRun}/tags/history` }),
  'GET /v1/tag-keys': () => ({ path: '/v1/tag-keys' }),
  'PATCH /v1/tag-keys/{key}': () => ({ path: '/v1/tag-keys/env', body: { description: 'Deployment environment' } }),
  'DELETE /v1/tag-keys/{key}': () => ({ path: '/v1/tag-keys/obsolete' }),
  'GET /v1/tag-values': () => ({ path: '/v1/tag-values', query: { key: 'env' } }),
  'PATCH /v1/tag-values/{key}': () => ({ path: '/v1/tag-values/color', body: { value: 'red', color: '#AA0000' } }),
  'DELETE /v1/tag-values/{key}': () => ({ path: '/v1/tag-values/tier', body: { value: 'gold' } }),
  'POST /v1/tag-values': () => ({ path: '/v1/tag-values', body: { key: 'env', value: 'staging', color: 'green' } }),
  'GET /v1/run-tag-suggestions': () => ({ path: '/v1/run-tag-suggestions' }),
  'PATCH /v1/tag-values/{key}/rename': () => ({
    path: '/v1/tag-values/size/rename',
    body: { value: 'big', new_value: 'large' },
  }),
  'GET /v1/workflow-tags': () => ({
    path: '/v1/workflow-tags',
    query: { workflow_permanent_ids: `${ids.workflow},wpid_unknown` },
  }),
  'POST /v1/workflow-tags': () => ({ path: '/v1/workflow-tags', body: { workflow_permanent_ids: [ids.workflow] } }),
  'GET /v1/run-tags': () => ({ path: '/v1/run-tags', query: { workflow_run_ids: ids.workflowRun } }),
  'POST /v1/run-tags': () => ({ path: '/v1/run-tags', body: { workflow_run_ids: [ids.workflowRun] } }),
  'GET /v1/artifacts/{artifact_id}/content': () => ({ path: `/v1/artifacts/${ids.artifact}/content` }),
  'GET /v1/runs/{run_id}/artifacts': () => ({ path: `/v1/runs/${ids.run}/artifacts` }),
  'POST /v1/runs/{run_id}/retry_webhook': () => ({
    path: `/v1/runs/${ids.run}/retry_webhook`,
    body: { webhook_url: 'https://hooks.example.com/replay' },
  }),
  'GET /v1/runs/{run_id}/timeline': () => ({ path: `/v1/runs/${ids.workflowRun}/timeline` }),
  'GET /v1/version': () => ({ path: '/v1/version' }),
  'GET /v1/runs': () => ({
    path: '/v1/runs',
    query: {
      page: '1',
      page_size: '20',
      status: ['completed', 'canceled'],
      workflow_permanent_id: [ids.workflow],
      tags: ['env:prod'],
    },
  }),
  'POST /v1/upload_file': () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'application/pdf' }), 'invoice.pdf');
    return { path: '/v1/upload_file', form };
  },
  'DELETE /v1/files/{file_id}': async () => {
    const form = new FormData();
    form.append('file', new Blob(['doomed']), 'doomed.txt');
    form.append('retention_days', '7');
    const uploaded = await (await send('POST', { path: '/v1/upload_file', form })).json();
    return { path: `/v1/files/${uploaded.file_id}` };
  },
  'GET /v1/browser_profiles/{profile_id}/usage': () => ({ path: `/v1/browser_profiles/${ids.profile}/usage` }),
  'GET /v1/browser_profiles': () => ({ path: '/v1/browser_profiles' }),
  'POST /v1/browser_profiles': () => ({ path: '/v1/browser_profiles', body: body('POST /v1/browser_profiles') }),
  'GET /v1/browser_profiles/{profile_id}': () => ({ path: `/v1/browser_profiles/${ids.profile}` }),
  'PATCH /v1/browser_profiles/{profile_id}': () => ({
    path: `/v1/browser_profiles/${ids.profile}`,
    body: { description: 'Updated', rotate_proxy_session_id: true },
  }),
  'DELETE /v1/browser_profiles/{profile_id}': async () => ({
    path: `/v1/browser_profiles/${(await api('POST', '/v1/browser_profiles', { name: 'Doomed' })).browser_profile_id}`,
  }),
  'GET /v1/browser_sessions': () => ({ path: '/v1/browser_sessions' }),
  'POST /v1/browser_sessions': () => ({
    path: '/v1/browser_sessions',
    body: { timeout: 30, browser_profile_id: ids.profile },
  }),
  'POST /v1/browser_sessions/{browser_session_id}/close': async () => ({
    path: `/v1/browser_sessions/${(await api('POST', '/v1/browser_sessions', {})).browser_session_id}/close`,
  }),
  'PATCH /v1/browser_sessions/{browser_session_id}': () => ({
    path: `/v1/browser_sessions/${ids.session}`,
    body: body('PATCH /v1/browser_sessions/{browser_session_id}', { generate_browser_profile: true }),
  }),
  'GET /v1/browser_sessions/{browser_session_id}': () => ({ path: `/v1/browser_sessions/${ids.session}` }),
  'POST /v1/credentials/totp': () => ({
    path: '/v1/credentials/totp',
    body: body('POST /v1/credentials/totp', { content: 'Your code is 123456' }),
  }),
  'GET /v1/credentials': () => ({ path: '/v1/credentials' }),
  'POST /v1/credentials': () => ({
    path: '/v1/credentials',
    body: body('POST /v1/credentials', {
      name: 'Card',
      credential_type: 'credit_card',
      credential: {
        card_number: '4242424242424242',
        card_cvv: '123',
        card_exp_month: '12',
        card_exp_year: '2030',
        card_brand: 'visa',
        card_holder_name: 'Jo',
      },
    }),
  }),
  'POST /v1/credentials/{credential_id}/update': () => ({
    path: `/v1/credentials/${ids.credential}/update`,
    body: {
      name: 'API secret',
      credential_type: 'secret',
      credential: { secret_value: 's3cr3t', secret_label: 'token' },
    },
  }),
  'POST /v1/credentials/{credential_id}/delete': () => ({ path: `/v1/credentials/${ids.credential2}/delete` }),
  'GET /v1/credentials/{credential_id}': () => ({ path: `/v1/credentials/${ids.credential}` }),
  'GET /v1/custom-llms': () => ({ path: '/v1/custom-llms' }),
  'POST /v1/custom-llms': () => ({ path: '/v1/custom-llms', body: body('POST /v1/custom-llms') }),
  'PUT /v1/custom-llms/{custom_llm_id}': () => ({
    path: `/v1/custom-llms/${ids.llm}`,
    body: body('PUT /v1/custom-llms/{custom_llm_id}'),
  }),
  'DELETE /v1/custom-llms/{custom_llm_id}': () => ({ path: `/v1/custom-llms/${ids.llm2}` }),
  'POST /v1/run/tasks/login': () => ({
    path: '/v1/run/tasks/login',
    body: body('POST /v1/run/tasks/login', { credential_id: ids.credential }),
  }),
  'POST /v1/run/tasks/download_files': () => ({
    path: '/v1/run/tasks/download_files',
    body: body('POST /v1/run/tasks/download_files'),
  }),
  'GET /v1/scripts': () => ({ path: '/v1/scripts' }),
  'POST /v1/scripts': () => ({ path: '/v1/scripts', body: body('POST /v1/scripts') }),
  'GET /v1/scripts/{script_id}': () => ({ path: `/v1/scripts/${ids.script}` }),
  'POST /v1/scripts/{script_id}/deploy': () => ({
    path: `/v1/scripts/${ids.script}/deploy`,
    body: { files: [{ path: 'src/main.py', content: 'print(2)\n', encoding: 'utf-8' }] },
  }),
  'POST /v1/scripts/{script_id}/run': () => ({ path: `/v1/scripts/${ids.script}/run` }),
  'POST /v1/sdk/run_action': () => ({
    path: '/v1/sdk/run_action',
    body: body('POST /v1/sdk/run_action', {
      url: 'https://example.com',
      action: { type: 'extract', prompt: 'the title' },
    }),
  }),
  'GET /v1/schedules': () => ({ path: '/v1/schedules', query: { status: 'active' } }),
  'PUT /v1/agents/{workflow_permanent_id}/folder': () => ({
    path: `/v1/agents/${ids.workflow}/folder`,
    body: { folder_id: ids.folder },
  }),
  'GET /v1/agents/{workflow_permanent_id}/tags': () => ({ path: `/v1/agents/${ids.workflow}/tags` }),
  'POST /v1/agents/{workflow_permanent_id}/tags': () => ({
    path: `/v1/agents/${ids.workflow}/tags`,
    body: { tags: [{ key: 'owner', value: 'me' }], tags_to_delete: [{ value: 'important' }] },
  }),
  'DELETE /v1/agents/{workflow_permanent_id}/tags/{key}': () => ({ path: `/v1/agents/${ids.workflow}/tags/owner` }),
  'GET /v1/agents/{workflow_permanent_id}/tags/history': () => ({
    path: `/v1/agents/${ids.workflow}/tags/history`,
    query: { limit: '50' },
  }),
  'POST /v1/agents/runs/{workflow_run_id}/retry': () => ({ path: `/v1/agents/runs/${ids.workflowRun}/retry` }),
  'GET /v1/agents/runs': () => ({ path: '/v1/agents/runs' }),
  'GET /v1/agents/{workflow_id}/runs': () => ({ path: `/v1/agents/${ids.workflow}/runs` }),
  'GET /v1/agents/{workflow_permanent_id}': () => ({ path: `/v1/agents/${ids.workflow}` }),
  'GET /v1/agents/{workflow_permanent_id}/versions': () => ({ path: `/v1/agents/${ids.workflow}/versions` }),
  'POST /v1/agents/{workflow_permanent_id}/browser_session/reset_profile': () => ({
    path: `/v1/agents/${ids.workflow}/browser_session/reset_profile`,
  }),
  'GET /v1/agents/{workflow_permanent_id}/schedules': () => ({ path: `/v1/agents/${ids.workflow}/schedules` }),
  'POST /v1/agents/{workflow_permanent_id}/schedules': () => ({
    path: `/v1/agents/${ids.workflow}/schedules`,
    body: body('POST /v1/agents/{workflow_permanent_id}/schedules', {
      cron_expression: '*/15 * * * *',
      timezone: 'UTC',
    }),
  }),
  'GET /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': () => ({
    path: `/v1/agents/${ids.workflow}/schedules/${ids.schedule}`,
  }),
  'PUT /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': () => ({
    path: `/v1/agents/${ids.workflow}/schedules/${ids.schedule}`,
    body: { cron_expression: '30 8 1 * *', timezone: 'Europe/Paris', name: 'Monthly' },
  }),
  'DELETE /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': () => ({
    path: `/v1/agents/${ids.workflow}/schedules/${ids.schedule2}`,
  }),
  'POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/enable': () => ({
    path: `/v1/agents/${ids.workflow}/schedules/${ids.schedule}/enable`,
  }),
  'POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/disable': () => ({
    path: `/v1/agents/${ids.workflow}/schedules/${ids.schedule}/disable`,
  }),
};

describe('the simulator conforms to spec/skyvern-openapi.json', () => {
  test('a request is planned for exactly the operations of the spec', () => {
    expect(Object.keys(requests).sort()).toEqual(specOperations.map((o) => o.key).sort());
    expect(specOperations).toHaveLength(87);
  });

  const checked: string[] = [];
  for (const op of specOperations) {
    test(`${op.key} answers ${op.status} with a body that fits the spec`, async () => {
      const res = await send(op.method, await requests[op.key]!());
      const text = await res.text();
      expect(res.status, text.slice(0, 500)).toBe(op.status);
      if (op.status === 204) {
        expect(text).toBe('');
      } else if (op.schema) {
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(validateResponse(op.key, JSON.parse(text))).toEqual([]);
      }
      checked.push(op.key);
    });
  }

  test('GET /v1/artifacts/{artifact_id} (served though not in the spec) answers an Artifact', async () => {
    const res = await send('GET', { path: `/v1/artifacts/${ids.artifact}` });
    expect(res.status).toBe(200);
    expect(validateSchema('Artifact', await res.json())).toEqual([]);
    checked.push('GET /v1/artifacts/{artifact_id}');
  });

  test('every operation was checked', () => {
    const operations = checked.filter((k) => k !== 'GET /v1/artifacts/{artifact_id}');
    console.log(
      `simulator conformance: ${operations.length} spec operations checked against their response schemas (+ ${checked.length - operations.length} artifact route)`,
    );
    expect(new Set(operations).size).toBe(87);
    expect(checked).toContain('GET /v1/artifacts/{artifact_id}');
  });
});

describe('run responses fit the spec in every phase', () => {
  test('task, workflow, login and download runs, from created to each terminal status', async () => {
    const local = createSimulator({ now: () => t });
    let t = Date.parse('2030-01-01T00:00:00Z');
    const h = { 'x-api-key': local.apiKey, 'content-type': 'application/json' };
    const post = async (path: string, b: unknown) =>
      (await local.fetch(path, { method: 'POST', headers: h, body: JSON.stringify(b) })).json();
    const wf = await post('/v1/agents', definition('Phases'));
    const runs: string[] = [];
    for (const marker of ['', '[fail]', '[terminate]', '[timeout]', '[pause]']) {
      for (const engine of ['skyvern-1.0', 'skyvern-2.0', 'skyvern-3.0', 'openai-cua', 'anthropic-cua', 'ui-tars']) {
        runs.push(
          (
            await post('/v1/run/tasks', {
              prompt: `Go ${marker}`,
              engine,
              data_extraction_schema: { type: 'object', properties: { price: { type: 'number' } } },
            })
          ).run_id,
        );
      }
      runs.push((await post('/v1/run/agents', { agent_id: wf.workflow_permanent_id, title: marker })).run_id);
      runs.push((await post('/v1/run/tasks/login', { credential_type: 'skyvern', prompt: marker })).run_id);
      runs.push((await post('/v1/run/tasks/download_files', { navigation_goal: `Download ${marker}` })).run_id);
    }
    const canceled = (await post('/v1/run/tasks', { prompt: 'cancel me' })).run_id;
    const seen = new Set<string>();
    for (const step of [0, 600, 1000, 3000, 3000, 10_000, 60_000]) {
      t += step;
      if (step === 3000) await local.fetch(`/v1/runs/${canceled}/cancel`, { method: 'POST', headers: h });
      for (const id of [...runs, canceled]) {
        const res = await local.fetch(`/v1/runs/${id}`, { headers: h });
        const json = await res.json();
        seen.add(json.status);
        expect(validateResponse('GET /v1/runs/{run_id}', json), `${id} ${json.status}`).toEqual([]);
        const timeline = await (await local.fetch(`/v1/runs/${id}/timeline`, { headers: h })).json();
        expect(validateResponse('GET /v1/runs/{run_id}/timeline', timeline)).toEqual([]);
      }
      const list = await (await local.fetch('/v1/runs?page_size=100', { headers: h })).json();
      expect(validateResponse('GET /v1/runs', list)).toEqual([]);
      const wr = await (await local.fetch('/v1/agents/runs?page_size=100', { headers: h })).json();
      expect(validateResponse('GET /v1/agents/runs', wr)).toEqual([]);
    }
    expect([...seen].sort()).toEqual([
      'canceled',
      'completed',
      'created',
      'failed',
      'paused',
      'queued',
      'running',
      'terminated',
      'timed_out',
    ]);
  });

  test('seeded lists fit the spec', async () => {
    const local = createSimulator();
    local.seedWorkflows(3);
    local.seedRuns(3);
    local.seedRuns(2, { kind: 'workflow', status: 'failed' });
    local.seedBrowserProfiles(3);
    local.seedCredentials(3);
    local.seedFolders(3);
    local.seedScripts(2);
    const h = { 'x-api-key': local.apiKey };
    for (const key of [
      'GET /v1/agents',
      'GET /v1/runs',
      'GET /v1/agents/runs',
      'GET /v1/browser_profiles',
      'GET /v1/credentials',
      'GET /v1/folders',
      'GET /v1/scripts',
    ]) {
      const res = await local.fetch(key.slice(4), { headers: h });
      const json = await res.json();
      expect(json.length, key).toBeGreaterThan(0);
      expect(validateResponse(key, json), key).toEqual([]);
    }
  });
});
