import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/** List browser profiles. Get all browser profiles for the organization. `GET /v1/browser_profiles` */
export function listBrowserProfiles(
  client: SkyvernClient,
  params?: Params<typeof op.listBrowserProfiles>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.listBrowserProfiles>> {
  return client.request(op.listBrowserProfiles, [], params, options);
}

/**
 * Create a browser profile. Create a blank browser profile, or create one from a persistent browser session or
 * workflow run. `POST /v1/browser_profiles` — creates or starts something: never retried once the server may
 * have acted.
 */
export function createBrowserProfile(
  client: SkyvernClient,
  params: Params<typeof op.createBrowserProfile>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createBrowserProfile>> {
  return client.request(op.createBrowserProfile, [], params, options);
}

/** Get browser profile. Get a specific browser profile by ID. `GET /v1/browser_profiles/{profile_id}` */
export function getBrowserProfile(
  client: SkyvernClient,
  profileId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getBrowserProfile>> {
  return client.request(op.getBrowserProfile, [profileId], undefined, options);
}

/**
 * Update browser profile. Update a browser profile's name and/or description. `PATCH
 * /v1/browser_profiles/{profile_id}`
 */
export function updateBrowserProfile(
  client: SkyvernClient,
  profileId: string,
  params?: Params<typeof op.updateBrowserProfile>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateBrowserProfile>> {
  return client.request(op.updateBrowserProfile, [profileId], params, options);
}

/** Delete browser profile. Delete a browser profile (soft delete). `DELETE /v1/browser_profiles/{profile_id}` */
export function deleteBrowserProfile(
  client: SkyvernClient,
  profileId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteBrowserProfile>> {
  return client.request(op.deleteBrowserProfile, [profileId], undefined, options);
}

/**
 * Get browser profile usage. The workflows, credentials and recent runs that depend on a browser profile.
 * `GET /v1/browser_profiles/{profile_id}/usage`
 */
export function getBrowserProfileUsage(
  client: SkyvernClient,
  profileId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getBrowserProfileUsage>> {
  return client.request(op.getBrowserProfileUsage, [profileId], undefined, options);
}

/**
 * Every item of `listBrowserProfiles`, page after page: `for await (const item of client.iterBrowserProfiles({
 * page_size: 50 }))`. Honours `signal`.
 */
export function iterBrowserProfiles(
  client: SkyvernClient,
  params?: Params<typeof op.listBrowserProfiles>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.listBrowserProfiles>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.listBrowserProfiles>, o) => listBrowserProfiles(client, p, o),
    (page: Result<typeof op.listBrowserProfiles>) => page,
    params,
    options,
  );
}
