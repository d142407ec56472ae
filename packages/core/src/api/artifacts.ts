import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';

/** Get artifact content. Download the raw content of an artifact (supports bundled artifacts). `GET /v1/artifacts/{artifact_id}/content` */
export function getArtifactContent(client: SkyvernClient, artifactId: string, options?: RequestOptions) {
  return client.request(op.getArtifactContent, [artifactId], undefined, options);
}
