/** The fields waiting relies on, as strings. Everything else, and any status value, passes through untouched. */
export const runFields = ['run_id', 'status'] as const;

/**
 * An object with a string at each of `fields`: the response checks the SDK itself relies on, by hand, so no
 * schema library is bundled for them (a caller's `Expect.shape` still runs its valibot schema).
 */
export function hasStringFields(value: unknown, fields: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    fields.every((field) => typeof (value as Record<string, unknown>)[field] === 'string')
  );
}
