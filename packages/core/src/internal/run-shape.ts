import * as v from 'valibot';

/**
 * A response object with these string fields; everything else passes through untouched. A custom
 * check: the typeof tests need none of valibot's object machinery in every bundle.
 */
export const withStringFields = <K extends string>(...keys: K[]) =>
  v.custom<Record<K, string>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      keys.every((key) => typeof (value as Record<string, unknown>)[key] === 'string'),
  );

/** The fields waiting relies on. Everything else, and any status value, passes through untouched. */
export const runShape = /* @__PURE__ */ withStringFields('run_id', 'status');
