import * as v from 'valibot';
import type { OperationDescriptor } from './operation.js';
import { validate } from './validate.js';

/**
 * One request field's check, generated from the spec (scripts/generate.mjs) and turned into valibot on
 * first use: `[field, kind, ...bounds]`.
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

/** One field's valibot schema; its messages are the SDK's ("must be a string"), `validate` adds the kind received. */
function fieldSchema(kind: string, a: unknown, b: unknown, c: unknown): v.GenericSchema {
  let schema: v.GenericSchema;
  switch (kind[0]) {
    case 's': {
      const min = a as number | undefined;
      schema = v.pipe(
        v.string('must be a string'),
        ...(min
          ? [v.minLength<string, number, string>(min, `must not be empty${min > 1 ? ` (min ${min} characters)` : ''}`)]
          : []),
        ...(b ? [v.maxLength<string, number, string>(b as number, `must be at most ${b} characters`)] : []),
        ...(c ? [v.regex(new RegExp(c as string), `must match ${c}`)] : []),
        ...(kind.includes('@') ? [v.check<string, string>(isUrlLike, 'must be a valid URL')] : []),
      );
      break;
    }
    case 'i':
    case 'f':
      schema = v.pipe(
        v.number('must be a number'),
        kind[0] === 'i' ? v.integer('must be an integer') : v.finite('must be a finite number'),
        ...(a != null ? [v.minValue<number, number, string>(a as number, `must be >= ${a}`)] : []),
        ...(b != null ? [v.maxValue<number, number, string>(b as number, `must be <= ${b}`)] : []),
      );
      break;
    case 'b':
      schema = v.boolean('must be a boolean');
      break;
    case 'o':
      schema = v.custom((value) => !!value && typeof value === 'object', 'must be an object');
      break;
    case 'a':
      // An array of enum values: the first item outside the list is named by its index (`status.1`).
      schema = v.array(a ? v.picklist(a as string[], oneOf(a as string[])) : v.unknown(), 'must be an array');
      break;
    case 'e':
      schema = v.picklist(a as string[], oneOf(a as string[]));
      break;
    default:
      // Anything, null included; a required one must still be there.
      return kind.includes('!') ? v.custom((value) => value !== undefined, 'is required') : v.unknown();
  }
  if (kind.includes('~')) schema = v.nullable(schema);
  return kind.includes('!') ? schema : v.optional(schema);
}

/**
 * An operation's request object as one valibot schema, built on the operation's first call and kept:
 * a bundle holds the rows of the operations it names, and no schema is built for a call never made.
 */
const schemas = new WeakMap<readonly FieldSpec[], v.GenericSchema>();

/** Checks a request object against its fields in the spec's order; the first problem is a ValidationError. */
export function checkFields(fields: readonly FieldSpec[], values: Record<string, unknown>, where: string): void {
  let schema = schemas.get(fields);
  if (!schema) {
    schema = v.looseObject(
      Object.fromEntries(fields.map(([field, kind, a, b, c]) => [field, fieldSchema(kind, a, b, c)])),
    );
    schemas.set(fields, schema);
  }
  validate(schema, values, where);
}

/** A descriptor of the operation table: its route with its fields, checked by checkFields. */
export function withFields(route: OperationDescriptor, fields: readonly FieldSpec[]): OperationDescriptor {
  const query = fields.filter((row) => row[1].includes('?')).map((row) => row[0]);
  return { ...route, ...(query.length ? { query } : {}), fields, check: checkFields };
}
