import { SessionPanel } from './SessionPanel';
import { TaskPanel } from './TaskPanel';
import { UploadPanel } from './UploadPanel';

export function App() {
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
      <UploadPanel />
      <SessionPanel />
    </main>
  );
}
