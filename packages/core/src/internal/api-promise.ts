export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
}

/**
 * A Promise of the parsed body that can also hand out the raw Response:
 * `await client.getRun(id)` or `await client.getRun(id).withResponse()`.
 * The data promise is made only when awaited, so using `withResponse()` alone
 * leaves no second, unhandled rejection behind.
 */
export class ApiPromise<T> extends Promise<T> {
  // then/catch/finally return plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #source: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(source: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#source = source;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#source;
  }

  #parsed(): Promise<T> {
    return (this.#data ??= this.#source.then((result) => result.data));
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
