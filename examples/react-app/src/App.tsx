import { useState } from 'react';
import { ResumePanel } from './ResumePanel';
import { SessionPanel } from './SessionPanel';
import { TaskPanel } from './TaskPanel';
import { UploadPanel } from './UploadPanel';
import { WorkflowPanel } from './WorkflowPanel';

export function App() {
  const [showSession, setShowSession] = useState(true);
  return (
    <main>
      <header>
        <h1>Skyvern from the browser</h1>
        <p>
          Every call goes to <code>/api/skyvern</code>, a token proxy on this site&apos;s server that holds the API key.
          The page never sees it.
        </p>
      </header>
      <TaskPanel />
      <ResumePanel />
      <WorkflowPanel />
      <UploadPanel />
      <label className="toggle">
        <input
          data-testid="session-toggle"
          type="checkbox"
          checked={showSession}
          onChange={(e) => setShowSession(e.target.checked)}
        />
        Show the browser session panel (hiding it unmounts it, which closes its session)
      </label>
      {showSession && <SessionPanel />}
    </main>
  );
}
