import { useEffect, useRef } from 'react';

/** @internal A ref holding the latest value, updated after each commit (before later effects run). */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
