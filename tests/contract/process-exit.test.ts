import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A Node process whose only work was a wait must exit by itself once the wait ends:
// no timer, socket or listener left behind keeps it alive. Runs the built packages.
const core = fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url));
const testing = fileURLToPath(new URL('../../packages/testing/dist/index.js', import.meta.url));
const server = fileURLToPath(new URL('../../packages/testing/dist/server.js', import.meta.url));

function runScript(body: string) {
  const script = `
    import { Skyvern, UserAbortError, RunTimeoutError } from ${JSON.stringify(core)};
    import { createSimulator } from ${JSON.stringify(testing)};
    import { serve } from ${JSON.stringify(server)};
    ${body}
  `;
  return new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, out, ms: Date.now() - started });
    });
  });
}

describe('a process whose only work was a wait exits by itself', () => {
  it('after an aborted waitForRun (over real HTTP, default 30 min timeout pending)', async () => {
    const { code, out, ms } = await runScript(`
      const sim = createSimulator();
      const http = await serve(sim);
      const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: http.url });
      const run = await client.runTask({ prompt: 'long [slow]' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 1_500);
      try { await client.waitForRun(run.run_id, { signal: controller.signal }); }
      catch (error) { console.log('rejected', error instanceof UserAbortError); }
      await http.close();
      sim.close();
      // No process.exit: the event loop must be empty now.
    `);
    expect(out).toContain('rejected true');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(12_000);
  });

  it('after a watchRun left with break, and after a RunTimeoutError', async () => {
    const { code, out } = await runScript(`
      const sim = createSimulator();
      const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.local', fetch: sim.fetch });
      const run = await client.runTask({ prompt: 'long [slow]' });
      for await (const seen of client.watchRun(run.run_id, { pollInterval: 200 })) if (seen.status === 'running') break;
      try { await client.waitForRun(run.run_id, { timeout: 1_000, pollInterval: 200 }); }
      catch (error) { console.log('timed out', error instanceof RunTimeoutError); }
      sim.close();
    `);
    expect(out).toContain('timed out true');
    expect(code).toBe(0);
  });
});
