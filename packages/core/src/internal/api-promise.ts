import { SkyvernError } from '../errors/skyvern-error.js';

export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
}

/**
 * Whether the caller took the body as a stream (`asResponse()`); `checked` once the request
 * looked, when the headers came.
 */
export interface BodyMode {
  raw: boolean;
  checked: boolean;
}

/**
 * A Promise of the parsed body that can also hand out the raw Response:
 * `await client.getRun(id)`, `await client.getRun(id).withResponse()`, or
 * `await client.getArtifactContent(id).asResponse()` to stream the body.
 * The data promise is made only when awaited, so using `withResponse()` alone
 * leaves no second, unhandled rejection behind.
 */
export class ApiPromise<T> extends Promise<T> {
  // then/catch/finally return plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #source: Promise<WithResponse<T>>;
  readonly #mode: BodyMode;
  #data: Promise<T> | undefined;

  constructor(source: Promise<WithResponse<T>>, mode: BodyMode = { raw: false, checked: false }) {
    super((resolve) => resolve(undefined as T));
    this.#source = source;
    this.#mode = mode;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#raw() ?? this.#source;
  }

  /**
   * The Response as soon as its headers came (errors reject as usual), its body unread and yours
   * to stream, under the same idle timeout and signal: for downloads too large to hold in memory.
   * Call it on the call itself: `await client.getArtifactContent(id).asResponse()`.
   */
  asResponse(): Promise<Response> {
    if (this.#mode.checked && !this.#mode.raw) {
      return Promise.reject(new SkyvernError('asResponse() came after the body was read: call it on the call itself'));
    }
    this.#mode.raw = true;
    return this.#source.then((result) => result.response);
  }

  /** After asResponse() the body is the caller's: there is no parsed data to give. */
  #raw(): Promise<never> | undefined {
    return this.#mode.raw
      ? Promise.reject(new SkyvernError('The body went to asResponse(): read it there'))
      : undefined;
  }

  #parsed(): Promise<T> {
    return (this.#data ??= this.#raw() ?? this.#source.then((result) => result.data));
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }
}

/** Bad input surfaces the way every other failure does: as a rejection, with no request sent. */
export function rejectedApiPromise<T>(error: unknown): ApiPromise<T> {
  return new ApiPromise<T>(Promise.reject(error));
}
