import * as v from 'valibot';

/** The fields waiting relies on. Everything else, and any status value, passes through untouched. */
export const runShape = /* @__PURE__ */ v.looseObject({ run_id: v.string(), status: v.string() });
