import { UserAbortError } from '../errors/connection-error.js';
import { checkParams } from '../internal/validate.js';
import type { OperationDescriptor } from '../internal/operation.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { SkyvernClient } from '../skyvern-client.js';

interface PageParams {
  page?: number | null;
  page_size?: number | null;
}

/**
 * Walks numbered pages from `params.page` (default 1) and yields their items.
 * Stops after an empty page or a short one (fewer items than `page_size`, or
 * than the first page when the server chose the size), or at `total_count`.
 */
export async function* paginate<T, P extends PageParams>(
  fetchPage: (params: P, options?: RequestOptions) => Promise<T[] | { total_count?: number; [key: string]: unknown }>,
  itemsOf: (page: never) => T[],
  params: P | undefined,
  options?: RequestOptions,
): AsyncGenerator<T, void, undefined> {
  checkParams(params);
  let page = params?.page ?? 1;
  let pageSize = params?.page_size ?? undefined;
  let seen = 0;
  for (;;) {
    if (options?.signal?.aborted) throw new UserAbortError(options.signal.reason);
    const answer = await fetchPage({ ...params, page } as P, options);
    const items = itemsOf(answer as never);
    for (const item of items) yield item;
    seen += items.length;
    pageSize ??= items.length;
    const total = Array.isArray(answer) ? undefined : answer.total_count;
    if (items.length === 0 || items.length < pageSize || (total !== undefined && seen >= total)) return;
    page++;
  }
}

/** Every item of a paginated operation (its descriptor says where a page keeps them), page after page. */
export function iterate<T>(
  client: SkyvernClient,
  op: OperationDescriptor,
  pathArgs: readonly unknown[],
  params: PageParams | undefined,
  options?: RequestOptions,
): AsyncGenerator<T, void, undefined> {
  const key = op.paginated;
  return paginate(
    (p, o) =>
      client.request(op, pathArgs, p, o) as unknown as Promise<T[] | { total_count?: number; [key: string]: unknown }>,
    (page: Record<string, T[]>) => (typeof key === 'string' ? page[key]! : (page as unknown as T[])),
    params,
    options,
  );
}
