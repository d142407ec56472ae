import { describe, expect, test } from 'vitest';
import { createSimulator } from '@skyvern-edge/testing';
import { client, manualClock, workflowDefinition } from './helpers/client.js';

describe('browser sessions', () => {
  test('create → running with address and app_url; get; list; close → closed; unknown → 404', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now, baseAppUrl: 'https://app.example.test/' });
    const api = client(sim);
    const created = (await api.post('/v1/browser_sessions', { timeout: 30 })).json;
    const id = created.browser_session_id as string;
    expect(id).toMatch(/^pbs_\d+$/);
    expect(created).toMatchObject({
      status: 'running',
      timeout: 30,
      app_url: `https://app.example.test/browser-session/${id}`,
    });
    expect(created.browser_address).toMatch(/^wss:\/\//);
    expect((await api.get(`/v1/browser_sessions/${id}`)).json.status).toBe('running');
    expect((await api.get('/v1/browser_sessions')).json.map((s: any) => s.browser_session_id)).toEqual([id]);
    expect((await api.post(`/v1/browser_sessions/${id}/close`)).status).toBe(200);
    expect((await api.get(`/v1/browser_sessions/${id}`)).json).toMatchObject({
      status: 'closed',
      completed_at: expect.any(String),
    });
    expect((await api.get('/v1/browser_sessions')).json).toEqual([]);
    expect((await api.post(`/v1/browser_sessions/${id}/close`)).status).toBe(200);
    expect((await api.get('/v1/browser_sessions/pbs_unknown')).status).toBe(404);
    // Sessions time out after `timeout` minutes.
    const other = (await api.post('/v1/browser_sessions')).json;
    expect(other.timeout).toBe(60);
    clock.advance(61 * 60_000);
    expect((await api.get(`/v1/browser_sessions/${other.browser_session_id}`)).json.status).toBe('timed_out');
    expect(sim.sessions.size).toBe(2);
  });
});

describe('credentials never echo secrets', () => {
  test('password, card and secret: only the public part comes back or is kept', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const pw = await api.post('/v1/credentials', {
      name: 'Login',
      credential_type: 'password',
      credential: { username: 'me@example.com', password: 'hunter2', totp: 'JBSWY3DPEHPK3PXP' },
    });
    expect(pw.status).toBe(201);
    expect(pw.json.credential).toEqual({
      username: 'me@example.com',
      totp_type: 'authenticator',
      totp_identifier: null,
    });
    const card = await api.post('/v1/credentials', {
      name: 'Card',
      credential_type: 'credit_card',
      credential: {
        card_number: '4242 4242 4242 4242',
        card_cvv: '999',
        card_exp_month: '01',
        card_exp_year: '2031',
        card_brand: 'visa',
        card_holder_name: 'Jo',
      },
    });
    expect(card.json.credential).toEqual({ last_four: '4242', brand: 'visa' });
    const secret = await api.post('/v1/credentials', {
      name: 'Token',
      credential_type: 'secret',
      credential: { secret_value: 'tok_abc', secret_label: 'API token' },
    });
    expect(secret.json.credential).toEqual({ secret_label: 'API token' });
    const everything = JSON.stringify([(await api.get('/v1/credentials')).json, [...sim.credentials.values()]]);
    for (const s of ['hunter2', 'JBSWY3DPEHPK3PXP', '4242 4242', '999', 'tok_abc']) expect(everything).not.toContain(s);
    expect(
      (await api.post('/v1/credentials', { name: 'x', credential_type: 'password', credential: { username: 'u' } }))
        .status,
    ).toBe(422);
    const id = pw.json.credential_id;
    expect((await api.post(`/v1/credentials/${id}/delete`)).status).toBe(204);
    expect((await api.get(`/v1/credentials/${id}`)).status).toBe(404);
  });

  test('custom LLM api keys are not answered back', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const res = await api.post('/v1/custom-llms', {
      config: { display_name: 'Mine', provider: 'openrouter', model_name: 'm', api_key: 'sk-or-secret' },
    });
    expect(res.json.custom_llm.config.api_key).toBeNull();
    expect((await api.get('/v1/custom-llms')).text).not.toContain('sk-or-secret');
    expect(
      (await api.post('/v1/custom-llms', { config: { display_name: 'x', provider: 'nope', model_name: 'm' } })).status,
    ).toBe(422);
  });

  test('TOTP codes are read from the content', async () => {
    const sim = createSimulator();
    const res = await client(sim).post('/v1/credentials/totp', {
      totp_identifier: 'me@example.com',
      content: 'Your verification code is 493021.',
    });
    expect(res.json).toMatchObject({ code: '493021', otp_type: 'totp', totp_identifier: 'me@example.com' });
    expect(sim.totpCodes).toHaveLength(1);
  });
});

describe('workflows and folders', () => {
  test('versions on update; get by version; delete hides it; folder moves', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const v1 = (await api.post('/v1/agents', workflowDefinition('Shop'))).json;
    expect(v1).toMatchObject({ version: 1, title: 'Shop', agent_id: v1.workflow_permanent_id, status: 'published' });
    expect(v1.workflow_permanent_id).toMatch(/^wpid_/);
    expect(v1.workflow_id).toMatch(/^w_/);
    expect(v1.workflow_definition.blocks[0]).toMatchObject({
      label: 'open_page',
      output_parameter: { key: 'open_page_output' },
    });
    expect(v1.workflow_definition.blocks[0].parameters[0].key).toBe('url');
    const v2 = (await api.post(`/v1/agents/${v1.workflow_permanent_id}`, workflowDefinition('Shop v2'))).json;
    expect(v2).toMatchObject({ version: 2, workflow_permanent_id: v1.workflow_permanent_id });
    expect(v2.workflow_id).not.toBe(v1.workflow_id);
    expect((await api.get(`/v1/agents/${v1.workflow_permanent_id}`)).json.title).toBe('Shop v2');
    expect((await api.get(`/v1/agents/${v1.workflow_permanent_id}?version=1`)).json.title).toBe('Shop');
    expect((await api.get(`/v1/agents/${v1.workflow_permanent_id}/versions`)).json.map((w: any) => w.version)).toEqual([
      2, 1,
    ]);
    const folder = (await api.post('/v1/folders', { title: 'Team' })).json;
    expect(
      (await api.put(`/v1/agents/${v1.workflow_permanent_id}/folder`, { folder_id: folder.folder_id })).json.folder_id,
    ).toBe(folder.folder_id);
    expect((await api.get(`/v1/folders/${folder.folder_id}`)).json.workflow_count).toBe(1);
    expect((await api.put(`/v1/agents/${v1.workflow_permanent_id}/folder`, { folder_id: 'fold_missing' })).status).toBe(
      404,
    );
    expect((await api.post(`/v1/agents/${v1.workflow_permanent_id}/delete`)).status).toBe(200);
    expect((await api.get(`/v1/agents/${v1.workflow_permanent_id}`)).status).toBe(404);
    expect((await api.get('/v1/agents')).json).toEqual([]);
  });

  test('yaml_definition works; neither definition is a 422', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const yaml =
      'title: From YAML\nworkflow_definition:\n  parameters: []\n  blocks:\n    - block_type: task\n      label: step_one\n';
    const wf = (await api.post('/v1/agents', { yaml_definition: yaml })).json;
    expect(wf.title).toBe('From YAML');
    expect(wf.workflow_definition.blocks.map((b: any) => b.label)).toEqual(['step_one']);
    expect((await api.post('/v1/agents', {})).status).toBe(422);
    expect(
      (await api.post('/v1/agents', { json_definition: { workflow_definition: { parameters: [], blocks: [] } } })).json
        .detail[0].loc,
    ).toEqual(['body', 'json_definition', 'title']);
  });

  test('deleting a folder can delete its workflows', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const [a, b] = sim.seedFolders(2);
    sim.seedWorkflows(2, { folderId: a!.folder_id });
    sim.seedWorkflows(1, { folderId: b!.folder_id });
    await api.del(`/v1/folders/${a!.folder_id}?delete_workflows=true`);
    await api.del(`/v1/folders/${b!.folder_id}`);
    const left = (await api.get('/v1/agents')).json;
    expect(left).toHaveLength(1);
    expect(left[0].folder_id).toBeNull();
  });
});

describe('tags', () => {
  test('apply, replace per key, delete, history, keys and values', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const wf = sim.seedWorkflows(1)[0]!.workflow_permanent_id;
    await api.post(`/v1/agents/${wf}/tags`, {
      tags: [{ key: 'env', value: 'staging' }, { value: 'vip' }],
      colors: { staging: '#00FF00' },
    });
    clock.advance(1000);
    const res = await api.post(`/v1/agents/${wf}/tags`, { tags: [{ key: 'env', value: 'prod' }] });
    expect(res.json.tags.map((t: any) => [t.key, t.value])).toEqual([
      [null, 'vip'],
      ['env', 'prod'],
    ]);
    const history = (await api.get(`/v1/agents/${wf}/tags/history`)).json.events;
    expect(history.map((e: any) => [e.event_type, e.value])).toEqual([
      ['added', 'prod'],
      ['removed', 'staging'],
      ['added', 'vip'],
      ['added', 'staging'],
    ]);
    expect((await api.get('/v1/tag-keys')).json).toEqual([{ key: 'env', description: null, workflow_count: 1 }]);
    expect((await api.get('/v1/tag-values?key=env')).json).toEqual([
      { key: 'env', value: 'prod', color: '#64748B', workflow_count: 1 },
    ]);
    const renamed = (await api.patch('/v1/tag-values/env/rename', { value: 'prod', new_value: 'production' })).json;
    expect(renamed).toEqual({ key: 'env', value: 'production', color: '#64748B', renamed_workflow_count: 1 });
    expect((await api.get(`/v1/workflow-tags?workflow_permanent_ids=${wf}`)).json.workflow_tags[wf]).toEqual([
      { key: null, value: 'vip' },
      { key: 'env', value: 'production' },
    ]);
    expect((await api.del('/v1/tag-keys/env')).json).toEqual({
      key: 'env',
      removed_from_workflow_count: 1,
      removed_from_run_count: 0,
      removed_count: 1,
    });
    expect((await api.del('/v1/tag-keys/env')).status).toBe(404);
    expect((await api.del(`/v1/agents/${wf}/tags/vip`)).json.tags).toEqual([]);
    expect((await api.post(`/v1/agents/${wf}/tags`, { tags: [{ key: 'x' }] })).status).toBe(422);
  });
});

describe('schedules', () => {
  test('next_runs follow the cron in the time zone; enable/disable; org listing', async () => {
    const clock = manualClock(Date.parse('2030-01-07T12:00:00Z')); // a Monday
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const wf = sim.seedWorkflows(1, { prefix: 'Nightly' })[0]!.workflow_permanent_id;
    const created = (
      await api.post(`/v1/agents/${wf}/schedules`, {
        cron_expression: '0 9 * * 1-5',
        timezone: 'America/New_York',
        name: 'Weekday 9am',
      })
    ).json;
    expect(created.next_runs).toEqual([
      '2030-01-07T14:00:00.000Z',
      '2030-01-08T14:00:00.000Z',
      '2030-01-09T14:00:00.000Z',
      '2030-01-10T14:00:00.000Z',
      '2030-01-11T14:00:00.000Z',
    ]);
    const id = created.schedule.workflow_schedule_id;
    expect((await api.post(`/v1/agents/${wf}/schedules/${id}/disable`)).json).toMatchObject({
      schedule: { enabled: false },
      next_runs: [],
    });
    expect((await api.get('/v1/schedules?status=paused')).json).toMatchObject({
      total_count: 1,
      page: 1,
      page_size: 10,
      schedules: [{ workflow_title: 'Nightly 1', next_run: null }],
    });
    expect((await api.post(`/v1/agents/${wf}/schedules/${id}/enable`)).json.schedule.enabled).toBe(true);
    expect(
      (await api.post(`/v1/agents/${wf}/schedules`, { cron_expression: 'every day', timezone: 'UTC' })).status,
    ).toBe(400);
    expect(
      (await api.post(`/v1/agents/${wf}/schedules`, { cron_expression: '* * * * *', timezone: 'Mars/Olympus' })).status,
    ).toBe(400);
    expect((await api.del(`/v1/agents/${wf}/schedules/${id}`)).json).toEqual({ ok: true });
    expect((await api.get(`/v1/agents/${wf}/schedules/${id}`)).status).toBe(404);
  });
});

describe('scripts, artifacts, sdk actions', () => {
  test('script versions and file tree', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const created = (
      await api.post('/v1/scripts', {
        files: [
          { path: 'src/main.py', content: btoa('print("hi")\n') },
          { path: 'README.md', content: '# hi', encoding: 'utf-8' },
        ],
      })
    ).json;
    expect(created).toMatchObject({ version: 1, file_count: 2 });
    expect(created.script_id).toMatch(/^s_/);
    expect(created.file_tree.src.children['main.py']).toMatchObject({
      type: 'file',
      size: 12,
      mime_type: 'text/x-python',
    });
    expect(created.file_tree['README.md'].content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const deployed = (await api.post(`/v1/scripts/${created.script_id}/deploy`, { files: [] })).json;
    expect(deployed.version).toBe(2);
    expect((await api.get(`/v1/scripts/${created.script_id}`)).json.version).toBe(2);
    const run = (await api.post(`/v1/scripts/${created.script_id}/run`)).json;
    expect(run).toMatchObject({ run_type: 'workflow_run', script_id: created.script_id, run_with: 'code' });
    expect((await api.post('/v1/scripts', { files: [{ path: 'a.py', content: '%%%' }] })).status).toBe(422);
  });

  test('artifacts grow with the run; content by key or by signed URL; ranges', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'x' })).json.run_id;
    expect((await api.get(`/v1/runs/${id}/artifacts`)).json).toEqual([]);
    clock.advance(4000);
    expect((await api.get(`/v1/runs/${id}/artifacts`)).json).toHaveLength(4);
    clock.advance(60_000);
    const all = (await api.get(`/v1/runs/${id}/artifacts`)).json;
    expect(all.map((a: any) => a.artifact_type)).toContain('recording');
    const shots = (await api.get(`/v1/runs/${id}/artifacts?artifact_type=screenshot_final`)).json;
    expect(shots).toHaveLength(1);
    const png = await sim.fetch(`/v1/artifacts/${shots[0].artifact_id}/content`, {
      headers: { 'x-api-key': sim.apiKey },
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([137, 80, 78, 71]);
    // The signed URL works without the key, and not when tampered with.
    expect((await sim.fetch(shots[0].signed_url)).status).toBe(200);
    expect((await sim.fetch(shots[0].signed_url.replace(/signature=../, 'signature=00'))).status).toBe(403);
    expect((await sim.fetch(`/v1/artifacts/${shots[0].artifact_id}/content`)).status).toBe(403);
    const part = await sim.fetch(`/v1/artifacts/${shots[0].artifact_id}/content`, {
      headers: { 'x-api-key': sim.apiKey, range: 'bytes=1-3' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes 1-3\/\d+$/);
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([80, 78, 71]);
    expect((await api.get(`/v1/artifacts/${shots[0].artifact_id}`)).json.artifact_id).toBe(shots[0].artifact_id);
  });

  test('sdk actions answer at once; scenario failures answer 400', async () => {
    const sim = createSimulator({
      scenario: (body, kind) =>
        kind === 'sdk_action' && body.action?.type === 'validate'
          ? { outcome: 'failed', failureReason: 'Element not found' }
          : undefined,
    });
    const api = client(sim);
    const res = (
      await api.post('/v1/sdk/run_action', {
        url: 'https://example.com',
        action: {
          type: 'extract',
          prompt: 'title',
          schema: { type: 'object', properties: { title: { type: 'string' } } },
        },
      })
    ).json;
    expect(res.result).toEqual({ title: 'sample' });
    expect(sim.getRunResponse(res.workflow_run_id)!.status).toBe('completed');
    const again = (
      await api.post('/v1/sdk/run_action', {
        url: 'https://example.com',
        workflow_run_id: res.workflow_run_id,
        action: { type: 'ai_input_text', value: 'abc' },
      })
    ).json;
    expect(again).toEqual({ workflow_run_id: res.workflow_run_id, result: 'abc' });
    const failed = await api.post('/v1/sdk/run_action', { url: 'https://example.com', action: { type: 'validate' } });
    expect(failed).toMatchObject({ status: 400, json: { detail: 'Element not found' } });
  });
});
