// @vitest-environment happy-dom
// The README's component examples, type-checked (tsc -p packages/react) and rendered against the simulator.
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkyvernProvider, useBrowserSession, useRun, useRunTask, useRunWorkflow } from '@skyvern-edge/react';
import { setup, waitLong, type Setup } from './helpers.js';

afterEach(cleanup);

function RunStatus({ runId }: { runId: string | null }) {
  const { run, status, isTerminal, isLoading, error, refetch } = useRun(runId, { pollInterval: 100 });
  if (!runId) return <p>No run selected.</p>;
  if (isLoading) return <p>Loading…</p>;
  if (error)
    return (
      <p role="alert">
        {error.name}: {error.message}
      </p>
    );
  return (
    <section>
      <p>
        {status} · {run?.step_count ?? 0} steps {isTerminal ? '(finished)' : '(polling…)'}
      </p>
      {run?.status === 'completed' && <pre>{JSON.stringify(run.output, null, 2)}</pre>}
      {run?.failure_reason && <p>{run.failure_reason}</p>}
      <button onClick={() => refetch()}>Refresh</button>
    </section>
  );
}

function PriceChecker({ onCompleted }: { onCompleted: (output: unknown) => void }) {
  const { runTask, run, status, isRunning, error, cancel, reset } = useRunTask({
    onCompleted: (run) => onCompleted(run.output),
    pollInterval: 100,
  });
  return (
    <section>
      <button
        disabled={isRunning}
        onClick={() =>
          runTask({
            prompt: 'Find the price of the first product and return it as { price }',
            url: 'https://example.com/shop',
          })
        }
      >
        Check price
      </button>
      {isRunning && <button onClick={() => cancel()}>Cancel</button>}
      <button onClick={reset}>Clear</button>
      {status && <p>Status: {status}</p>}
      {run?.status === 'completed' && <pre>{JSON.stringify(run.output)}</pre>}
      {error && <p role="alert">{error.message}</p>}
    </section>
  );
}

function InvoiceDownloader({ agentId }: { agentId: string }) {
  const { runWorkflow, run, status, isRunning, error, cancel } = useRunWorkflow({
    onCompleted: (run) => void run.downloaded_files,
    pollInterval: 100,
  });
  return (
    <section>
      <button disabled={isRunning} onClick={() => runWorkflow({ agent_id: agentId, parameters: { month: '2025-01' } })}>
        Download invoices
      </button>
      {isRunning && <button onClick={() => cancel()}>Cancel</button>}
      <p>{status ?? 'Not started'}</p>
      {run?.status === 'completed' && <pre>{JSON.stringify(run.output, null, 2)}</pre>}
      {error && <p role="alert">{error.message}</p>}
    </section>
  );
}

function LiveBrowser() {
  const { session, status, liveUrl, isCreating, error, close, runTask } = useBrowserSession({
    create: { timeout: 30 },
  });
  const [runId, setRunId] = useState<string | null>(null);
  const { status: runStatus } = useRun(runId, { pollInterval: 100 });
  if (error) return <p role="alert">{error.message}</p>;
  if (isCreating || !session) return <p>Starting a browser…</p>;
  return (
    <section>
      <p>
        Session {session.browser_session_id}: {status}
      </p>
      {liveUrl && (
        <a href={liveUrl} target="_blank" rel="noreferrer">
          Watch it live
        </a>
      )}
      <button
        onClick={async () => {
          const run = await runTask({ prompt: 'Log in and open the dashboard', url: 'https://example.com' });
          setRunId(run.run_id);
        }}
      >
        Run a task in this browser
      </button>
      {runStatus && <p>Task: {runStatus}</p>}
      <button onClick={() => close()}>Close browser</button>
    </section>
  );
}

const inProvider = (s: Setup, ui: React.ReactNode) =>
  render(
    <SkyvernProvider client={s.client} queryClient={s.queryClient}>
      {ui}
    </SkyvernProvider>,
  );

describe('README examples', () => {
  it('RunStatus', async () => {
    const s = setup();
    const { run_id } = await s.client.runTask({ prompt: 'p', url: 'https://example.com' });
    inProvider(s, <RunStatus runId={run_id} />);
    await waitLong(() => expect(screen.getByText(/^completed · \d+ steps \(finished\)$/)).toBeTruthy());
    cleanup();
    inProvider(s, <RunStatus runId="tsk_missing" />);
    await waitLong(() => expect(screen.getByRole('alert').textContent).toMatch(/^NotFoundError: 404/));
  });

  it('PriceChecker', async () => {
    const s = setup();
    const onCompleted = vi.fn();
    inProvider(s, <PriceChecker onCompleted={onCompleted} />);
    await act(async () => screen.getByText('Check price').click());
    await waitLong(() => expect(screen.getByText('Status: completed')).toBeTruthy());
    await waitLong(() => expect(onCompleted).toHaveBeenCalledTimes(1));
  });

  it('InvoiceDownloader', async () => {
    const s = setup();
    const [workflow] = s.sim.seedWorkflows(1);
    inProvider(s, <InvoiceDownloader agentId={workflow!.workflow_permanent_id} />);
    await act(async () => screen.getByText('Download invoices').click());
    await waitLong(() => expect(screen.getByText('completed')).toBeTruthy());
  });

  it('LiveBrowser', async () => {
    const s = setup();
    const { unmount } = inProvider(s, <LiveBrowser />);
    await waitLong(() =>
      expect(screen.getByText('Watch it live').getAttribute('href')).toMatch(/\/browser-session\/pbs_/),
    );
    await act(async () => screen.getByText('Run a task in this browser').click());
    await waitLong(() => expect(screen.getByText('Task: completed')).toBeTruthy());
    unmount();
    const [session] = [...s.sim.sessions.values()];
    await waitLong(() => expect(session!.record.status).toBe('closed'));
  });
});
