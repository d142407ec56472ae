import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params } from '../internal/types.js';

/** Login Task. Log in to a website using either credential stored in Skyvern, Bitwarden, 1Password, or Azure Vault. `POST /v1/run/tasks/login` — creates or starts something: never retried once the server may have acted. */
export function login(client: SkyvernClient, params: Params<typeof op.login>, options?: RequestOptions) {
  return client.request(op.login, [], params, options);
}

/** File Download Task. Download a file from a website by navigating and clicking download buttons. `POST /v1/run/tasks/download_files` — creates or starts something: never retried once the server may have acted. */
export function downloadFiles(client: SkyvernClient, params: Params<typeof op.downloadFiles>, options?: RequestOptions) {
  return client.request(op.downloadFiles, [], params, options);
}

/** Run an SDK action. Execute a single SDK action with the specified parameters. `POST /v1/sdk/run_action` — creates or starts something: never retried once the server may have acted. */
export function runSdkAction(client: SkyvernClient, params: Params<typeof op.runSdkAction>, options?: RequestOptions) {
  return client.request(op.runSdkAction, [], params, options);
}
