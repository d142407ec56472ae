import { useRun } from '@skyvern-edge/react';
import { useState, type FormEvent } from 'react';

/** Pick a run up again by its id (after a reload, from a link, from another tab): useRun follows it. */
export function ResumePanel() {
  const [draft, setDraft] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const { run, status, isTerminal, isStopped, error, resume } = useRun(runId, { pollInterval: 1_000 });

  const follow = (event: FormEvent) => {
    event.preventDefault();
    setRunId(draft.trim() || null);
  };

  return (
    <section aria-labelledby="resume-title" data-testid="resume-panel">
      <h2 id="resume-title">Follow a run by id</h2>
      <form onSubmit={follow}>
        <label>
          Run id
          <input
            data-testid="resume-run-id"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="tsk_… or wr_…"
            required
          />
        </label>
        <div className="buttons">
          <button data-testid="resume-follow" type="submit">
            Follow
          </button>
          {isStopped && (
            <button data-testid="resume-retry" type="button" onClick={() => void resume()}>
              Try again
            </button>
          )}
        </div>
      </form>
      <dl>
        <dt>Status</dt>
        <dd data-testid="resume-status" data-status={status ?? (runId ? 'loading' : 'idle')}>
          {status ?? (runId ? 'loading…' : 'idle')}
          {status && !isTerminal ? ' (polling)' : ''}
        </dd>
        <dt>Steps</dt>
        <dd data-testid="resume-steps">{run?.step_count ?? 0}</dd>
      </dl>
      {error && (
        <p role="alert" data-testid="resume-error">
          {error.name}: {error.message}
        </p>
      )}
    </section>
  );
}
