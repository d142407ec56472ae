// One ownership model for runs, workflow runs and browser sessions: who created an id is recorded
// from the create answer, and every id a request names (path or JSON body) must be the caller's.
import { RUN_CREATING_OPERATIONS } from './routes.js';
import type { ProxyOperation } from './types.js';

export type OwnedKind = 'run' | 'browser_session';

/** Where owners are kept: a KV namespace, a database table… `get` answers undefined for an unknown id. */
export interface OwnershipStore {
  get(kind: OwnedKind, id: string): string | undefined | Promise<string | undefined>;
  set(kind: OwnedKind, id: string, owner: string): void | Promise<void>;
}

export interface ProxyOwnershipOptions {
  /** The caller's user id from your session (cookie, token); undefined → 401. */
  user: (request: Request) => string | undefined | Promise<string | undefined>;
  store: OwnershipStore;
}

/** An in-memory store, for one process and for tests; use a shared store with several instances. */
export function memoryOwnershipStore(): OwnershipStore {
  const owners = new Map<string, string>();
  return {
    get: (kind, id) => owners.get(`${kind}:${id}`),
    set: (kind, id, owner) => void owners.set(`${kind}:${id}`, owner),
  };
}

// Fields, in a path or a JSON body, that name an owned id.
const ID_FIELDS: Record<string, OwnedKind> = {
  run_id: 'run',
  workflow_run_id: 'run',
  browser_session_id: 'browser_session',
};

/** Operations whose answer holds a new owned id: every run-creating one, and a new browser session. */
export const OWNED_CREATING_OPERATIONS: readonly string[] = Object.freeze([
  ...RUN_CREATING_OPERATIONS,
  'createBrowserSession',
]);

/** Lists (GET without a path id) show every user's items: denied under the ownership model. */
export function isListOperation(op: ProxyOperation): boolean {
  return op.method === 'GET' && !op.pathTemplate.includes('{') && op.name !== 'getVersion';
}

/** Every owned id the request names: its path parameters, and the top-level fields of a JSON object body. */
export function namedIds(op: ProxyOperation, body: Uint8Array | undefined): [OwnedKind, string][] {
  const ids: [OwnedKind, string][] = [];
  for (const [name, value] of Object.entries(op.params)) if (ID_FIELDS[name]) ids.push([ID_FIELDS[name], value]);
  if (body?.byteLength) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      // Not JSON: the API parses it the same way, so it names no id either.
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [name, value] of Object.entries(parsed)) {
        const kind = ID_FIELDS[name];
        if (!kind || value === null || value === undefined) continue;
        // A non-string id (a number, an object) can match no record: it is refused.
        ids.push([kind, typeof value === 'string' ? value : '\0not-a-string']);
      }
    }
  }
  return ids;
}

/** The owned ids a create answer holds: its run and, for createBrowserSession, the session. */
export function createdIds(op: ProxyOperation, answer: Record<string, unknown>): [OwnedKind, string][] {
  const ids: [OwnedKind, string][] = [];
  const take = (kind: OwnedKind, value: unknown) => typeof value === 'string' && value && ids.push([kind, value]);
  if (op.name === 'createBrowserSession') take('browser_session', answer.browser_session_id);
  else {
    take('run', answer.run_id);
    take('run', answer.workflow_run_id);
  }
  return ids;
}
