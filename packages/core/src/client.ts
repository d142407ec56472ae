import * as artifacts from './api/artifacts.js';
import * as browserProfiles from './api/browser-profiles.js';
import * as browserSessions from './api/browser-sessions.js';
import * as credentials from './api/credentials.js';
import * as customLlms from './api/custom-llms.js';
import * as files from './api/files.js';
import * as folders from './api/folders.js';
import * as runs from './api/runs.js';
import * as schedules from './api/schedules.js';
import * as scripts from './api/scripts.js';
import * as system from './api/system.js';
import * as tags from './api/tags.js';
import * as tasks from './api/tasks.js';
import * as waiting from './api/waiting.js';
import * as webhooks from './api/webhooks.js';
import * as workflows from './api/workflows.js';
import type * as op from './generated/operations.js';
import type { ApiPromise } from './internal/api-promise.js';
import type { Params, Result } from './internal/types.js';
import { SkyvernClient, type ClientOptions } from './skyvern-client.js';
import type { TaskRunResponse, WorkflowRunResponse } from './types.js';
import type { RunAndWaitOptions, StartOptions } from './wait/wait-options.js';

const areas = [
  artifacts,
  browserProfiles,
  browserSessions,
  credentials,
  customLlms,
  files,
  folders,
  runs,
  schedules,
  scripts,
  system,
  tags,
  tasks,
  waiting,
  webhooks,
  workflows,
];

/** An area's functions `(client, ...args)` as methods `(...args)`. */
type Methods<Area> = {
  [K in keyof Area]: Area[K] extends (client: SkyvernClient, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** runTask, runWorkflow and login: the result type follows `waitForCompletion`. */
export interface RunStarter<P, R> {
  /** Starts the run and resolves with it once terminal (completed, failed, terminated, timed_out, canceled). */
  (params: P, options: RunAndWaitOptions<R>): Promise<R>;
  /** Starts the run and resolves with it as created; follow it with waitForRun or watchRun. */
  (params: P, options?: StartOptions): ApiPromise<R>;
}

type Overloaded = 'runTask' | 'runWorkflow' | 'login';

export interface Skyvern
  extends SkyvernClient,
    Methods<typeof artifacts>,
    Methods<typeof browserProfiles>,
    Methods<typeof browserSessions>,
    Methods<typeof credentials>,
    Methods<typeof customLlms>,
    Methods<typeof files>,
    Methods<typeof folders>,
    Omit<Methods<typeof runs>, Overloaded>,
    Methods<typeof schedules>,
    Methods<typeof scripts>,
    Methods<typeof system>,
    Methods<typeof tags>,
    Omit<Methods<typeof tasks>, Overloaded>,
    Methods<typeof waiting>,
    Methods<typeof webhooks>,
    Methods<typeof workflows> {
  /** Starts a task: Skyvern opens `url` and works on `prompt`. Never retried once the server may have acted. */
  runTask: RunStarter<Params<typeof op.runTask>, TaskRunResponse>;
  /** Runs a workflow (agent) by `agent_id` with its `parameters`. Never retried once the server may have acted. */
  runWorkflow: RunStarter<Params<typeof op.runWorkflow>, WorkflowRunResponse>;
  /** Logs into a site with stored credentials. Never retried once the server may have acted. */
  login: RunStarter<Params<typeof op.login>, Result<typeof op.login>>;
}

export interface SkyvernConstructor {
  new (options?: ClientOptions): Skyvern;
  readonly prototype: Skyvern;
}

function defineSkyvern(): SkyvernConstructor {
  class Skyvern extends SkyvernClient {}
  for (const area of areas) {
    for (const [name, fn] of Object.entries(area)) {
      const method = function (this: Skyvern, ...args: unknown[]) {
        return (fn as (client: SkyvernClient, ...rest: unknown[]) => unknown)(this, ...args);
      };
      // Stack traces and debuggers show `Skyvern.getRun`, not an anonymous wrapper.
      Object.defineProperty(method, 'name', { value: name });
      Object.defineProperty(Skyvern.prototype, name, { value: method, writable: true, configurable: true });
    }
  }
  return Skyvern as unknown as SkyvernConstructor;
}

/**
 * The Skyvern API client: every operation of the API as a method, plus
 * waitForRun, watchRun, uploadFile, verifyWebhook and page iterators.
 *
 *   const skyvern = new Skyvern({ apiKey });
 *   const run = await skyvern.runTask({ prompt, url }, { waitForCompletion: true });
 *
 * Each method is also exported as a function taking a client first, for
 * bundles that want only the operations they call (see SkyvernClient).
 * Built by a pure call, so a bundle that never names Skyvern drops every method.
 */
export const Skyvern: SkyvernConstructor = /* @__PURE__ */ defineSkyvern();
