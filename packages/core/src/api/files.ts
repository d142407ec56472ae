import * as op from '../generated/operations.js';
import type { components } from '../generated/schema.js';
import { rejectedApiPromise, type ApiPromise } from '../internal/api-promise.js';
import { REQUEST_OPTION_KEYS, type RequestOptions } from '../internal/request-options.js';
import { withStringFields } from '../internal/run-shape.js';
import { toFile, type FileInput } from '../internal/to-file.js';
import { checkFields } from '../internal/check-fields.js';
import { checkParams } from '../internal/validate.js';
import { ValidationError } from '../errors/validation-error.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { UploadFileResponse } from '../types.js';

const uploadShape = /* @__PURE__ */ withStringFields('s3_uri', 'presigned_url');

/** The form fields of an upload besides the file: `{ retention_days?: number | null }`. */
export type UploadFileParams = Omit<components['schemas']['Body_upload_file_v1_upload_file_post'], 'file'>;

/** `uploadFile(file, options)` (before `retention_days` existed) still means what it meant. */
function isRequestOptions(value: unknown): value is RequestOptions {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => (REQUEST_OPTION_KEYS as readonly string[]).includes(key));
}

/**
 * Uploads a file (multipart field `file`, at most 10 MB) for use in runs; answers
 * `{ s3_uri, presigned_url, file_id?, expires_at? }`. `POST /v1/upload_file`. `retention_days`
 * deletes it automatically after that many days (`expires_at` says when); `deleteFile(file_id)` deletes it
 * sooner. Uses only FormData and Blob, so it behaves the same on every runtime. Not retried once sent.
 */
export function uploadFile(
  client: SkyvernClient,
  file: FileInput,
  params?: UploadFileParams | RequestOptions,
  options?: RequestOptions,
): ApiPromise<UploadFileResponse> {
  const wireOp = {
    name: op.uploadFile.name,
    method: op.uploadFile.method,
    path: op.uploadFile.path,
    idempotent: false,
  } as const;
  try {
    let fields = params as Record<string, unknown> | undefined;
    if (options === undefined && isRequestOptions(params)) {
      options = params;
      fields = undefined;
    }
    checkParams(fields, op.uploadFile.name);
    const known = op.uploadFile.fields?.map(([key]) => key) ?? [];
    for (const key of Object.keys(fields ?? {})) {
      if (!known.includes(key)) throw new ValidationError(key, 'is not a parameter of uploadFile', op.uploadFile.name);
    }
    if (op.uploadFile.fields) checkFields(op.uploadFile.fields, fields ?? {}, op.uploadFile.name);
    const { blob, filename } = toFile(file, op.uploadFile.name);
    const form = new FormData();
    form.append('file', blob, filename);
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value !== undefined && value !== null) form.append(key, String(value));
    }
    return client.sendRaw({ op: wireOp, path: op.uploadFile.path, body: form }, options, { shape: uploadShape });
  } catch (error) {
    return rejectedApiPromise(error);
  }
}
