import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it } from 'vitest';
import { Skyvern } from '@skyvern-edge/core';

// The README's simulator snippet, as written there.
describe('README: testing your code with the simulator', () => {
  it('runs as documented', async () => {
    const sim = createSimulator({ runTimeline: { durationMs: 2_000 } });
    const skyvern = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.local', fetch: sim.fetch });
    const run = await skyvern.runTask(
      { prompt: 'fail on purpose [fail]' },
      { waitForCompletion: true, pollInterval: 200 },
    );
    expect(run.status).toBe('failed');
    expect(sim.requests.length).toBeGreaterThan(1);
    sim.inject({ status: 503, headers: { 'retry-after': '0' } }, { match: { method: 'GET' }, times: 1 });
    await expect(skyvern.getRun(run.run_id)).resolves.toMatchObject({ status: 'failed' });
    expect(sim.requests.filter((r) => r.method === 'GET').at(-2)?.fault).toBeDefined();
    sim.close();
  });
});
