import { routeList } from '../generated/operations.js';
import type { HttpMethod } from '../internal/operation.js';
import type { ProxyOperation } from './types.js';

/** What the proxy forwards unless told otherwise: starting, reading and cancelling runs, browser sessions, uploads. */
export const DEFAULT_ALLOWED_OPERATIONS: readonly string[] = Object.freeze([
  'runTask',
  'runWorkflow',
  'getRun',
  'cancelRun',
  'getRunTimeline',
  'getRunArtifacts',
  'createBrowserSession',
  'getBrowserSession',
  'closeBrowserSession',
  'uploadFile',
]);

/** Operations whose 2xx answer is a new run, given to `onRunCreated`. */
export const RUN_CREATING_OPERATIONS: readonly string[] = Object.freeze([
  'runTask',
  'runWorkflow',
  'login',
  'downloadFiles',
  'retryWorkflowRun',
  'runScript',
]);

type Entry = readonly [name: string, method: HttpMethod, template: string, segments: readonly string[]];

// The spec's operations plus getArtifact, which the client adds by hand.
const table: readonly Entry[] = [
  ...routeList.map((op) => [op.name, op.method, op.path] as const),
  ['getArtifact', 'GET', '/v1/artifacts/{artifact_id}'] as const,
].map(([name, method, template]) => [name, method, template, template.slice(1).split('/')] as const);

export const operationNames: ReadonlySet<string> = new Set(table.map((entry) => entry[0]));

export type Match = ProxyOperation | { allowedMethods: string[] } | undefined;

/**
 * The operation `method` + `path` (still percent-encoded, without basePath) names; a list of
 * the methods the path takes when only the method is wrong; undefined when nothing matches.
 * A literal segment beats a parameter (`/v1/agents/runs` is getWorkflowRuns, not getWorkflow).
 */
export function matchOperation(method: string, path: string): Match {
  const parts = path.slice(1).split('/');
  let best: { entry: Entry; params: Record<string, string>; rank: string } | undefined;
  const methods = new Set<string>();
  for (const entry of table) {
    const segments = entry[3];
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let rank = '';
    let ok = true;
    for (let i = 0; ok && i < segments.length; i++) {
      const segment = segments[i]!;
      const part = parts[i]!;
      if (segment[0] === '{') {
        ok = part !== '';
        params[segment.slice(1, -1)] = part;
        rank += '1';
      } else {
        ok = segment === part;
        rank += '0';
      }
    }
    if (!ok) continue;
    methods.add(entry[1]);
    if (entry[1] === method && (!best || rank < best.rank)) best = { entry, params, rank };
  }
  if (!best) return methods.size ? { allowedMethods: [...methods] } : undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(best.params)) params[key] = decodeURIComponent(value);
  const [name, , pathTemplate] = best.entry;
  return { name, method: best.entry[1], pathTemplate, params };
}
