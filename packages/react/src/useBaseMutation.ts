import {
  MutationObserver,
  notifyManager,
  type MutationObserverOptions,
  type MutationObserverResult,
  type QueryClient,
} from '@tanstack/query-core';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

/** @internal A MutationObserver behind useSyncExternalStore, as react-query's useMutation. */
export function useBaseMutation<TData, TError, TVariables>(
  queryClient: QueryClient,
  options: MutationObserverOptions<TData, TError, TVariables>,
): [MutationObserverResult<TData, TError, TVariables>, MutationObserver<TData, TError, TVariables>] {
  const [observer] = useState(() => new MutationObserver<TData, TError, TVariables>(queryClient, options));

  useEffect(() => {
    observer.setOptions(options);
  }, [observer, options]);

  const result = useSyncExternalStore(
    useCallback((onStoreChange: () => void) => observer.subscribe(notifyManager.batchCalls(onStoreChange)), [observer]),
    () => observer.getCurrentResult(),
    () => observer.getCurrentResult(),
  );
  return [result, observer];
}
