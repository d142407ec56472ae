import type { UploadFileResponse } from '@skyvern-edge/core';
import { useSkyvernClient } from '@skyvern-edge/react';
import { useState, type ChangeEvent } from 'react';

type UploadState =
  | { state: 'idle' }
  | { state: 'uploading'; name: string }
  | { state: 'done'; name: string; size: number; result: UploadFileResponse }
  | { state: 'error'; message: string };

/** A file for a run (a CSV to fill a form with, a document to upload on a site): uploadFile → s3_uri. */
export function UploadPanel() {
  const skyvern = useSkyvernClient();
  const [upload, setUpload] = useState<UploadState>({ state: 'idle' });

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setUpload({ state: 'uploading', name: file.name });
    try {
      const result = await skyvern.uploadFile(file); // streamed through the proxy, ≤ 10 MB
      setUpload({ state: 'done', name: file.name, size: file.size, result });
    } catch (error) {
      setUpload({
        state: 'error',
        message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    } finally {
      event.target.value = '';
    }
  };

  return (
    <section aria-labelledby="upload-title" data-testid="upload-panel">
      <h2 id="upload-title">Upload a file</h2>
      <label>
        File (at most 10 MB)
        <input data-testid="upload-input" type="file" onChange={onChange} disabled={upload.state === 'uploading'} />
      </label>
      <p data-testid="upload-state" data-state={upload.state}>
        {upload.state === 'idle' && 'No file uploaded yet.'}
        {upload.state === 'uploading' && `Uploading ${upload.name}…`}
        {upload.state === 'done' && `Uploaded ${upload.name} (${upload.size} bytes)`}
      </p>
      {upload.state === 'done' && (
        <p>
          Use it in a run as <code data-testid="upload-s3-uri">{upload.result.s3_uri}</code>
        </p>
      )}
      {upload.state === 'error' && (
        <p role="alert" data-testid="upload-error">
          {upload.message}
        </p>
      )}
    </section>
  );
}
