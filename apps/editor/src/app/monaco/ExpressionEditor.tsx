// An expression field: monaco with completion of the scope's names and inline errors from
// @tessera/expr (markers in the editor, and the same messages as text under it). Until the
// field is focused or clicked it is a light view (plain DOM, the same colours and error
// underline): selecting a node with several expressions then mounts no monaco editor at all
// (decision 175).
import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { diagnoseExpression, type ExpressionScope } from './expression-scope';
import { expressionView } from './expression-view';
import { loadMonaco } from './load';
import './monaco.css';

type Setup = Awaited<ReturnType<typeof loadMonaco>>;
type Editor = import('monaco-editor').editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'tessera-expression';
let modelCount = 0;

export interface ExpressionEditorProps {
  value: string;
  onChange(value: string): void;
  scope: ExpressionScope;
  /** accessible name of the field */
  label: string;
  /** ids of elements describing the field (its help text) */
  describedBy?: string;
  /** mounts monaco at once and focuses it (a field just switched to an expression) */
  autoFocus?: boolean;
  /** most lines shown before it scrolls (default 6) */
  maxLines?: number;
}

export function ExpressionEditor({
  value,
  onChange,
  scope,
  label,
  describedBy,
  autoFocus,
  maxLines = 6,
}: ExpressionEditorProps): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<{ setup: Setup; editor: Editor } | null>(null);
  const latest = useRef({ onChange, scope, value });
  latest.current = { onChange, scope, value };
  const [ready, setReady] = useState(false);
  // monaco is mounted on the first focus or click of the light view (or at once with autoFocus)
  const [active, setActive] = useState(Boolean(autoFocus));
  // focus monaco once it exists: the builder focused the field, or it was just switched on
  const focusOnReady = useRef(Boolean(autoFocus));
  // where the light view was clicked, to put monaco's cursor there
  const clickedAt = useRef<{ x: number; y: number } | null>(null);
  // texts the editor itself reported since React last caught up: a `value` among them is not an
  // outside change (typing runs ahead of React's renders; resetting the model would jump the cursor)
  const emitted = useRef(new Set<string>());
  const errorsId = useId();
  const diagnostics = useMemo(() => (value.trim() ? diagnoseExpression(value, scope) : []), [value, scope]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one monaco editor per activated field; value, scope and label are synced by the next effect
  useEffect(() => {
    if (!active) return undefined;
    let disposed = false;
    let cleanup: (() => void) | undefined;
    loadMonaco().then((setup) => {
      if (disposed || !host.current) return;
      const { monaco } = setup;
      const uri = monaco.Uri.parse(`inmemory://expression/${++modelCount}.expr`);
      const model = monaco.editor.createModel(latest.current.value, setup.EXPRESSION_LANGUAGE, uri);
      setup.modelScopes.set(model, latest.current.scope);
      const editor = monaco.editor.create(host.current, {
        model,
        ariaLabel: label,
        automaticLayout: true,
        minimap: { enabled: false },
        lineNumbers: 'off',
        glyphMargin: false,
        folding: false,
        lineDecorationsWidth: 4,
        lineNumbersMinChars: 0,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        renderLineHighlight: 'none',
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
        fixedOverflowWidgets: true,
        tabFocusMode: true,
        fontSize: 13,
        quickSuggestions: { other: true, strings: false, comments: false },
        suggestOnTriggerCharacters: true,
        contextmenu: false,
      });
      const fit = () => {
        const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
        const height = Math.min(editor.getContentHeight(), lineHeight * maxLines + 8);
        if (host.current) host.current.style.height = `${Math.max(height, lineHeight + 8)}px`;
      };
      const changes = model.onDidChangeContent(() => {
        const next = model.getValue();
        emitted.current.add(next);
        if (next !== latest.current.value) latest.current.onChange(next);
      });
      const sizes = editor.onDidContentSizeChange(fit);
      fit();
      editorRef.current = { setup, editor };
      // focus it unless the builder moved on to another control while monaco loaded
      const focused = document.activeElement;
      const stillHere = !focused || focused === document.body || host.current.contains(focused);
      if (focusOnReady.current && (autoFocus || stillHere)) {
        const at =
          clickedAt.current && editor.getTargetAtClientPoint(clickedAt.current.x, clickedAt.current.y);
        if (at?.position) editor.setPosition(at.position);
        else if (!autoFocus) editor.setPosition(model.getFullModelRange().getEndPosition());
        editor.focus();
      }
      setReady(true);
      cleanup = () => {
        changes.dispose();
        sizes.dispose();
        editor.dispose();
        model.dispose();
      };
    });
    return () => {
      disposed = true;
      editorRef.current = null;
      cleanup?.();
    };
  }, [active]);

  // Outside changes (undo, another field) replace the text; the scope follows the document.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` re-runs it once the editor exists
  useEffect(() => {
    const current = editorRef.current;
    if (!current) return;
    const model = current.editor.getModel();
    if (!model) return;
    current.setup.modelScopes.set(model, scope);
    if (model.getValue() === value) emitted.current.clear();
    else if (!emitted.current.has(value)) model.setValue(value);
    current.editor.updateOptions({ ariaLabel: label });
    // the help text and the errors describe monaco's own text box
    const described = [describedBy, diagnostics.length ? errorsId : undefined].filter(Boolean).join(' ');
    const textbox = current.editor.getDomNode()?.querySelector('[role="textbox"], textarea');
    if (described) textbox?.setAttribute('aria-describedby', described);
    else textbox?.removeAttribute('aria-describedby');
    current.setup.monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      diagnostics.map((d) => ({
        severity: current.setup.monaco.MarkerSeverity.Error,
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: d.endColumn,
      })),
    );
  }, [value, scope, label, diagnostics, ready, describedBy, errorsId]);

  const activate = (focus: boolean) => {
    focusOnReady.current ||= focus;
    setActive(true);
  };
  const described = [describedBy, diagnostics.length ? errorsId : undefined].filter(Boolean).join(' ');
  return (
    <div className="expr-field">
      <div ref={host} className="expr-editor" data-ready={ready || undefined}>
        {ready ? null : (
          // The light view: the text box (label, help, errors) until monaco replaces it. While
          // monaco loads it stays as a picture only, so one text box has the field's name.
          <div
            className="expr-view"
            style={{ maxHeight: `${maxLines * 19 + 8}px` }}
            {...(active
              ? { 'aria-hidden': true }
              : {
                  role: 'textbox',
                  tabIndex: 0,
                  'aria-label': label,
                  'aria-multiline': true,
                  ...(described ? { 'aria-describedby': described } : {}),
                  ...(diagnostics.length ? { 'aria-invalid': true } : {}),
                  onFocus: () => activate(true),
                  onMouseDown: (event: MouseEvent) => {
                    clickedAt.current = { x: event.clientX, y: event.clientY };
                  },
                  // the chunk starts loading while the pointer comes near
                  onPointerEnter: () => void loadMonaco(),
                  onKeyDown: (event: KeyboardEvent) => {
                    if (event.key === 'Enter') activate(true);
                  },
                })}
          >
            {expressionView(value, diagnostics).map((piece, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
                key={i}
                className={`expr-tok-${piece.kind}${piece.error ? ' expr-squiggle' : ''}`}
              >
                {piece.text}
              </span>
            ))}
            {value === '' ? '\u200b' : null}
          </div>
        )}
      </div>
      {diagnostics.length > 0 ? (
        <ul id={errorsId} className="expr-errors" role="alert">
          {diagnostics.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`}>
              {d.line}:{d.column} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
