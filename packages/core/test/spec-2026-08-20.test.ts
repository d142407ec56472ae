// What the 2026-08-20 spec added (issue 16), end to end against the simulator.
import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { NotFoundError, type Run, Skyvern, type TaskRunResponse, ValidationError } from '../src/index.js';

function setup() {
  const sim = createSimulator({ now: () => Date.parse('2030-01-01T00:00:00Z') });
  const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch, maxRetries: 0 });
  return { sim, client };
}

describe('the 2026-08-20 spec', () => {
  it('uploadFile sends retention_days and answers file_id and expires_at; deleteFile deletes it', async () => {
    const { sim, client } = setup();
    const uploaded = await client.uploadFile({ data: 'hello', filename: 'a.txt' }, { retention_days: 3 });
    expect(uploaded.expires_at).toBe('2030-01-04T00:00:00.000Z');
    expect(sim.uploads.get(uploaded.s3_uri)?.retentionDays).toBe('3');
    await expect(client.deleteFile(uploaded.file_id!)).resolves.toBeUndefined();
    expect(sim.uploads.size).toBe(0);
    await expect(client.deleteFile(uploaded.file_id!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('uploadFile(file, options) still takes request options second', async () => {
    const { sim, client } = setup();
    const controller = new AbortController();
    const uploaded = await client.uploadFile(new Uint8Array([1]), { signal: controller.signal, timeout: 5_000 });
    expect(uploaded.expires_at).toBeNull();
    expect(sim.requests).toHaveLength(1);
  });

  it('uploadFile refuses a retention_days that is not an integer, and unknown fields, before sending', async () => {
    const { sim, client } = setup();
    await expect(client.uploadFile(new Uint8Array([1]), { retention_days: 1.5 })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'retention_days',
    });
    await expect(client.uploadFile(new Uint8Array([1]), { retention: 3 } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('getBrowserProfileUsage lists the workflows that use a profile', async () => {
    const { client } = setup();
    const profile = await client.createBrowserProfile({ name: 'Shared' });
    const workflow = await client.createWorkflow({
      json_definition: {
        title: 'Uses the profile',
        browser_profile_id: profile.browser_profile_id,
        workflow_definition: { parameters: [], blocks: [] },
      },
    });
    const usage = await client.getBrowserProfileUsage(profile.browser_profile_id);
    expect(usage.workflows).toEqual([
      { workflow_permanent_id: workflow.workflow_permanent_id, title: 'Uses the profile', via: 'workflow' },
    ]);
    expect(usage.credentials).toEqual([]);
  });

  it('createTagValue registers a label (409 on a repeat); getRunTagSuggestions reads the run-tag log', async () => {
    const { client } = setup();
    const created = await client.createTagValue({ key: 'env', value: 'prod', color: 'green' });
    expect(created).toMatchObject({ key: 'env', value: 'prod', color: 'green', workflow_count: 0 });
    expect(await client.listTagValues({ key: 'env' })).toEqual([created]);
    await expect(client.createTagValue({ key: 'env', value: 'prod' })).rejects.toMatchObject({ status: 409 });
    const run = await client.runWorkflow({
      agent_id: (
        await client.createWorkflow({
          json_definition: { title: 'T', workflow_definition: { parameters: [], blocks: [] } },
        })
      ).workflow_permanent_id,
    });
    await client.applyRunTags(run.run_id, { tags: [{ key: 'env', value: 'prod' }, { value: 'nightly' }] });
    expect(await client.getRunTagSuggestions()).toEqual({
      keys: ['env'],
      values_by_key: { env: ['prod'] },
      labels: ['nightly'],
    });
  });

  it('getRuns filters by workflow_permanent_id[] and tags[], sent as repeated query parameters', async () => {
    const { sim, client } = setup();
    const definition = (title: string) => ({
      json_definition: { title, workflow_definition: { parameters: [], blocks: [] } },
    });
    const a = (await client.createWorkflow(definition('A'))).workflow_permanent_id;
    const b = (await client.createWorkflow(definition('B'))).workflow_permanent_id;
    const c = (await client.createWorkflow(definition('C'))).workflow_permanent_id;
    const runA = (await client.runWorkflow({ agent_id: a })).run_id;
    const runB = (await client.runWorkflow({ agent_id: b })).run_id;
    await client.runWorkflow({ agent_id: c });
    await client.runTask({ prompt: 'not a workflow run' });
    await client.applyRunTags(runA, { tags: [{ key: 'env', value: 'prod' }] });
    await client.applyRunTags(runB, { tags: [{ key: 'env', value: 'staging' }] });

    const byWorkflow = await client.getRuns({ workflow_permanent_id: [a, b] });
    expect(byWorkflow.map((r) => r.run_id).sort()).toEqual([runA, runB].sort());
    const last = sim.requests.at(-1)!;
    expect(new URLSearchParams(last.search).getAll('workflow_permanent_id')).toEqual([a, b]);

    // OR within a group, AND across groups.
    expect((await client.getRuns({ tags: ['env:prod', 'env:staging'] })).map((r) => r.run_id).sort()).toEqual(
      [runA, runB].sort(),
    );
    expect((await client.getRuns({ tags: ['env:prod'], workflow_permanent_id: [b] })).map((r) => r.run_id)).toEqual([]);
    expect(new URLSearchParams(sim.requests.at(-1)!.search).getAll('tags')).toEqual(['env:prod']);
  });

  it("engine 'skyvern-3.0' starts a task_v3 run, which narrows to a task run", async () => {
    const { client } = setup();
    const started = await client.runTask({ prompt: 'newest engine', engine: 'skyvern-3.0' });
    const run: Run = await client.getRun(started.run_id);
    expect(run.run_type).toBe('task_v3');
    if (run.run_type !== 'workflow_run') {
      expectTypeOf(run).toEqualTypeOf<TaskRunResponse>();
      expect(run.run_request?.engine).toBe('skyvern-3.0');
    } else {
      throw new Error('a task_v3 run narrowed to a workflow run');
    }
    if (run.run_type === 'task_v3') expectTypeOf(run).toEqualTypeOf<TaskRunResponse>();
  });
});
