import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSimulator } from '@skyvern-edge/testing';
import { client, manualClock, workflowDefinition } from './helpers/client.js';

describe('run lifecycle on a manual clock', () => {
  test('created → queued → running (steps grow) → completed, computed at each request', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const created = await api.post('/v1/run/tasks', { prompt: 'Find the price', url: 'https://example.com' });
    expect(created.status).toBe(200);
    const id = created.json.run_id as string;
    expect(id).toMatch(/^tsk_v2_\d+$/);
    expect(created.json).toMatchObject({
      status: 'created',
      run_type: 'task_v2',
      step_count: 0,
      app_url: `https://app.skyvern.com/runs/${id}`,
      output: null,
    });

    const at = async (ms: number) => {
      clock.set(Date.parse('2030-01-01T00:00:00Z') + ms);
      return (await api.get(`/v1/runs/${id}`)).json;
    };
    expect((await at(499)).status).toBe('created');
    expect((await at(500)).status).toBe('queued');
    const running = await at(1500);
    expect(running).toMatchObject({
      status: 'running',
      step_count: 1,
      started_at: '2030-01-01T00:00:01.500Z',
      queued_at: '2030-01-01T00:00:00.500Z',
    });
    expect((await at(1500 + 2000)).step_count).toBe(2);
    expect((await at(1500 + 7999)).step_count).toBe(4);
    const done = await at(1500 + 10_000);
    expect(done).toMatchObject({ status: 'completed', finished_at: '2030-01-01T00:00:11.500Z', failure_reason: null });
    expect(done.output).toEqual({ result: 'Simulated result for: Find the price', prompt_echo: 'Find the price' });
    expect(done.step_count).toBe(6);
    // Terminal is final: time moving on changes nothing.
    expect(await at(1_000_000)).toEqual(done);
  });

  test('engine picks the run type; the default engine is skyvern-2.0', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const types: Record<string, string> = {
      'skyvern-1.0': 'task_v1',
      'skyvern-2.0': 'task_v2',
      'openai-cua': 'openai_cua',
      'anthropic-cua': 'anthropic_cua',
      'ui-tars': 'ui_tars',
    };
    for (const [engine, runType] of Object.entries(types)) {
      const res = await api.post('/v1/run/tasks', { prompt: 'x', engine });
      expect(res.json.run_type).toBe(runType);
      expect(res.json.run_id.startsWith(runType === 'task_v2' ? 'tsk_v2_' : 'tsk_')).toBe(true);
    }
    expect((await api.post('/v1/run/tasks', { prompt: 'x' })).json.run_request.engine).toBe('skyvern-2.0');
    expect((await api.post('/v1/run/tasks', { prompt: 'x', engine: 'skyvern-9' })).status).toBe(422);
  });

  test('prompt markers: [fail] [terminate] [timeout] [fast] [slow]', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const start = async (prompt: string) => (await api.post('/v1/run/tasks', { prompt })).json.run_id as string;
    const fail = await start('Buy it [fail]');
    const term = await start('Buy it [terminate]');
    const timeout = await start('Buy it [timeout]');
    const fast = await start('Quick [fast]');
    const slow = await start('Long [slow]');
    clock.advance(1500 + 1000);
    expect(sim.getRunResponse(fast)!.status).toBe('completed');
    expect(sim.getRunResponse(fail)!.status).toBe('running');
    clock.advance(9000);
    const failed = sim.getRunResponse(fail)!;
    expect(failed.status).toBe('failed');
    expect(failed.failure_reason).toMatch(/Simulated failure/);
    expect(failed.output).toBeNull();
    expect(sim.getRunResponse(term)!.status).toBe('terminated');
    expect(sim.getRunResponse(timeout)!.status).toBe('timed_out');
    expect(sim.getRunResponse(slow)!.status).toBe('running');
    clock.advance(60_000);
    expect(sim.getRunResponse(slow)!.status).toBe('completed');
  });

  test('[pause] pauses mid-run, then resumes and completes later', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const id = (await client(sim).post('/v1/run/tasks', { prompt: 'Needs a human [pause]' })).json.run_id;
    const statuses: string[] = [];
    for (let ms = 0; ms <= 20_000; ms += 500) {
      const status = sim.getRunResponse(id)!.status;
      if (statuses[statuses.length - 1] !== status) statuses.push(status);
      clock.advance(500);
    }
    expect(statuses).toEqual(['created', 'queued', 'running', 'paused', 'running', 'completed']);
    // Paused for 3 s: finished 3 s later than an unpaused run.
    expect(sim.getRunResponse(id)!.finished_at).toBe('2030-01-01T00:00:14.500Z');
  });

  test('the scenario option decides outcome, timing, output and even unknown statuses', async () => {
    const clock = manualClock();
    const sim = createSimulator({
      now: clock.now,
      runTimeline: { queuedAfterMs: 0, runningAfterMs: 0, stepEveryMs: 100 },
      scenario: (body, kind) =>
        kind === 'task' && body.prompt === 'think'
          ? { status: 'thinking', durationMs: 1000, output: { answer: 42 } }
          : undefined,
    });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'think' })).json.run_id;
    clock.advance(10);
    expect(sim.getRunResponse(id)!.status).toBe('thinking');
    clock.advance(1000);
    expect(sim.getRunResponse(id)).toMatchObject({ status: 'completed', output: { answer: 42 }, step_count: 11 });
    // Undecided: markers still work.
    const other = (await api.post('/v1/run/tasks', { prompt: 'x [fail]' })).json.run_id;
    clock.advance(20_000);
    expect(sim.getRunResponse(other)!.status).toBe('failed');
  });

  test('paused with no resume stays paused until canceled', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now, scenario: () => ({ pauseAtMs: 2000 }) });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'wait' })).json.run_id;
    clock.advance(3_600_000);
    expect(sim.getRunResponse(id)!.status).toBe('paused');
    expect((await api.post(`/v1/runs/${id}/cancel`)).status).toBe(200);
    expect(sim.getRunResponse(id)).toMatchObject({ status: 'canceled', failure_reason: null });
  });

  test('data_extraction_schema gives sample output of that shape', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const schema = {
      type: 'object',
      properties: {
        price: { type: 'number' },
        items: { type: 'array', items: { type: 'string' } },
        currency: { enum: ['USD', 'EUR'] },
      },
    };
    const id = (await client(sim).post('/v1/run/tasks', { prompt: 'Extract', data_extraction_schema: schema })).json
      .run_id;
    clock.advance(60_000);
    expect(sim.getRunResponse(id)!.output).toEqual({ price: 1.5, items: ['sample'], currency: 'USD' });
  });
});

describe('cancel', () => {
  test('cancel sets canceled at once; canceling a terminal run changes nothing', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'x' })).json.run_id;
    clock.advance(2000);
    const res = await api.post(`/v1/runs/${id}/cancel`);
    expect(res.status).toBe(200);
    const run = (await api.get(`/v1/runs/${id}`)).json;
    expect(run).toMatchObject({ status: 'canceled', finished_at: '2030-01-01T00:00:02.000Z', step_count: 1 });
    clock.advance(60_000);
    expect((await api.get(`/v1/runs/${id}`)).json.status).toBe('canceled');

    const done = (await api.post('/v1/run/tasks', { prompt: 'y [fast]' })).json.run_id;
    clock.advance(60_000);
    await api.post(`/v1/runs/${done}/cancel`);
    expect((await api.get(`/v1/runs/${done}`)).json.status).toBe('completed');
    expect((await api.post('/v1/runs/nope/cancel')).status).toBe(404);
  });

  test('bulk cancel reports what it canceled and what it could not', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const a = (await api.post('/v1/run/tasks', { prompt: 'a' })).json.run_id;
    const b = (await api.post('/v1/run/tasks', { prompt: 'b [fast]' })).json.run_id;
    clock.advance(5000);
    const res = await api.post('/v1/runs/cancel', { run_ids: [a, b, 'tsk_missing'] });
    expect(res.json).toEqual({ cancelled: [a], failed: [b, 'tsk_missing'] });
    expect(
      (await api.post('/v1/runs/cancel', { run_ids: Array.from({ length: 101 }, (_, i) => `r${i}`) })).status,
    ).toBe(422);
  });

  test('completeRun forces a terminal status now', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const id = (await client(sim).post('/v1/run/tasks', { prompt: 'x [slow]' })).json.run_id;
    sim.completeRun(id, 'failed', { failureReason: 'Blocked by a captcha' });
    expect(sim.getRunResponse(id)).toMatchObject({ status: 'failed', failure_reason: 'Blocked by a captcha' });
    const other = (await client(sim).post('/v1/run/tasks', { prompt: 'y' })).json.run_id;
    sim.completeRun(other, undefined, { output: { ok: true } });
    expect(sim.getRunResponse(other)).toMatchObject({ status: 'completed', output: { ok: true } });
    expect(() => sim.completeRun('nope')).toThrow(/Unknown run/);
  });
});

describe('workflow runs', () => {
  test('run, list, retry; blocks show on the timeline', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const wf = (await api.post('/v1/agents', workflowDefinition('Checkout', ['login', 'add_to_cart', 'pay']))).json;
    const run = (
      await api.post('/v1/run/agents', {
        agent_id: wf.workflow_permanent_id,
        parameters: { url: 'https://shop.example' },
      })
    ).json;
    expect(run).toMatchObject({ run_type: 'workflow_run', status: 'created', run_with: 'agent' });
    expect(run.run_id).toMatch(/^wr_\d+$/);
    expect(run.run_request.workflow_id).toBe(wf.workflow_permanent_id);
    clock.advance(1500 + 4000);
    const timeline = (await api.get(`/v1/runs/${run.run_id}/timeline`)).json;
    expect(timeline.map((t: any) => [t.block.label, t.block.status])).toEqual([
      ['login', 'completed'],
      ['add_to_cart', 'running'],
    ]);
    clock.advance(60_000);
    const final = (await api.get(`/v1/runs/${run.run_id}`)).json;
    expect(final.output).toEqual({
      login_output: { result: 'Simulated output of block login' },
      add_to_cart_output: { result: 'Simulated output of block add_to_cart' },
      pay_output: { result: 'Simulated output of block pay' },
    });
    const retry = (await api.post(`/v1/agents/runs/${run.run_id}/retry`)).json;
    expect(retry.run_id).not.toBe(run.run_id);
    expect(retry.status).toBe('created');
    const list = (await api.get(`/v1/agents/${wf.workflow_permanent_id}/runs`)).json;
    expect(list.map((r: any) => r.workflow_run_id)).toEqual([retry.run_id, run.run_id]);
    expect((await api.post('/v1/run/agents', { agent_id: 'wpid_missing' })).status).toBe(404);
  });

  test('login and download_files start workflow runs (as the spec answers WorkflowRunResponse)', async () => {
    const clock = manualClock();
    const sim = createSimulator({ now: clock.now });
    const api = client(sim);
    const login = (
      await api.post('/v1/run/tasks/login', { credential_type: 'skyvern', url: 'https://example.com/login' })
    ).json;
    const download = (await api.post('/v1/run/tasks/download_files', { navigation_goal: 'Download the invoice' })).json;
    expect(login.run_type).toBe('workflow_run');
    expect(download.run_type).toBe('workflow_run');
    clock.advance(60_000);
    const done = (await api.get(`/v1/runs/${download.run_id}`)).json;
    expect(done.status).toBe('completed');
    expect(done.downloaded_files).toHaveLength(1);
    const artifacts = (await api.get(`/v1/runs/${download.run_id}/artifacts?artifact_type=download`)).json;
    expect(artifacts).toHaveLength(1);
  });
});

describe('vitest fake timers drive the default clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('status follows Date.now under fake timers', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const sim = createSimulator();
    const api = client(sim);
    const id = (await api.post('/v1/run/tasks', { prompt: 'x' })).json.run_id;
    expect((await api.get(`/v1/runs/${id}`)).json.status).toBe('created');
    vi.advanceTimersByTime(2000);
    expect((await api.get(`/v1/runs/${id}`)).json.status).toBe('running');
    vi.advanceTimersByTime(10_000);
    expect((await api.get(`/v1/runs/${id}`)).json.status).toBe('completed');
    sim.close();
  });
});
