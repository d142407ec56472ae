import type * as v from 'valibot';
import { ValidationError } from '../errors/validation-error.js';

/**
 * The first issue of a valibot schema with `value`, or undefined: through the schema's own Standard Schema
 * entry point, so no valibot function (safeParse, is) is bundled for it.
 */
export function schemaIssue(schema: v.GenericSchema, value: unknown): v.BaseIssue<unknown> | undefined {
  return (schema['~standard'].validate(value) as v.OutputDataset<unknown, v.BaseIssue<unknown>>).issues?.[0];
}

/** Runs a valibot schema; the first issue becomes a ValidationError naming its field. */
export function validate(schema: v.GenericSchema, value: unknown, where: string, root = 'params'): void {
  const issue = schemaIssue(schema, value);
  if (!issue) return;
  const path = issue.path?.map((item) => String(item.key)).join('.');
  const missing = issue.input === undefined && issue.path?.length;
  throw new ValidationError(path || root, missing ? 'is required' : describe(issue), where);
}

/** valibot's `received` quotes the value itself (a URL with a password in it): only its kind is told. */
function describe(issue: v.BaseIssue<unknown>): string {
  const received = issue.input === undefined ? '' : ` (received ${describeValue(issue.input)})`;
  return /^(must|is) /.test(issue.message) ? `${issue.message}${received}` : issue.message;
}

/** Longer ids are not ids (Skyvern's are ~30 characters): refused before they become a URL no server takes. */
const MAX_ID_LENGTH = 1_024;

export function requireString(value: unknown, field: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(field, `must be a non-empty string (received ${describeValue(value)})`, where);
  }
  if (value.length > MAX_ID_LENGTH)
    throw new ValidationError(field, `is ${value.length} characters long; ids have at most ${MAX_ID_LENGTH}`, where);
  return value;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value === '' ? 'empty string' : 'string';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** A number within [min, max] (and whole, if asked), or a ValidationError naming the field. */
export function checkNumber(
  value: number,
  field: string,
  where: string,
  min: number,
  max: number,
  integer = false,
): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ValidationError(
      field,
      `must be ${integer ? 'an integer' : 'a finite number'} from ${min} to ${max} (received ${describeValue(value)})`,
      where,
    );
  }
}

/**
 * The one AbortSignal check, by shape rather than `instanceof`: a signal from another realm (an
 * iframe, a vm context) or a polyfill is still a signal.
 */
export function checkSignal(value: unknown, field: string, where: string): void {
  const signal = value as AbortSignal | undefined | null;
  if (
    value !== undefined &&
    !(signal && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')
  ) {
    throw new ValidationError(field, 'must be an AbortSignal', where);
  }
}

/** The one "params must be an object" check: undefined passes, as a call without parameters. */
export function checkParams(value: unknown, where?: string): void {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new ValidationError('params', `must be an object (received ${describeValue(value)})`, where);
  }
}
