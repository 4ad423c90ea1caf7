import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type LoadedApp =
  | { file: string; ok: true; app: unknown }
  | { file: string; ok: false; message: string };

/** Resolves a path given on the command line to an app.json: a file as is, a folder to its app.json. */
export async function resolveAppFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return join(path, 'app.json');
  return path;
}

/** Reads and parses an app file; unreadable files and bad JSON become a message with line and column. */
export async function loadApp(path: string): Promise<LoadedApp> {
  const file = await resolveAppFile(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(error);
    return { file, ok: false, message: `cannot read: ${reason}` };
  }
  try {
    return { file, ok: true, app: JSON.parse(text) };
  } catch (error) {
    return { file, ok: false, message: describeJsonError(text, error as Error) };
  }
}

function describeJsonError(text: string, error: Error): string {
  const match = /at position (\d+)/.exec(error.message);
  const detail = error.message.replace(/ in JSON at position \d+.*$/, '');
  if (!match) return `not valid JSON: ${detail}`;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const lineNumber = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `not valid JSON at line ${lineNumber}, column ${column}: ${detail}`;
}
