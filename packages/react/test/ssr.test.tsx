// @vitest-environment node
import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it, vi } from 'vitest';

describe('server rendering', () => {
  it('importing the package defines exports and does nothing else', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    // The peers first: importing core runs ky's module-level feature test (a `new Request`),
    // which makes Node define an undici global symbol. That is core's, not this package's.
    await import('@skyvern-edge/core');
    await import('@tanstack/query-core');
    await import('react');
    const globalsBefore = new Set(Reflect.ownKeys(globalThis));
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const mod = await import('@skyvern-edge/react');
    expect(Object.keys(mod).sort()).toEqual(
      [
        'RunOutcomeUnknownError',
        'SkyvernProvider',
        'browserSessionQueryOptions',
        'cancelRunMutationOptions',
        'closeBrowserSessionMutationOptions',
        'createBrowserSessionMutationOptions',
        'createSkyvernQueryClient',
        'isTransientError',
        'runQueryOptions',
        'runTaskMutationOptions',
        'runWorkflowMutationOptions',
        'skyvernKeys',
        'useBrowserSession',
        'useRun',
        'useRunTask',
        'useRunWorkflow',
        'useSkyvernClient',
        'useSkyvernQueryClient',
      ].sort(),
    );
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(setIntervalSpy).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
    const added = Reflect.ownKeys(globalThis).filter((k) => !globalsBefore.has(k));
    expect(added).toEqual([]);
    vi.restoreAllMocks();
  });

  it("renderToString renders the hooks' initial state and sends no request", async () => {
    const { renderToString } = await import('react-dom/server');
    const { Skyvern } = await import('@skyvern-edge/core');
    const { SkyvernProvider, useRun, useRunTask, useBrowserSession } = await import('@skyvern-edge/react');
    const sim = createSimulator();
    const client = new Skyvern({
      apiKey: sim.apiKey,
      baseUrl: 'http://sim.local',
      fetch: (input, init) => sim.fetch(input, init),
    });
    function Page() {
      const run = useRun('tsk_123');
      const task = useRunTask();
      const session = useBrowserSession({ create: true, closeOnUnmount: true });
      return <p>{`${run.isLoading ? 'loading' : 'idle'} ${task.isRunning} ${session.liveUrl ?? 'no-session'}`}</p>;
    }
    const html = renderToString(
      <SkyvernProvider client={client}>
        <Page />
      </SkyvernProvider>,
    );
    expect(html).toBe('<p>loading false no-session</p>');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.requests).toHaveLength(0);
    sim.close();
  });
});
