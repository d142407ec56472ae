import * as v from 'valibot';
import { rejectedApiPromise, type ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import { toFile, type FileInput } from '../internal/to-file.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { UploadFileResponse } from '../types.js';

const uploadShape = /* @__PURE__ */ v.looseObject({ s3_uri: v.string(), presigned_url: v.string() });

/**
 * Uploads a file (multipart field `file`, at most 10 MB) for use in runs; answers
 * `{ s3_uri, presigned_url }`. `POST /v1/upload_file`. Uses only FormData and
 * Blob, so it behaves the same on every runtime. Not retried once sent.
 */
export function uploadFile(
  client: SkyvernClient,
  file: FileInput,
  options?: RequestOptions,
): ApiPromise<UploadFileResponse> {
  const op = { name: 'uploadFile', method: 'POST', path: '/v1/upload_file', idempotent: false } as const;
  try {
    const { blob, filename } = toFile(file, op.name);
    const form = new FormData();
    form.append('file', blob, filename);
    return client.sendRaw({ op, path: op.path, body: form }, options, { shape: uploadShape });
  } catch (error) {
    return rejectedApiPromise(error);
  }
}
