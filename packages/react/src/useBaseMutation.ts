import type { MutationOptions } from '@tanstack/query-core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SkyvernContextValue } from './context.js';

export interface BaseMutationResult<TData, TError> {
  data: TData | undefined;
  error: TError | null;
  isPending: boolean;
}

/** @internal What useBaseMutation returns besides its state. */
export interface BaseMutation<TData, TError, TVariables> {
  /** Runs the mutation (it replaces the one before, whose answer is then ignored); rejects with its error. */
  mutate(variables: TVariables): Promise<TData>;
  reset(): void;
  getCurrentResult(): BaseMutationResult<TData, TError>;
}

const idle = { data: undefined, error: null, isPending: false };

/**
 * @internal A mutation in the QueryClient's MutationCache (devtools see it, its callbacks run),
 * with its state kept here rather than in a MutationObserver: TanStack 5.87's observer stops
 * hearing from a mutation once unsubscribed, which StrictMode's simulated unmount does right after
 * an effect started one — the hook would wait forever for an answer that came.
 */
export function useBaseMutation<TData, TError, TVariables>(
  { queryClient }: SkyvernContextValue,
  options: MutationOptions<TData, TError, TVariables>,
): [BaseMutationResult<TData, TError>, BaseMutation<TData, TError, TVariables>] {
  const [store] = useState(() => {
    const listeners = new Set<() => void>();
    let state: BaseMutationResult<TData, TError> = idle;
    let generation = 0;
    const set = (next: BaseMutationResult<TData, TError>) => {
      state = next;
      for (const listener of listeners) listener();
    };
    return {
      options,
      subscribe(listener: () => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      getCurrentResult: () => state,
      mutate(variables: TVariables): Promise<TData> {
        const mine = ++generation;
        set({ data: undefined, error: null, isPending: true });
        const mutation = queryClient
          .getMutationCache()
          .build(queryClient, queryClient.defaultMutationOptions(store.options) as never);
        return (mutation.execute(variables) as Promise<TData>).then(
          (data) => {
            if (mine === generation) set({ data, error: null, isPending: false });
            return data;
          },
          (error: TError) => {
            if (mine === generation) set({ data: undefined, error, isPending: false });
            throw error;
          },
        );
      },
      reset() {
        generation++;
        set(idle);
      },
    };
  });

  useEffect(() => {
    store.options = options;
  }, [store, options]);

  const result = useSyncExternalStore(store.subscribe, store.getCurrentResult, store.getCurrentResult);
  return [result, store];
}
