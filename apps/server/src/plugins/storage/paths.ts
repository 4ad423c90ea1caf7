// File paths inside an app's bucket. Everything that could step outside the bucket is refused here,
// before any adapter sees the path: "..", ".", absolute paths, backslashes, NUL and other control
// characters, and percent-encoded forms of those (a path is never decoded twice).

export class PathError extends Error {
  override name = 'PathError';
}

const maxPathLength = 512;

/** Checks a cloud path such as `avatars/u1/me.png`; returns it unchanged or throws PathError. */
export function checkCloudPath(path: unknown, { prefix = false } = {}): string {
  if (typeof path !== 'string') throw new PathError('The cloud path must be a string');
  if (path === '' && prefix) return path;
  if (path === '') throw new PathError('The cloud path is empty');
  if (path.length > maxPathLength)
    throw new PathError(`The cloud path is longer than ${maxPathLength} characters`);
  if (path.startsWith('/')) throw new PathError('The cloud path must be relative (no leading "/")');
  if (hasControlOrBackslash(path))
    throw new PathError('The cloud path cannot contain backslashes or control characters');
  if (/%(2e|2f|5c|00)/i.test(path))
    throw new PathError('The cloud path cannot contain encoded ".", "/", "\\" or NUL');
  const segments = path.split('/');
  // A prefix may end with "/" (a folder); a file path may not.
  const checked = prefix && path.endsWith('/') ? segments.slice(0, -1) : segments;
  for (const segment of checked) {
    if (segment === '') throw new PathError('The cloud path has an empty segment ("//" or a trailing "/")');
    if (segment === '.' || segment === '..')
      throw new PathError('The cloud path cannot contain "." or ".." segments');
    if (/^[a-zA-Z]:$/.test(segment)) throw new PathError('The cloud path cannot contain a drive letter');
  }
  return path;
}

/** `cloud://<appId>/<path>` */
export function fileIdOf(appId: string, path: string): string {
  return `cloud://${appId}/${path}`;
}

/** The path inside this app's bucket named by a file id; PathError for malformed ids or another app's files. */
export function pathOfFileId(appId: string, fileId: unknown): string {
  if (typeof fileId !== 'string' || !fileId.startsWith('cloud://'))
    throw new PathError('A file ID looks like cloud://<appId>/<path>');
  const rest = fileId.slice('cloud://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0 || rest.slice(0, slash) !== appId)
    throw new PathError(`The file ID does not belong to app ${appId}`);
  return checkCloudPath(rest.slice(slash + 1));
}

function hasControlOrBackslash(path: string): boolean {
  for (let index = 0; index < path.length; index++) {
    const code = path.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
