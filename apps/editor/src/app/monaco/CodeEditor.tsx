// A code block editor: TypeScript in monaco, checked by its TS worker against the declarations
// of the app's scope (`declarations`, e.g. from scopeDeclarations()).
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { loadMonaco } from './load';
import './monaco.css';

type Setup = Awaited<ReturnType<typeof loadMonaco>>;
type Editor = import('monaco-editor').editor.IStandaloneCodeEditor;

export interface CodeProblem {
  message: string;
  line: number;
  column: number;
}

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  /** accessible name of the editor */
  label: string;
  /** the model's file name, unique per block (e.g. `orders.ts`) */
  fileName: string;
  language?: 'typescript' | 'javascript';
  /** ambient declarations the code is checked against */
  declarations?: string;
  /** problems the TS worker reports, whenever they change */
  onProblems?(problems: CodeProblem[]): void;
  height?: number;
}

let declarationsLib: { dispose(): void } | undefined;
let declarationsText = '';

function setDeclarations(setup: Setup, text: string): void {
  if (text === declarationsText) return;
  declarationsText = text;
  declarationsLib?.dispose();
  declarationsLib = setup.monaco.typescript.typescriptDefaults.addExtraLib(
    text,
    'file:///tessera-scope.d.ts',
  );
}

export function CodeEditor({
  value,
  onChange,
  label,
  fileName,
  language = 'typescript',
  declarations,
  onProblems,
  height = 240,
}: CodeEditorProps): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<{ setup: Setup; editor: Editor } | null>(null);
  const latest = useRef({ onChange, onProblems, value });
  latest.current = { onChange, onProblems, value };
  const [ready, setReady] = useState(false);
  // texts the editor itself reported since React last caught up: a `value` among them is not an
  // outside change (typing runs ahead of React's renders; resetting the model would jump the cursor)
  const emitted = useRef(new Set<string>());
  const [problems, setProblems] = useState<CodeProblem[]>([]);
  const problemsId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: one monaco editor per block file; value and declarations are synced by the next effect
  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    loadMonaco().then((setup) => {
      if (disposed || !host.current) return;
      const { monaco } = setup;
      if (declarations !== undefined) setDeclarations(setup, declarations);
      const uri = monaco.Uri.parse(`file:///code/${fileName}`);
      monaco.editor.getModel(uri)?.dispose();
      const model = monaco.editor.createModel(latest.current.value, language, uri);
      const editor = monaco.editor.create(host.current, {
        model,
        ariaLabel: label,
        automaticLayout: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        tabSize: 2,
        fixedOverflowWidgets: true,
      });
      const changes = model.onDidChangeContent(() => {
        const next = model.getValue();
        emitted.current.add(next);
        if (next !== latest.current.value) latest.current.onChange(next);
      });
      const markers = monaco.editor.onDidChangeMarkers((uris) => {
        if (!uris.some((changed) => changed.toString() === uri.toString())) return;
        const next = monaco.editor
          .getModelMarkers({ resource: uri })
          .filter((marker) => marker.severity >= monaco.MarkerSeverity.Warning)
          .map((marker) => ({
            message: marker.message,
            line: marker.startLineNumber,
            column: marker.startColumn,
          }));
        setProblems(next);
        latest.current.onProblems?.(next);
      });
      editorRef.current = { setup, editor };
      setReady(true);
      cleanup = () => {
        changes.dispose();
        markers.dispose();
        editor.dispose();
        model.dispose();
      };
    });
    return () => {
      disposed = true;
      editorRef.current = null;
      cleanup?.();
    };
  }, [fileName, language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` re-runs it once the editor exists
  useEffect(() => {
    const current = editorRef.current;
    if (!current) return;
    if (declarations !== undefined) setDeclarations(current.setup, declarations);
    const model = current.editor.getModel();
    if (!model) return;
    if (model.getValue() === value) emitted.current.clear();
    else if (!emitted.current.has(value)) model.setValue(value);
  }, [value, declarations, ready]);

  return (
    <div className="code-field">
      <div ref={host} className="code-editor" style={{ height }} data-ready={ready || undefined} />
      {problems.length > 0 ? (
        <ul id={problemsId} className="expr-errors" aria-live="polite">
          {problems.map((p) => (
            <li key={`${p.line}:${p.column}:${p.message}`}>
              {p.line}:{p.column} {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
