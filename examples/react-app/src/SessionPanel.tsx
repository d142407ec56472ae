import { useBrowserSession } from '@skyvern-edge/react';

/**
 * A live browser session: open one on demand, see it, close it (it costs money while open). It also
 * closes when this panel unmounts, and when the tab is closed or reloaded (useBrowserSession's default).
 */
export function SessionPanel() {
  const { session, sessionId, status, liveUrl, isCreating, isClosing, error, create, close } = useBrowserSession();
  const open = !!sessionId && (status === 'created' || status === 'running');

  return (
    <section aria-labelledby="session-title" data-testid="session-panel">
      <h2 id="session-title">Browser session</h2>
      <div className="buttons">
        <button
          data-testid="session-create"
          type="button"
          onClick={() => void create({ timeout: 15 })}
          disabled={isCreating || open}
        >
          {isCreating ? 'Opening…' : 'Open a browser'}
        </button>
        <button data-testid="session-close" type="button" onClick={() => void close()} disabled={!open || isClosing}>
          {isClosing ? 'Closing…' : 'Close it'}
        </button>
      </div>
      <dl>
        <dt>Session</dt>
        <dd data-testid="session-id">{sessionId ?? '—'}</dd>
        <dt>Status</dt>
        <dd data-testid="session-status" data-status={status ?? (isCreating ? 'creating' : 'none')}>
          {status ?? (isCreating ? 'opening…' : 'none')}
        </dd>
        <dt>Live view</dt>
        <dd>
          {liveUrl ? (
            <a data-testid="session-live-url" href={liveUrl} target="_blank" rel="noreferrer">
              {liveUrl}
            </a>
          ) : (
            '—'
          )}
        </dd>
        {session?.timeout != null && (
          <>
            <dt>Times out after</dt>
            <dd>{session.timeout} min</dd>
          </>
        )}
      </dl>
      {error && (
        <p role="alert" data-testid="session-error">
          {error.name}: {error.message}
        </p>
      )}
    </section>
  );
}
