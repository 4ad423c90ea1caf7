export { CodeEditor, type CodeEditorProps, type CodeProblem } from './CodeEditor';
export { ExpressionEditor, type ExpressionEditorProps } from './ExpressionEditor';
export * from './expression-scope';
export { loadMonaco } from './load';
