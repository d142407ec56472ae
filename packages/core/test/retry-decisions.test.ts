import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it } from 'vitest';
import * as op from '../src/generated/operations.js';
import type { OperationDescriptor } from '../src/index.js';
import { ConflictError, ConnectionError, NotFoundError, Skyvern, ValidationError } from '../src/index.js';
import { json, makeClient, reset, stubFetch } from './helpers.js';

const descriptors = Object.values(op) as OperationDescriptor[];
describe('retry decisions per operation (scripts/operation-config.mjs)', () => {
  it('every decision has a reason and reaches its descriptor', async () => {
    const config = (await import(new URL('../../../scripts/operation-config.mjs', import.meta.url).href)) as {
      retryDecisions: Record<string, Record<string, unknown>>;
    };
    const entries = Object.entries(config.retryDecisions);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const spec = (await import('../../../spec/skyvern-openapi.json', { with: { type: 'json' } })).default as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    for (const [id, decision] of entries) {
      expect(typeof decision.reason, id).toBe('string');
      expect((decision.reason as string).length, id).toBeGreaterThan(30);
      const [path, method] = Object.entries(spec.paths)
        .flatMap(([p, item]) => Object.entries(item).map(([m, o]) => [p, m, o.operationId]))
        .find(([, , operationId]) => operationId === id)!;
      const descriptor = descriptors.find((d) => d.path === path && d.method === method!.toUpperCase())!;
      expect(descriptor, id).toBeDefined();
      if ('idempotent' in decision) expect(descriptor.idempotent ?? true, id).toBe(decision.idempotent);
      expect(Boolean(descriptor.notFoundIsDone), id).toBe(Boolean(decision.notFoundIsDone));
    }
  });

  const onceCalls: [string, (client: Skyvern) => Promise<unknown>][] = [
    ['renameTagValue', (c) => c.renameTagValue('team', { value: 'a', new_value: 'b' })],
    ['deleteRunTag', (c) => c.deleteRunTag('wr_1', 'team')],
    ['deleteWorkflowTag', (c) => c.deleteWorkflowTag('wpid_1', 'team')],
  ];
  for (const [name, call] of onceCalls) {
    it(`${name} is not repeated after a lost answer (reset after sending)`, async () => {
      const { fetch, calls } = stubFetch(reset(), json({}));
      await expect(call(makeClient(fetch))).rejects.toBeInstanceOf(ConnectionError);
      expect(calls).toHaveLength(1);
    });

    it(`${name} is still retried after a 429`, async () => {
      const { fetch, calls } = stubFetch(json({ detail: 'slow' }, 429, { 'retry-after': '0' }), json({}));
      await call(makeClient(fetch));
      expect(calls).toHaveLength(2);
    });
  }
});

describe('a repeated delete that finds 404', () => {
  function setup() {
    const sim = createSimulator();
    const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch });
    return { sim, client };
  }

  it('deleteBrowserProfile: the answer was lost, the repeat gets 404, the call resolves as done', async () => {
    const { sim, client } = setup();
    const [profile] = sim.seedBrowserProfiles(1);
    sim.inject({ type: 'reset-after-processing' }, { match: { method: 'DELETE' } });
    await expect(client.deleteBrowserProfile(profile!.browser_profile_id)).resolves.toBeUndefined();
    expect(sim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(sim.browserProfiles.get(profile!.browser_profile_id)!.deleted_at).toBeTruthy();
    await expect(client.getBrowserProfile(profile!.browser_profile_id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deleteBrowserProfile of an unknown id still fails with NotFoundError (no lost answer before it)', async () => {
    const { client } = setup();
    await expect(client.deleteBrowserProfile('bp_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deleteFolder answers a body: a 404 on the repeat is not taken as done', async () => {
    const { sim, client } = setup();
    const [folder] = sim.seedFolders(1);
    sim.inject({ type: 'reset-after-processing' }, { match: { method: 'DELETE' } });
    await expect(client.deleteFolder(folder!.folder_id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('createWorkflow with its Idempotency-Key', () => {
  const definition = { json_definition: { title: 'x' } } as never;
  const inProgress = () => json({ detail: 'A request with this Idempotency-Key is still in progress' }, 409);

  it('retries a 409 "still in progress" later, with the same key', async () => {
    const { fetch, calls } = stubFetch(inProgress(), json({ workflow_permanent_id: 'wpid_1' }));
    await expect(makeClient(fetch).createWorkflow(definition)).resolves.toMatchObject({
      workflow_permanent_id: 'wpid_1',
    });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get('idempotency-key')).toBe(calls[0]!.headers.get('idempotency-key'));
  });

  it('a call without a key (runTask) does not retry a 409', async () => {
    const { fetch, calls } = stubFetch(inProgress(), json({}));
    await expect(makeClient(fetch).runTask({ prompt: 'p' })).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toHaveLength(1);
  });

  it('the idempotencyKey option is sent on every attempt and wins over a header', async () => {
    const { fetch, calls } = stubFetch(json({}, 503, { 'retry-after': '0' }), json({ workflow_permanent_id: 'w' }));
    await makeClient(fetch).createWorkflow(definition, {
      idempotencyKey: 'order-42',
      headers: { 'Idempotency-Key': 'other' },
    });
    expect(calls.map((c) => c.headers.get('idempotency-key'))).toEqual(['order-42', 'order-42']);
  });

  it('one idempotencyKey makes two calls create one workflow (simulator)', async () => {
    const sim = createSimulator();
    const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch });
    const body = {
      json_definition: { title: 'nightly', workflow_definition: { parameters: [], blocks: [] } },
    } as never;
    const a = await client.createWorkflow(body, { idempotencyKey: 'nightly-v1' });
    const b = await client.createWorkflow(body, { idempotencyKey: 'nightly-v1' });
    expect(b.workflow_permanent_id).toBe(a.workflow_permanent_id);
    expect([...sim.workflows.values()].filter((w) => !w.deleted)).toHaveLength(1);
  });

  it('idempotencyKey is refused where Skyvern does not de-duplicate, and when not a header value', async () => {
    const { fetch, calls } = stubFetch(json({}));
    const client = makeClient(fetch);
    await expect(client.runTask({ prompt: 'p' }, { idempotencyKey: 'k' })).rejects.toThrow(ValidationError);
    await expect(client.runTask({ prompt: 'p' }, { idempotencyKey: 'k' })).rejects.toMatchObject({
      field: 'options.idempotencyKey',
    });
    await expect(client.createWorkflow(definition, { idempotencyKey: 'a\nb' })).rejects.toMatchObject({
      field: 'options.idempotencyKey',
    });
    await expect(client.createWorkflow(definition, { idempotencyKey: '' })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
  });
});
