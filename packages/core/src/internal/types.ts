import type { operations } from '../generated/schema.js';

export type OperationId = keyof operations;
type Op<D> = D extends { readonly __operation?: infer Id extends OperationId } ? operations[Id] : never;

/** `never`/`undefined` parameter groups contribute no fields. */
type Fields<T> = [T] extends [never] ? {} : [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
/** 'x-max-steps-override' → 'max_steps_override' (the Python SDK's names for header parameters). */
type HeaderField<K> = K extends 'x-api-key' ? never : K extends `x-${infer Rest}` ? Underscored<Rest> : never;
type HeaderFields<H> = { [K in keyof Fields<H> as HeaderField<K>]?: Fields<H>[K] };

type JsonBody<O> =
  NonNullable<O extends { requestBody?: infer B } ? B : never> extends { content: { 'application/json': infer J } }
    ? Fields<J>
    : {};

type Parameters_<O> = O extends { parameters: infer P } ? P : never;

/** The open end `string & {}` that the generator adds to every named enum of the spec. */
type OpenEnd = string & {};
type IsOpenEnd<T> = (<G>() => G extends T ? 1 : 2) extends <G>() => G extends OpenEnd ? 1 : 2 ? true : false;
/**
 * Request enums are closed: `'skyvern-1.0' | … | (string & {})` becomes the spec's values only, at any depth
 * (responses stay open, so values the API adds later still arrive). Plain `string` fields are untouched.
 */
export type ClosedEnums<T> = T extends string
  ? IsOpenEnd<T> extends true
    ? never
    : T
  : T extends readonly (infer I)[]
    ? ClosedEnums<I>[]
    : T extends object
      ? { [K in keyof T]: ClosedEnums<T[K]> }
      : T;

/**
 * The request object of an operation: its JSON body fields, its query
 * parameters and its header parameters side by side, under the API's own names.
 */
export type Params<D> = ClosedEnums<
  JsonBody<Op<D>> &
    Fields<Parameters_<Op<D>> extends { query?: infer Q } ? Q : never> &
    HeaderFields<Parameters_<Op<D>> extends { header?: infer H } ? H : never>
>;

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : void;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** The body of an operation's success response (200, 201 or 204). */
export type Result<D> =
  Responses<Op<D>> extends { 200: infer R } ? Json<R> : Responses<Op<D>> extends { 201: infer R } ? Json<R> : void;

/** Operations whose request object has no required field take it as optional. */
export type ParamsArg<D> = {} extends Params<D> ? [params?: Params<D>] : [params: Params<D>];

/** The item type of a list operation's answer: an array, or `{ schedules: [...] }`-style pages. */
export type ItemOf<R> = R extends readonly (infer I)[] ? I : R extends { schedules: readonly (infer I)[] } ? I : never;
