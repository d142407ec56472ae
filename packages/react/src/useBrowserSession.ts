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
   * What closes when the component unmounts (not StrictMode's simulated unmount) and when the page
   * goes away (pagehide, sent with keepalive). Default: the sessions this hook created. true: also a
   * session given as `sessionId`. false: nothing (the session runs until its timeout).
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

/** Per hook instance: survives StrictMode's simulated unmount / remount and <Activity> hide / show. */
interface Lifecycle {
  /** The create call of the latest session this hook created, until a close takes it. */
  creating?: Promise<BrowserSessionResponse | undefined>;
  /** Sessions this hook created (closed by default on unmount and pagehide). */
  created: Set<string>;
  /** Sessions already closed (or being closed) by this hook: each is closed once. */
  closed: Set<string>;
  /** The `create` option fired: once per hook instance, so a remount (<Activity> show) does not open a second. */
  autoCreated?: boolean;
  /** The deferred close of an unmount; a remount in the same tick (StrictMode) cancels it. */
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * What an unmount (or pagehide) closes: nothing with closeOnUnmount: false; the sessions the hook
 * created by default; with true, also a session it was given by id.
 */
function closesOnUnmount(setting: boolean | undefined): 'held' | 'created' | undefined {
  return setting === false ? undefined : setting === true ? 'held' : 'created';
}

/**
 * Whether closing `which` on unmount or pagehide takes session `id`, and if so marks it closed: a
 * session is closed once, and by default only if this hook created it.
 */
function claimClose(life: Lifecycle, which: 'held' | 'created', id: string): boolean {
  if (life.closed.has(id) || (which === 'created' && !life.created.has(id))) return false;
  life.closed.add(id);
  return true;
}

/**
 * A browser session: follow one by id, or create one on mount (exactly one,
 * StrictMode and <Activity> included), closed when the component unmounts and
 * when the page goes away (pagehide, with keepalive).
 */
export function useBrowserSession(options: UseBrowserSessionOptions = {}): UseBrowserSessionResult {
  const context = useSkyvernContext('useBrowserSession');
  const { client, queryClient } = context;
  const [life] = useState<Lifecycle>(() => ({ created: new Set(), closed: new Set() }));
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
      const creating: Promise<BrowserSessionResponse | undefined> = creator
        .mutate(params ?? (typeof fromOptions === 'object' ? fromOptions : undefined))
        .then(
          (session) => {
            life.created.add(session.browser_session_id);
            return session;
          },
          () => {
            if (life.creating === creating) life.creating = undefined;
            return undefined;
          },
        );
      return (life.creating = creating);
    },
    [life, creator, latest],
  );

  /** The sessions to close: the one followed (if `which` allows) and the one being created, each once. */
  const closeHeld = useCallback(
    async (which: 'held' | 'created') => {
      clearTimeout(life.timer);
      const creating = life.creating;
      life.creating = undefined;
      const followed = latest.current.sessionId;
      // A create still in flight (close(); create(); unmount in one tick): closed once it exists.
      const pending = creating && (await creating)?.browser_session_id;
      await Promise.all(
        [followed, pending]
          .filter((id): id is string => !!id && claimClose(life, which, id))
          .map((id) => closer.mutate(id).catch(() => undefined)),
      );
    },
    [life, closer, latest],
  );
  const close = useCallback(() => closeHeld('held'), [closeHeld]);

  // Mount / unmount. StrictMode runs cleanup + setup again at once: the setup cancels the deferred close.
  useEffect(() => {
    clearTimeout(life.timer);
    return () => {
      const which = closesOnUnmount(latest.current.options.closeOnUnmount);
      if (which) life.timer = setTimeout(() => void closeHeld(which), 0);
    };
  }, [life, latest, closeHeld]);

  // The tab closes or reloads: no unmount comes, so close now, with keepalive so the request
  // outlives the page. Only what is known synchronously: a create still in flight cannot be waited for.
  useEffect(() => {
    if (typeof window === 'undefined') return;
    const onPageHide = () => {
      const which = closesOnUnmount(latest.current.options.closeOnUnmount);
      const id = latest.current.sessionId;
      if (!which || !id || !claimClose(life, which, id)) return;
      client.closeBrowserSession(id, { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [life, latest, client]);

  const wantsCreate = !!options.create && !options.sessionId;
  useEffect(() => {
    // Once per hook instance: StrictMode's second run, or <Activity> showing the component again
    // after its hide closed the session, must not open (and bill) a second one.
    if (!wantsCreate || life.autoCreated) return;
    life.autoCreated = true;
    void create();
  }, [wantsCreate, create, life]);

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
