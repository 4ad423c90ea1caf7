// Uploads into an app's storage bucket with the builder API, shared by the Storage screen and the
// inspector's image picker; and the URL the editor shows a stored file at.
import { ApiError, csrfToken, path } from './api';

/** A file in the app's bucket as the builder API lists it. */
export interface StoredFile {
  /** `cloud://<appId>/<path>`: what props and actions store */
  fileID: string;
  path: string;
  size: number;
  contentType: string;
  createdAt: string;
}

/**
 * Uploads one file to the app's bucket (replacing a file at that path), reporting progress
 * (fetch cannot, XMLHttpRequest can). Resolves with the stored file; rejects with ApiError for
 * the server's refusals (413 too large, 415 type not accepted...) and a plain Error when the
 * server cannot be reached.
 */
export function uploadFile(
  appId: string,
  cloudPath: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path('/api/apps/:appId/storage/files', { appId }));
    const csrf = csrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: the status line says what happened
      }
      if (request.status >= 200 && request.status < 300) return resolve(body as unknown as StoredFile);
      const message =
        typeof body.message === 'string' ? body.message : `${request.status} ${request.statusText}`;
      reject(new ApiError(request.status, message, [], body));
    };
    request.onerror = () => reject(new Error('Cannot reach the Tessera server'));
    const form = new FormData();
    form.append('path', cloudPath);
    form.append('file', file, file.name);
    request.send(form);
  });
}

/** A path beside `wanted` that no listed file uses (`photo.png` → `photo-2.png`). */
export function freePath(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  const dot = wanted.lastIndexOf('.');
  const slash = wanted.lastIndexOf('/');
  const [stem, ext] = dot > slash + 1 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
}

const CLOUD_ID = /^cloud:\/\/([^/]+)\/(.+)$/;

/**
 * Where the editor (a signed-in builder) can load a stored file: `cloud://` ids become the
 * builder download route; any other value is returned as it is.
 */
export function builderFileUrl(value: string): string {
  const match = CLOUD_ID.exec(value);
  if (!match) return value;
  return `${path('/api/apps/:appId/storage/download', { appId: match[1]! })}?path=${encodeURIComponent(match[2]!)}`;
}
