import { describe, expect, test } from 'vitest';
import { createSimulator } from '@skyvern-edge/testing';
import { client } from './helpers/client.js';

async function pages(api: ReturnType<typeof client>, path: string, pageSize: number, idOf: (item: any) => string) {
  const sizes: number[] = [];
  const ids: string[] = [];
  for (let page = 1; page <= 10; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.get(`${path}${sep}page=${page}&page_size=${pageSize}`);
    expect(res.status).toBe(200);
    sizes.push(res.json.length);
    ids.push(...res.json.map(idOf));
    if (res.json.length === 0) break;
  }
  return { sizes, ids };
}

describe('pagination over seeded data', () => {
  test('120 workflows, page_size 50: 50, 50, 20, then empty; no repeats; newest first', async () => {
    const sim = createSimulator();
    const seeded = sim.seedWorkflows(120);
    const { sizes, ids } = await pages(client(sim), '/v1/agents', 50, (w) => w.workflow_permanent_id);
    expect(sizes).toEqual([50, 50, 20, 0]);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toEqual(seeded.map((w) => w.workflow_permanent_id).reverse());
  });

  test('the default page size is the spec default (10)', async () => {
    const sim = createSimulator();
    sim.seedWorkflows(15);
    expect((await client(sim).get('/v1/agents')).json).toHaveLength(10);
    expect((await client(sim).get('/v1/agents?page=2')).json).toHaveLength(5);
  });

  test('runs, browser profiles, credentials, folders and scripts paginate too', async () => {
    const sim = createSimulator();
    sim.seedRuns(23);
    sim.seedBrowserProfiles(23);
    sim.seedCredentials(23);
    sim.seedFolders(23);
    sim.seedScripts(23);
    const api = client(sim);
    expect((await pages(api, '/v1/runs', 10, (r) => r.run_id)).sizes).toEqual([10, 10, 3, 0]);
    expect((await pages(api, '/v1/browser_profiles', 10, (p) => p.browser_profile_id)).sizes).toEqual([10, 10, 3, 0]);
    expect((await pages(api, '/v1/credentials', 10, (c) => c.credential_id)).sizes).toEqual([10, 10, 3, 0]);
    expect((await pages(api, '/v1/folders', 10, (f) => f.folder_id)).sizes).toEqual([10, 10, 3, 0]);
    expect((await pages(api, '/v1/scripts', 10, (s) => s.script_id)).sizes).toEqual([10, 10, 3, 0]);
  });

  test('seeded runs are terminal and filterable', async () => {
    const sim = createSimulator();
    sim.seedRuns(5);
    sim.seedRuns(4, { status: 'failed' });
    sim.seedRuns(3, { kind: 'workflow', status: 'canceled' });
    const api = client(sim);
    expect((await api.get('/v1/runs?status=failed&page_size=100')).json).toHaveLength(4);
    expect((await api.get('/v1/runs?status=canceled&page_size=100')).json).toHaveLength(3);
    expect((await api.get('/v1/runs?run_type=workflow_run&page_size=100')).json).toHaveLength(3);
    expect((await api.get('/v1/agents/runs?status=canceled')).json).toHaveLength(3);
    const wfRuns = await pages(api, '/v1/agents/runs', 2, (r) => r.workflow_run_id);
    expect(wfRuns.sizes).toEqual([2, 1, 0]);
  });

  test('filters: search, folder, status, tags, include_deleted', async () => {
    const sim = createSimulator();
    const api = client(sim);
    const folder = sim.seedFolders(1)[0]!;
    sim.seedWorkflows(3, { prefix: 'Invoice' });
    sim.seedWorkflows(2, { prefix: 'Checkout', folderId: folder.folder_id });
    expect((await api.get('/v1/agents?search_key=invoice')).json).toHaveLength(3);
    expect((await api.get(`/v1/agents?folder_id=${folder.folder_id}`)).json).toHaveLength(2);
    expect((await api.get('/v1/agents?status=draft')).json).toHaveLength(0);
    const first = (await api.get('/v1/agents')).json[0];
    await api.post(`/v1/agents/${first.workflow_permanent_id}/tags`, { tags: [{ key: 'env', value: 'prod' }] });
    expect((await api.get('/v1/agents?tags=env:prod')).json).toHaveLength(1);
    expect((await api.get('/v1/agents?tags=env:*')).json).toHaveLength(1);
    expect((await api.get('/v1/folders')).json[0].workflow_count).toBe(2);

    const profiles = sim.seedBrowserProfiles(3);
    await api.del(`/v1/browser_profiles/${profiles[0]!.browser_profile_id}`);
    expect((await api.get('/v1/browser_profiles')).json).toHaveLength(2);
    expect((await api.get('/v1/browser_profiles?include_deleted=true')).json).toHaveLength(3);
    expect((await api.get(`/v1/browser_profiles/${profiles[0]!.browser_profile_id}`)).status).toBe(404);
  });
});
