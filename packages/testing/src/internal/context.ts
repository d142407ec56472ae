import type { paths } from '../../../core/src/generated/schema.js';
import type { OperationKey } from '../generated/body-rules.js';
import type { SimulatorImpl } from '../simulator.js';

/** What a handler gets for one request. */
export interface Ctx {
  readonly sim: SimulatorImpl;
  readonly request: Request;
  readonly url: URL;
  /** Decoded path params. */
  readonly params: Record<string, string>;
  /** Query params parsed by the spec's rules, defaults applied. */
  readonly query: Record<string, any>;
  /** The parsed JSON body (checked for required fields and top-level types), or null. */
  readonly body: any;
  /** The parsed multipart body. */
  readonly form?: FormData;
  /** now() when the request arrived. */
  readonly now: number;
}

type MethodOf<K> = K extends `${infer M} ${string}` ? Lowercase<M> : never;
type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
type OperationOf<K extends OperationKey> = NonNullable<
  paths[PathOf<K> & keyof paths][MethodOf<K> & keyof paths[PathOf<K> & keyof paths]]
>;

/** The spec's success body of an operation (undefined for 204). */
export type SuccessBody<K extends OperationKey> =
  OperationOf<K> extends { responses: infer R }
    ? R extends { 200: { content: { 'application/json': infer B } } }
      ? B
      : R extends { 201: { content: { 'application/json': infer B } } }
        ? B
        : undefined
    : never;

/** A handler answers the spec's success body (sent with the spec's status) or a whole Response. */
export type Handler<K extends OperationKey> = (
  ctx: Ctx,
) => SuccessBody<K> | Response | Promise<SuccessBody<K> | Response>;

export type Handlers = { [K in OperationKey]: Handler<K> };
