import {
  SkyvernError,
  type BrowserSessionResponse,
  type SkyvernError as SkyvernErrorType,
  type TaskRunResponse,
} from '@skyvern-edge/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { skyvernKeys } from './keys.js';
import { closeBrowserSessionMutationOptions, createBrowserSessionMutationOptions } from './mutationOptions.js';
import { browserSessionQueryOptions } from './queryOptions.js';
import type { CreateBrowserSessionParams, RunTaskParams } from './types.js';
import { useBaseMutation } from './useBaseMutation.js';
import { useBaseQuery } from './useBaseQuery.js';
import { useLatest } from './useLatest.js';
import { useSkyvernContext } from './useSkyvernClient.js';

export interface UseBrowserSessionOptions {
  /** An existing session to follow. Wins over a session this hook created. */
  sessionId?: string | null;
  /**
   * Create a session when the component mounts (true, or the createBrowserSession params). Exactly one, even
   * under StrictMode.
   */
  create?: CreateBrowserSessionParams | boolean;
  /**
   * Close the session this hook holds when the component unmounts (not on StrictMode's simulated unmount).
   * Default false.
   */
  closeOnUnmount?: boolean;
  /** Ms between polls while the session is starting. Default 2 000. */
  pollInterval?: number;
}

export interface UseBrowserSessionResult {
  session: BrowserSessionResponse | undefined;
  sessionId: string | undefined;
  status: string | undefined;
  /** The session's page in the Skyvern app (`app_url`), to link or embed. */
  liveUrl: string | undefined;
  /** The CDP address of the browser (`browser_address`), for Playwright / Puppeteer. */
  browserAddress: string | undefined;
  isCreating: boolean;
  isClosing: boolean;
  /** The error of the last create, close or fetch: an SDK error. */
  error: SkyvernErrorType | null;
  /**
   * Creates a session (once: while one is open or being created, returns that
   * one). Resolves with it, or undefined on failure (never rejects).
   */
  create: (params?: CreateBrowserSessionParams) => Promise<BrowserSessionResponse | undefined>;
  /** Closes the session (once). Never rejects: a failure lands in `error`. */
  close: () => Promise<void>;
  /**
   * Starts a task in this session (`browser_session_id` is filled in), waiting
   * for the session to be created if needed. A plain SDK call that rejects on
   * failure; follow the run with useRun(run.run_id), or use useRunTask with
   * `browser_session_id` for tracked state.
   */
  runTask: (params: Omit<RunTaskParams, 'browser_session_id'>) => Promise<TaskRunResponse>;
  refetch: () => Promise<BrowserSessionResponse | undefined>;
}

/** Per hook instance: survives StrictMode's simulated unmount / remount. */
interface Lifecycle {
  /** The create call of the session this hook holds, until it is closed. */
  creating?: Promise<BrowserSessionResponse | undefined>;
  /** The session closed last, so it is closed only once. */
  closedId?: string;
  /** The deferred close of closeOnUnmount; a remount cancels it. */
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * A browser session: follow one by id, or create one on mount (exactly one,
 * StrictMode included) and optionally close it on unmount (exactly once: the
 * close is deferred by a tick and canceled if the component mounts again, as
 * StrictMode's simulated unmount does).
 */
export function useBrowserSession(options: UseBrowserSessionOptions = {}): UseBrowserSessionResult {
  const context = useSkyvernContext('useBrowserSession');
  const { client, queryClient } = context;
  const [life] = useState<Lifecycle>(() => ({}));
  const [created, creator] = useBaseMutation<
    BrowserSessionResponse,
    SkyvernErrorType,
    CreateBrowserSessionParams | undefined
  >(
    context,
    useMemo(() => createBrowserSessionMutationOptions(client, queryClient), [client, queryClient]),
  );
  const [closed, closer] = useBaseMutation<unknown, SkyvernErrorType, string>(
    context,
    useMemo(() => closeBrowserSessionMutationOptions(client, queryClient), [client, queryClient]),
  );
  const sessionId = options.sessionId || created.data?.browser_session_id;
  const [query, observer] = useBaseQuery(context, {
    ...browserSessionQueryOptions(client, sessionId, { pollInterval: options.pollInterval }),
    enabled: !!sessionId,
  });
  const session = sessionId ? query.data : undefined;
  const latest = useLatest({ options, sessionId });

  const create = useCallback(
    (params?: CreateBrowserSessionParams) => {
      if (life.creating) return life.creating;
      const fromOptions = latest.current.options.create;
      const creating = creator
        .mutate(params ?? (typeof fromOptions === 'object' ? fromOptions : undefined))
        .catch(() => {
          if (life.creating === creating) life.creating = undefined;
          return undefined;
        });
      return (life.creating = creating);
    },
    [life, creator, latest],
  );

  const close = useCallback(async () => {
    clearTimeout(life.timer);
    const creating = life.creating;
    const id = latest.current.sessionId ?? (await creating)?.browser_session_id;
    if (!id || life.closedId === id) return;
    life.closedId = id;
    if (life.creating === creating) life.creating = undefined;
    await closer.mutate(id).catch(() => undefined);
  }, [life, closer, latest]);

  // Mount / unmount. StrictMode runs cleanup + setup again at once: the setup cancels the deferred close.
  useEffect(() => {
    clearTimeout(life.timer);
    return () => {
      if (latest.current.options.closeOnUnmount) life.timer = setTimeout(close, 0);
    };
  }, [life, latest, close]);

  const wantsCreate = !!options.create && !options.sessionId;
  useEffect(() => {
    // A second run (StrictMode) gets the create call already under way.
    if (wantsCreate) void create();
  }, [wantsCreate, create]);

  const runTask = useCallback(
    async (params: Omit<RunTaskParams, 'browser_session_id'>) => {
      const id = latest.current.sessionId ?? (await life.creating)?.browser_session_id;
      if (!id) throw new SkyvernError('useBrowserSession: runTask needs a session; create one first');
      const run = await client.runTask({ ...params, browser_session_id: id } as RunTaskParams);
      queryClient.setQueryData(skyvernKeys.run(run.run_id, client), run);
      return run;
    },
    [client, queryClient, life, latest],
  );

  const refetch = useCallback(
    () => (latest.current.sessionId ? observer.refetch().then((r) => r.data) : Promise.resolve(undefined)),
    [observer, latest],
  );

  return {
    session,
    sessionId,
    status: session?.status ?? undefined,
    liveUrl: session?.app_url ?? undefined,
    browserAddress: session?.browser_address ?? undefined,
    isCreating: created.isPending,
    isClosing: closed.isPending,
    error: created.error ?? closed.error ?? (sessionId ? query.error : null),
    create,
    close,
    runTask,
    refetch,
  };
}
