import { ValidationError } from '../errors/validation-error.js';
import type { OperationDescriptor } from './operation.js';
import { describeValue } from './validate.js';

/**
 * One request field's check, generated from the spec (scripts/generate.mjs): `[field, kind, ...bounds]`.
 * kind is a type letter — s string, i integer, f finite number, b boolean, o object, a array, e one of a
 * list, u anything — then flags: `!` required, `~` null allowed, `@` a URL, `?` a query parameter. Bounds: a string's min and
 * max length and pattern, a number's min and max (null: none), the values of an enum or of an array's items.
 */
export type FieldSpec = readonly [
  field: string,
  kind: string,
  ...bounds: readonly (number | string | null | readonly string[])[],
];

/**
 * Skyvern accepts bare hosts ("example.com") as well as full URLs, so the check
 * only refuses what cannot be a URL at all: blanks, spaces, or an unparsable value.
 */
export function isUrlLike(value: string): boolean {
  const text = value.trim();
  if (!text || /\s/.test(text)) return false;
  try {
    new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    return true;
  } catch {
    return false;
  }
}

/** A closed request enum's message: the spec's values (never the value received). */
const oneOf = (values: readonly string[]) => `must be one of ${values.map((x) => `'${x}'`).join(', ')}`;

/** What is wrong with a present, non-null value, or undefined. */
function problem(kind: string, value: unknown, a: unknown, b: unknown, c: unknown): string | undefined {
  switch (kind[0]) {
    case 's': {
      if (typeof value !== 'string') return 'must be a string';
      const min = a as number | undefined;
      if (min && value.length < min) return `must not be empty${min > 1 ? ` (min ${min} characters)` : ''}`;
      if (b && value.length > (b as number)) return `must be at most ${b} characters`;
      if (c && !new RegExp(c as string).test(value)) return `must match ${c}`;
      if (kind.includes('@') && !isUrlLike(value)) return 'must be a valid URL';
      return;
    }
    case 'i':
    case 'f':
      if (typeof value !== 'number' || Number.isNaN(value)) return 'must be a number';
      if (kind[0] === 'i' ? !Number.isInteger(value) : !Number.isFinite(value))
        return kind[0] === 'i' ? 'must be an integer' : 'must be a finite number';
      if (a != null && value < (a as number)) return `must be >= ${a}`;
      if (b != null && value > (b as number)) return `must be <= ${b}`;
      return;
    case 'b':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'o':
      return value && typeof value === 'object' ? undefined : 'must be an object';
    case 'a':
      return Array.isArray(value) ? undefined : 'must be an array';
    case 'e':
      return (a as readonly unknown[]).includes(value) ? undefined : oneOf(a as readonly string[]);
  }
}

/** Checks a request object against its fields in the spec's order; the first problem is a ValidationError. */
export function checkFields(fields: readonly FieldSpec[], values: Record<string, unknown>, where: string): void {
  for (const [field, kind, a, b, c] of fields) {
    const value = values[field];
    if (value === undefined) {
      if (kind.includes('!')) throw new ValidationError(field, 'is required', where);
      continue;
    }
    if (value === null && (kind.includes('~') || kind[0] === 'u')) continue;
    let at = field;
    let bad: unknown = value;
    let message = problem(kind, value, a, b, c);
    // An array of enum values: the first item outside the list, by its index.
    if (!message && kind[0] === 'a' && a) {
      const index = (value as unknown[]).findIndex((item) => !(a as readonly unknown[]).includes(item));
      if (index >= 0) [at, bad, message] = [`${field}.${index}`, (value as unknown[])[index], oneOf(a as string[])];
    }
    if (message)
      throw new ValidationError(
        at,
        bad === undefined ? 'is required' : `${message} (received ${describeValue(bad)})`,
        where,
      );
  }
}

/** A descriptor of the operation table: its route with its fields, checked by checkFields. */
export function withFields(route: OperationDescriptor, fields: readonly FieldSpec[]): OperationDescriptor {
  const query = fields.filter((row) => row[1].includes('?')).map((row) => row[0]);
  return { ...route, ...(query.length ? { query } : {}), fields, check: checkFields };
}
