import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from './validate.js';

/** What uploadFile takes: bytes in any web form, or bytes with a name. */
export type FileInput =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | { data: Blob | ArrayBuffer | ArrayBufferView | string; filename: string; contentType?: string };

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A Blob and a filename for the multipart `file` field, or a ValidationError. */
export function toFile(input: FileInput, where: string): { blob: Blob; filename: string } {
  let blob: Blob;
  let filename: string | undefined;
  if (input instanceof Blob) {
    blob = input;
    filename = (input as { name?: unknown }).name as string | undefined;
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    blob = new Blob([input as BlobPart]);
  } else if (input && typeof input === 'object' && 'data' in input) {
    const { data, contentType } = input;
    filename = input.filename;
    if (typeof filename !== 'string' || filename.trim() === '') {
      throw new ValidationError(
        'file.filename',
        `must be a non-empty string (received ${describeValue(filename)})`,
        where,
      );
    }
    if (contentType !== undefined && typeof contentType !== 'string') {
      throw new ValidationError('file.contentType', 'must be a string', where);
    }
    if (
      !(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data) || typeof data === 'string')
    ) {
      throw new ValidationError(
        'file.data',
        `must be a Blob, ArrayBuffer, Uint8Array or string (received ${describeValue(data)})`,
        where,
      );
    }
    blob = new Blob([data as BlobPart], { type: contentType ?? (data instanceof Blob ? data.type : '') });
  } else {
    throw new ValidationError(
      'file',
      `must be a Blob, File, ArrayBuffer, Uint8Array or { data, filename, contentType? } (received ${describeValue(input)})`,
      where,
    );
  }
  if (blob.size > MAX_UPLOAD_BYTES) {
    throw new ValidationError(
      'file',
      `is ${(blob.size / 1024 / 1024).toFixed(1)} MB; Skyvern accepts at most 10 MB per upload`,
      where,
    );
  }
  return { blob, filename: typeof filename === 'string' && filename ? filename : 'upload.bin' };
}
