export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
}

/**
 * A Promise of the parsed body that can also hand out the raw Response:
 * `await client.getRun(id)` or `await client.getRun(id).withResponse()`.
 */
export class ApiPromise<T> extends Promise<T> {
  // then/catch/finally return plain Promises, not ApiPromises without a source.
  static override get [Symbol.species]() {
    return Promise;
  }

  readonly #source: Promise<WithResponse<T>>;

  constructor(source: Promise<WithResponse<T>>) {
    let settle!: (value: T) => void;
    let fail!: (reason: unknown) => void;
    super((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    this.#source = source;
    source.then((result) => settle(result.data), fail);
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#source;
  }
}

/** Bad input surfaces the way every other failure does: as a rejection, with no request sent. */
export function rejectedApiPromise<T>(error: unknown): ApiPromise<T> {
  return new ApiPromise<T>(Promise.reject(error));
}
