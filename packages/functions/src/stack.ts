import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { FunctionBundle } from './types';

const maps = new Map<string, TraceMap>();
const FRAME = /^\s*at (.*?) \(function\.js:(\d+):(\d+)\)$/;
// Frames of the sandbox runtime are noise for the function's author.
const INTERNAL = /(^tessera-entry:|(^|\/)guest\/(runtime|sdk|globals)\.ts$)/;

function traceMapOf(bundle: FunctionBundle): TraceMap | undefined {
  let map = maps.get(bundle.hash);
  if (!map && bundle.map) {
    map = new TraceMap(bundle.map);
    maps.set(bundle.hash, map);
    if (maps.size > 100) maps.delete(maps.keys().next().value as string);
  }
  return map;
}

/** Rewrites a QuickJS stack so each frame names the original source file:line:column. */
export function mapStack(name: string, message: string, stack: string, bundle: FunctionBundle): string {
  const map = traceMapOf(bundle);
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    if (!line.trim()) continue;
    const match = FRAME.exec(line);
    if (!match || !map) {
      if (!line.includes('(native)')) frames.push(`    ${line.trim()}`);
      continue;
    }
    const [, fn, lineText, columnText] = match;
    const position = originalPositionFor(map, {
      line: Number(lineText),
      column: Math.max(0, Number(columnText) - 1),
    });
    if (!position.source) continue;
    if (INTERNAL.test(position.source)) continue;
    const where = `${position.source}:${position.line}:${(position.column ?? 0) + 1}`;
    const label = fn === '<anonymous>' || fn === '<eval>' ? undefined : fn;
    frames.push(label ? `    at ${label} (${where})` : `    at ${where}`);
  }
  return [`${name}: ${message}`, ...frames].join('\n');
}
