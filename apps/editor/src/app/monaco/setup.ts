// The monaco chunk: imported only through loadMonaco() (a dynamic import), so monaco's few MB
// load with the first code or expression field, not with the editor shell.
import '../monaco-env';
import * as monaco from 'monaco-editor';
import { completeExpression, type ExpressionScope } from './expression-scope';

export { monaco };

/** Language id of Tessera expressions (JavaScript colouring, our completion and errors). */
export const EXPRESSION_LANGUAGE = 'tessera-expression';

/** The scope each expression model completes against, set by its ExpressionEditor. */
export const modelScopes = new WeakMap<monaco.editor.ITextModel, ExpressionScope>();

const KINDS = {
  root: monaco.languages.CompletionItemKind.Variable,
  member: monaco.languages.CompletionItemKind.Field,
  method: monaco.languages.CompletionItemKind.Method,
  function: monaco.languages.CompletionItemKind.Function,
};

monaco.languages.register({ id: EXPRESSION_LANGUAGE });
monaco.languages.setMonarchTokensProvider(EXPRESSION_LANGUAGE, {
  keywords: ['true', 'false', 'null', 'undefined', 'typeof', 'in'],
  tokenizer: {
    root: [
      [/[A-Za-z_$][\w$]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/\d+(\.\d+)?/, 'number'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'([^'\\]|\\.)*'/, 'string'],
      [/`([^`\\]|\\.)*`/, 'string'],
      [/[{}()[\]]/, '@brackets'],
      [/[=><!~?:&|+\-*/^%.,]+/, 'operator'],
    ],
  },
});
monaco.languages.setLanguageConfiguration(EXPRESSION_LANGUAGE, {
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'" },
    { open: '"', close: '"' },
    { open: '`', close: '`' },
  ],
});
monaco.languages.registerCompletionItemProvider(EXPRESSION_LANGUAGE, {
  triggerCharacters: ['.'],
  provideCompletionItems(model, position) {
    const scope = modelScopes.get(model);
    if (!scope) return { suggestions: [] };
    const offset = model.getOffsetAt(position);
    const { items, replaceFrom } = completeExpression(model.getValue(), offset, scope);
    const start = model.getPositionAt(replaceFrom);
    const range = new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column);
    return {
      suggestions: items.map((item, i) => ({
        label: item.label,
        kind: KINDS[item.kind],
        ...(item.detail ? { detail: item.detail } : {}),
        insertText: item.label,
        sortText: String(i).padStart(4, '0'),
        range,
      })),
    };
  },
});

// Code blocks: TypeScript checked in the TS worker against the generated scope declarations.
monaco.typescript.typescriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ES2020,
  module: monaco.typescript.ModuleKind.ESNext,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  lib: ['es2020'],
});
monaco.typescript.typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
});
