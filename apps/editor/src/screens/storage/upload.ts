import { csrfToken } from '../../app/api';

/** Uploads one file to the app's bucket, reporting progress (fetch cannot, XMLHttpRequest can). */
export function uploadFile(
  appId: string,
  cloudPath: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/apps/${encodeURIComponent(appId)}/storage/files`);
    const csrf = csrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      let message = `${request.status} ${request.statusText}`;
      try {
        message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
      } catch {
        // not JSON: keep the status line
      }
      reject(new Error(message));
    };
    request.onerror = () => reject(new Error('Cannot reach the Tessera server'));
    const form = new FormData();
    form.append('path', cloudPath);
    form.append('file', file, file.name);
    request.send(form);
  });
}
