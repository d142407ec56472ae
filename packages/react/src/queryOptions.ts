import {
  defaultPollSchedule,
  isTerminalStatus,
  isTransientError,
  type BrowserSessionResponse,
  type Run,
  type Skyvern,
  type SkyvernError,
} from '@skyvern-edge/core';
import { skipToken, type DataTag, type Query, type QueryFunctionContext, type QueryState } from '@tanstack/query-core';
import { skyvernKeys, type BrowserSessionQueryKey, type RunQueryKey } from './keys.js';
import type { PollInterval } from './types.js';

/**
 * The options `runQueryOptions` returns: a plain object for QueryObserver, react-query's useQuery /
 * useSuspenseQuery, or queryClient.fetchQuery.
 */
export interface RunQueryOptions {
  queryKey: DataTag<RunQueryKey, Run, SkyvernError>;
  /** Gets the run, passing the query's signal to the SDK. */
  queryFn: (context: QueryFunctionContext<RunQueryKey>) => Promise<Run>;
  /** The next poll in ms, or false once the run is terminal (or failed with an error a later poll would not fix). */
  refetchInterval: (query: Query<Run, SkyvernError, Run, RunQueryKey>) => number | false;
  /** Polls in background tabs too, so onCompleted fires on time. */
  refetchIntervalInBackground: boolean;
  /** A terminal run never changes: it stays fresh forever (no refetch on mount or focus). */
  staleTime: (query: Query<Run, SkyvernError, Run, RunQueryKey>) => number;
  /** The SDK already retried: React Query does not retry on top. */
  retry: false;
}

export interface BrowserSessionQueryOptions {
  queryKey: DataTag<BrowserSessionQueryKey, BrowserSessionResponse, SkyvernError>;
  queryFn: (context: QueryFunctionContext<BrowserSessionQueryKey>) => Promise<BrowserSessionResponse>;
  /** Polls while the session is starting (status missing or `created`), so `app_url` shows up; then stops. */
  refetchInterval: (
    query: Query<BrowserSessionResponse, SkyvernError, BrowserSessionResponse, BrowserSessionQueryKey>,
  ) => number | false;
  retry: false;
}

/** The options for a run id that may be missing: `queryFn` is `skipToken` without one (the query stays idle). */
export type MaybeRunQueryOptions = Omit<RunQueryOptions, 'queryFn'> & {
  queryFn: RunQueryOptions['queryFn'] | typeof skipToken;
};
export type MaybeBrowserSessionQueryOptions = Omit<BrowserSessionQueryOptions, 'queryFn'> & {
  queryFn: BrowserSessionQueryOptions['queryFn'] | typeof skipToken;
};

/** @internal ms before the next poll of a run, or false to stop. */
export function nextRunPoll(
  state: QueryState<Run, SkyvernError>,
  pollInterval: PollInterval = defaultPollSchedule,
): number | false {
  const run = state.data;
  if (run && isTerminalStatus(run.status)) return false;
  if (state.status === 'error' && !isTransientError(state.error)) return false;
  const ms =
    typeof pollInterval === 'number'
      ? pollInterval
      : run
        ? pollInterval(Math.max(state.dataUpdateCount, 1), run)
        : 2_000;
  return Math.max(ms, 100);
}

/**
 * Query options for one run, polled until it is terminal.
 *
 *   useQuery(runQueryOptions(client, runId))                  // react-query
 *   await queryClient.fetchQuery(runQueryOptions(client, id))  // plain QueryClient
 *
 * The query's `signal` goes to the SDK, so a query React Query cancels (the
 * last observer unmounts mid-request) aborts its HTTP request. A null or
 * undefined `runId` gives `queryFn: skipToken`: the query stays idle.
 */
export function runQueryOptions(
  client: Skyvern,
  runId: string,
  options?: { pollInterval?: PollInterval },
): RunQueryOptions;
export function runQueryOptions(
  client: Skyvern,
  runId: string | null | undefined,
  options?: { pollInterval?: PollInterval },
): MaybeRunQueryOptions;
export function runQueryOptions(
  client: Skyvern,
  runId: string | null | undefined,
  options: { pollInterval?: PollInterval } = {},
): MaybeRunQueryOptions {
  const { pollInterval } = options;
  return {
    queryKey: skyvernKeys.run(runId || null, client),
    queryFn: runId ? ({ signal }) => client.getRun(runId, { signal }) : skipToken,
    refetchInterval: (query) => nextRunPoll(query.state, pollInterval),
    refetchIntervalInBackground: true,
    // Fresh for one poll interval: a run the cache was just given (by useRunTask) is not fetched again at once.
    staleTime: (query) => {
      const run = query.state.data;
      return run && isTerminalStatus(run.status) ? Infinity : nextRunPoll(query.state, pollInterval) || 0;
    },
    retry: false,
  };
}

/** Session statuses while the browser is starting. */
const STARTING: readonly unknown[] = [undefined, null, 'created'];

/**
 * Query options for one browser session. Polls every `pollInterval` ms
 * (default 2 000) while the session is starting, then stops.
 */
export function browserSessionQueryOptions(
  client: Skyvern,
  sessionId: string,
  options?: { pollInterval?: number },
): BrowserSessionQueryOptions;
export function browserSessionQueryOptions(
  client: Skyvern,
  sessionId: string | null | undefined,
  options?: { pollInterval?: number },
): MaybeBrowserSessionQueryOptions;
export function browserSessionQueryOptions(
  client: Skyvern,
  sessionId: string | null | undefined,
  options: { pollInterval?: number } = {},
): MaybeBrowserSessionQueryOptions {
  return {
    queryKey: skyvernKeys.browserSession(sessionId || null, client),
    queryFn: sessionId ? ({ signal }) => client.getBrowserSession(sessionId, { signal }) : skipToken,
    refetchInterval: ({ state }) =>
      state.data && STARTING.includes(state.data.status) && state.status !== 'error'
        ? Math.max(options.pollInterval ?? 2_000, 100)
        : false,
    retry: false,
  };
}
