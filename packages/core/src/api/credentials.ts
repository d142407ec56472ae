import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/**
 * Get all credentials. Retrieves a paginated list of credentials for the current organization. `GET
 * /v1/credentials`
 */
export function getCredentials(
  client: SkyvernClient,
  params?: Params<typeof op.getCredentials>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getCredentials>> {
  return client.request(op.getCredentials, [], params, options);
}

/**
 * Create credential. Creates a new credential for the current organization. `POST /v1/credentials` — creates or
 * starts something: never retried once the server may have acted.
 */
export function createCredential(
  client: SkyvernClient,
  params: Params<typeof op.createCredential>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createCredential>> {
  return client.request(op.createCredential, [], params, options);
}

/** Get credential by ID. Retrieves a specific credential by its ID. `GET /v1/credentials/{credential_id}` */
export function getCredential(
  client: SkyvernClient,
  credentialId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getCredential>> {
  return client.request(op.getCredential, [credentialId], undefined, options);
}

/**
 * Update credential. Overwrites the stored credential data (e.g. username/password) while keeping the same
 * credential_id. `POST /v1/credentials/{credential_id}/update`
 */
export function updateCredential(
  client: SkyvernClient,
  credentialId: string,
  params: Params<typeof op.updateCredential>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateCredential>> {
  return client.request(op.updateCredential, [credentialId], params, options);
}

/** Delete credential. Deletes a specific credential by its ID. `POST /v1/credentials/{credential_id}/delete` */
export function deleteCredential(
  client: SkyvernClient,
  credentialId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteCredential>> {
  return client.request(op.deleteCredential, [credentialId], undefined, options);
}

/**
 * Send TOTP code. Forward a TOTP (2FA, MFA) email or sms message containing the code to Skyvern. This endpoint
 * stores the code in database so that Skyvern can use it while running tasks/workflows. `POST
 * /v1/credentials/totp` — creates or starts something: never retried once the server may have acted.
 */
export function sendTotpCode(
  client: SkyvernClient,
  params: Params<typeof op.sendTotpCode>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.sendTotpCode>> {
  return client.request(op.sendTotpCode, [], params, options);
}

/**
 * Every item of `getCredentials`, page after page: `for await (const item of client.iterCredentials({ page_size:
 * 50 }))`. Honours `signal`.
 */
export function iterCredentials(
  client: SkyvernClient,
  params?: Params<typeof op.getCredentials>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getCredentials>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getCredentials>, o) => getCredentials(client, p, o),
    (page: Result<typeof op.getCredentials>) => page,
    params,
    options,
  );
}
