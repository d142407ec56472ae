import type { GenericSchema } from 'valibot';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the SDK needs to know of one API operation to send it; generated from the spec. */
export interface OperationDescriptor {
  readonly id: string;
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly string[];
  /** [request-object field, wire header], e.g. ['max_steps_override', 'x-max-steps-override']. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: 'json' | 'multipart';
  /** The spec requires a body: `{}` is sent even when the caller gave no fields. */
  readonly bodyRequired?: boolean;
  /** False for calls that start, create or bill something: retried only where the server provably did not act. */
  readonly idempotent: boolean;
  readonly input?: GenericSchema;
}

/** [method name, HTTP method, path template, idempotent, paginated] */
export type Route = readonly [name: string, method: HttpMethod, path: string, idempotent: boolean, paginated: boolean];
