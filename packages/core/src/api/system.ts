import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Result } from '../internal/types.js';

/** Get server version. Returns the current Skyvern server version (git SHA for official builds). `GET /v1/version` */
export function getVersion(client: SkyvernClient, options?: RequestOptions): ApiPromise<Result<typeof op.getVersion>> {
  return client.request(op.getVersion, [], undefined, options);
}
