import type { QueryKey, QueryObserver, QueryObserverOptions, QueryObserverResult } from '@tanstack/query-core';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { SkyvernContextValue } from './context.js';

/**
 * @internal A QueryObserver behind useSyncExternalStore — react-query's
 * useBaseQuery without suspense, error boundaries or property tracking.
 * The observer subscribes (and so fetches) only in an effect: never during
 * render, never on the server, where getServerSnapshot answers.
 */
export function useBaseQuery<TData, TError, TKey extends QueryKey>(
  { queryClient, engine }: SkyvernContextValue,
  options: QueryObserverOptions<TData, TError, TData, TData, TKey>,
): [QueryObserverResult<TData, TError>, QueryObserver<TData, TError, TData, TData, TKey>] {
  const defaulted = queryClient.defaultQueryOptions(options);
  // The result returned while rendering already says "fetching" if mounting will fetch.
  defaulted._optimisticResults = 'optimistic';

  const [observer] = useState(
    () => new engine.QueryObserver<TData, TError, TData, TData, TKey>(queryClient, defaulted),
  );
  const result = observer.getOptimisticResult(defaulted);

  useEffect(() => {
    observer.setOptions(defaulted);
  }, [defaulted, observer]);

  useSyncExternalStore(
    useCallback(
      (onStoreChange: () => void) => {
        const unsubscribe = observer.subscribe(engine.notifyManager.batchCalls(onStoreChange));
        // Catch updates between creating the observer and subscribing to it.
        observer.updateResult();
        return unsubscribe;
      },
      [observer, engine],
    ),
    () => observer.getCurrentResult(),
    () => observer.getCurrentResult(),
  );

  return [result, observer];
}
