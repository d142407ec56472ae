import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/** Get folders. Get all folders for the organization. `GET /v1/folders` */
export function getFolders(
  client: SkyvernClient,
  params?: Params<typeof op.getFolders>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getFolders>> {
  return client.request(op.getFolders, [], params, options);
}

/**
 * Create folder. Create a new folder to organize workflows. `POST /v1/folders` — creates or starts something:
 * never retried once the server may have acted.
 */
export function createFolder(
  client: SkyvernClient,
  params: Params<typeof op.createFolder>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createFolder>> {
  return client.request(op.createFolder, [], params, options);
}

/** Get folder. Get a specific folder by ID. `GET /v1/folders/{folder_id}` */
export function getFolder(
  client: SkyvernClient,
  folderId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getFolder>> {
  return client.request(op.getFolder, [folderId], undefined, options);
}

/** Update folder. Update a folder's title or description. `PUT /v1/folders/{folder_id}` */
export function updateFolder(
  client: SkyvernClient,
  folderId: string,
  params?: Params<typeof op.updateFolder>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateFolder>> {
  return client.request(op.updateFolder, [folderId], params, options);
}

/** Delete folder. Delete a folder. Optionally delete all workflows in the folder. `DELETE /v1/folders/{folder_id}` */
export function deleteFolder(
  client: SkyvernClient,
  folderId: string,
  params?: Params<typeof op.deleteFolder>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteFolder>> {
  return client.request(op.deleteFolder, [folderId], params, options);
}

/**
 * Every item of `getFolders`, page after page: `for await (const item of client.iterFolders({ page_size: 50
 * }))`. Honours `signal`.
 */
export function iterFolders(
  client: SkyvernClient,
  params?: Params<typeof op.getFolders>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getFolders>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getFolders>, o) => getFolders(client, p, o),
    (page: Result<typeof op.getFolders>) => page,
    params,
    options,
  );
}
