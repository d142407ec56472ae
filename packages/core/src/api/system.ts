import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';

/** Get server version. Returns the current Skyvern server version (git SHA for official builds). `GET /v1/version` */
export function getVersion(client: SkyvernClient, options?: RequestOptions) {
  return client.request(op.getVersion, [], undefined, options);
}
