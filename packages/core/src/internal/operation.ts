import type { GenericSchema } from 'valibot';
import type { operations } from '../generated/schema.js';
import type { FieldSpec } from './check-fields.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the SDK needs to know of one API operation to send it; generated from the spec. */
export interface OperationDescriptor {
  readonly name: string;
  readonly method: HttpMethod;
  /** The spec's template, e.g. '/v1/runs/{run_id}': its parameters are filled in order. */
  readonly path: string;
  readonly query?: readonly string[];
  /** [request-object field, wire header], e.g. ['max_steps_override', 'x-max-steps-override']. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: 'json' | 'multipart';
  /** The spec requires a body: `{}` is sent even when the caller gave no fields. */
  readonly bodyRequired?: boolean;
  /**
   * False for calls that start, create or bill something: retried only where the server provably did not act.
   * Default true.
   */
  readonly idempotent?: boolean;
  /** The server de-duplicates this POST by `Idempotency-Key`: one key is sent per call, on every attempt. */
  readonly idempotencyKey?: boolean;
  /**
   * A DELETE whose repeat, after an attempt whose answer was lost, finds 404: resolved as done, since
   * the resource is gone either way and the answer has no body.
   */
  readonly notFoundIsDone?: boolean;
  /** The request fields' checks, generated from the spec (see FieldSpec). */
  readonly fields?: readonly FieldSpec[];
  /** Runs `fields` on the request object (generated descriptors: checkFields), throwing a ValidationError. */
  readonly check?: (fields: readonly FieldSpec[], values: Record<string, unknown>, where: string) => void;
  /** A list answered in numbered pages: the answer is the list (true) or holds it under this key. */
  readonly paginated?: true | string;
  /** A valibot schema the request object must pass, for descriptors written by hand. */
  readonly input?: GenericSchema;
}

/**
 * A descriptor that also names its operation of the spec, for the types only:
 * `__operation` never exists at run time.
 */
export interface Descriptor<Id extends keyof operations = keyof operations> extends OperationDescriptor {
  readonly __operation?: Id;
}
