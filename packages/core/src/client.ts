import type * as artifacts from './api/artifacts.js';
import { getArtifact, getArtifactContent } from './api/artifacts.js';
import type * as files from './api/files.js';
import { uploadFile } from './api/files.js';
import type * as runs from './api/runs.js';
import { getRun, runTask, runWorkflow } from './api/runs.js';
import type * as tasks from './api/tasks.js';
import { login } from './api/tasks.js';
import type * as waiting from './api/waiting.js';
import { waitForRun, watchRun } from './api/waiting.js';
import type * as webhooks from './api/webhooks.js';
import { verifyWebhook } from './api/webhooks.js';
import type * as generated from './generated/functions.js';
import { operationList } from './generated/operations.js';
import type * as op from './generated/operations.js';
import type { ApiPromise } from './internal/api-promise.js';
import type { Params, Result } from './internal/types.js';
import { iterate } from './pagination/paginate.js';
import { SkyvernClient, type ClientOptions } from './skyvern-client.js';
import type { TaskRunResponse, WorkflowRunResponse } from './types.js';
import type { RunAndWaitOptions, StartOptions } from './wait/wait-options.js';

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
    Methods<typeof generated>,
    Methods<typeof artifacts>,
    Methods<typeof files>,
    Omit<Methods<typeof runs>, Overloaded>,
    Omit<Methods<typeof tasks>, Overloaded>,
    Methods<typeof waiting>,
    Methods<typeof webhooks> {
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

type Method = (this: SkyvernClient, ...args: unknown[]) => unknown;

function defineSkyvern(): SkyvernConstructor {
  class Skyvern extends SkyvernClient {}
  const define = (name: string, method: Method) => {
    // Stack traces and debuggers show `Skyvern.getRun`, not an anonymous wrapper.
    Object.defineProperty(method, 'name', { value: name });
    Object.defineProperty(Skyvern.prototype, name, { value: method, writable: true, configurable: true });
  };
  for (const op of operationList) {
    // The arguments the generated function of the same name takes: the path's ids, the request
    // object when the operation has fields, then the request options.
    const ids = op.path.split('{').length - 1;
    const fields = op.query || op.headers || op.body ? 1 : 0;
    define(op.name, function (...args) {
      return this.request(op, args.slice(0, ids), fields ? args[ids] : undefined, args[ids + fields] as never);
    });
    if (op.paginated)
      define(op.name.replace(/^(get|list)/, 'iter'), function (...args) {
        return iterate(this, op, args.slice(0, ids), args[ids] as never, args[ids + 1] as never);
      });
  }
  // The methods written by hand (run starters, getRun, artifacts, uploads, waiting, webhooks): named one
  // by one, since a namespace object would be code that keeps them in bundles that never name the class.
  const handWritten = {
    getArtifact,
    getArtifactContent,
    uploadFile,
    getRun,
    runTask,
    runWorkflow,
    login,
    waitForRun,
    watchRun,
    verifyWebhook,
  };
  for (const [name, fn] of Object.entries(handWritten)) {
    define(name, function (...args) {
      return (fn as (client: SkyvernClient, ...rest: unknown[]) => unknown)(this, ...args);
    });
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
