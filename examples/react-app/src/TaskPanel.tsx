import { useRunTask } from '@skyvern-edge/react';
import { useState, type FormEvent } from 'react';

/** Start a task, follow it live (status and steps), show its output; cancel it on the way. */
export function TaskPanel() {
  const [prompt, setPrompt] = useState('Find the title of the top story on Hacker News and its points');
  const [url, setUrl] = useState('https://news.ycombinator.com');
  const [history, setHistory] = useState<string[]>([]);
  const { runTask, run, runId, status, isStarting, isRunning, isCanceling, error, cancel, reset } = useRunTask({
    pollInterval: 1_000,
    onUpdate: (r) => setHistory((h) => [...h, r.step_count ? `${r.status} · step ${r.step_count}` : r.status]),
  });

  const start = (event: FormEvent) => {
    event.preventDefault();
    setHistory([]);
    void runTask({ prompt, url });
  };

  return (
    <section aria-labelledby="task-title" data-testid="task-panel">
      <h2 id="task-title">Run a task</h2>
      <form onSubmit={start}>
        <label>
          Prompt
          <textarea
            data-testid="task-prompt"
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={2}
            required
          />
        </label>
        <label>
          Start URL
          <input data-testid="task-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
        </label>
        <div className="buttons">
          <button data-testid="task-start" type="submit" disabled={isRunning}>
            {isStarting ? 'Starting…' : 'Start task'}
          </button>
          <button
            data-testid="task-cancel"
            type="button"
            onClick={() => void cancel()}
            disabled={!isRunning || isCanceling}
          >
            {isCanceling ? 'Canceling…' : 'Cancel'}
          </button>
          <button data-testid="task-reset" type="button" onClick={() => (reset(), setHistory([]))} disabled={isRunning}>
            Clear
          </button>
        </div>
      </form>
      <dl>
        <dt>Run</dt>
        <dd data-testid="task-run-id">{runId ?? '—'}</dd>
        <dt>Status</dt>
        <dd data-testid="task-status" data-status={status ?? (isStarting ? 'starting' : 'idle')}>
          {status ?? (isStarting ? 'starting…' : 'idle')}
        </dd>
        <dt>Steps</dt>
        <dd data-testid="task-steps">{run?.step_count ?? 0}</dd>
      </dl>
      {history.length > 0 && (
        <ol className="history" data-testid="task-history">
          {history.map((entry, i) => (
            <li key={i}>{entry}</li>
          ))}
        </ol>
      )}
      {run?.status === 'completed' && <pre data-testid="task-output">{JSON.stringify(run.output, null, 2)}</pre>}
      {run?.failure_reason && <p data-testid="task-failure">{run.failure_reason}</p>}
      {error && (
        <p role="alert" data-testid="task-error">
          {error.name}: {error.message}
        </p>
      )}
    </section>
  );
}
