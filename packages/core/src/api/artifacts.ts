import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { OperationDescriptor } from '../internal/operation.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Schemas } from '../types.js';

// Served by Skyvern and used by the Python SDK, though absent from the spec.
const getArtifactOp: OperationDescriptor = { name: 'getArtifact', method: 'GET', path: '/v1/artifacts/{artifact_id}' };

/** One artifact's metadata (type, uri, signed_url). `GET /v1/artifacts/{artifact_id}` (not in the spec). */
export function getArtifact(
  client: SkyvernClient,
  artifactId: string,
  options?: RequestOptions,
): ApiPromise<Schemas['Artifact']> {
  return client.request(getArtifactOp, [artifactId], undefined, options) as unknown as ApiPromise<Schemas['Artifact']>;
}

/** The artifact's raw bytes (a screenshot, a recording, HTML) as a Blob. `GET /v1/artifacts/{artifact_id}/content` */
export function getArtifactContent(
  client: SkyvernClient,
  artifactId: string,
  options?: RequestOptions,
): ApiPromise<Blob> {
  return client.request(op.getArtifactContent, [artifactId], undefined, options, {
    as: 'blob',
  }) as unknown as ApiPromise<Blob>;
}
