// The light view of an expression shown until the field is focused: the same tokens monaco's
// expression language colours (setup.ts), and the error ranges to underline. Pure, so it is
// tested in node and costs no monaco.
import { type ExprDiagnostic, offsetOf } from './expression-scope';

export type TokenKind = 'keyword' | 'identifier' | 'number' | 'string' | 'bracket' | 'operator' | 'text';

export interface ViewPiece {
  text: string;
  kind: TokenKind;
  /** inside an error's range (underlined like monaco's marker) */
  error: boolean;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'in']);

// the rules of the Monarch tokenizer in setup.ts, in the same order
const RULES: [RegExp, TokenKind][] = [
  [/^[A-Za-z_$][\w$]*/, 'identifier'],
  [/^\d+(\.\d+)?/, 'number'],
  [/^"([^"\\]|\\.)*"/, 'string'],
  [/^'([^'\\]|\\.)*'/, 'string'],
  [/^`([^`\\]|\\.)*`/, 'string'],
  [/^[{}()[\]]/, 'bracket'],
  [/^[=><!~?:&|+\-*/^%.,]+/, 'operator'],
];

/** The expression cut into coloured tokens (anything no rule matches is plain text). */
export function tokenize(source: string): { text: string; kind: TokenKind }[] {
  const out: { text: string; kind: TokenKind }[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    let matched: { text: string; kind: TokenKind } | undefined;
    for (const [pattern, kind] of RULES) {
      const found = pattern.exec(rest);
      if (found) {
        matched = {
          text: found[0],
          kind: kind === 'identifier' && KEYWORDS.has(found[0]) ? 'keyword' : kind,
        };
        break;
      }
    }
    matched ??= { text: rest[0]!, kind: 'text' };
    const last = out[out.length - 1];
    if (matched.kind === 'text' && last?.kind === 'text') last.text += matched.text;
    else out.push(matched);
    at += matched.text.length;
  }
  return out;
}

/** Tokens split where errors start and end, each marked inside an error or not. */
export function expressionView(source: string, diagnostics: readonly ExprDiagnostic[]): ViewPiece[] {
  const ranges = diagnostics.map((d) => {
    const start = offsetOf(source, d.line, d.column);
    // an empty range (an error at the end) still underlines the last character
    const end = Math.max(offsetOf(source, d.endLine, d.endColumn), start + 1);
    return [Math.min(start, Math.max(0, source.length - 1)), end] as const;
  });
  const inError = (offset: number) => ranges.some(([start, end]) => offset >= start && offset < end);
  const out: ViewPiece[] = [];
  let at = 0;
  for (const token of tokenize(source)) {
    let from = 0;
    for (let i = 1; i <= token.text.length; i++) {
      if (i < token.text.length && inError(at + i) === inError(at + from)) continue;
      out.push({ text: token.text.slice(from, i), kind: token.kind, error: inError(at + from) });
      from = i;
    }
    at += token.text.length;
  }
  return out;
}
