import { ICON_GLYPHS } from '@tessera/components/web';
// Value fields shared by the property, style, events and data panels: a typed editor for a
// literal, switchable to an expression edited in monaco. An expression reaches the store only
// when it has no error, so the draft on the server stays valid while the builder types.
import type { Value } from '@tessera/schema';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api, path } from '../../../app/api';
import { useT } from '../../../app/i18n';
import { diagnoseExpression, ExpressionEditor, type ExpressionScope } from '../../../app/monaco';
import { builderFileUrl, freePath, type StoredFile, uploadFile } from '../../../app/storage-upload';
import { Button, Dialog, ErrorState, Loading, useAsync } from '../../../app/ui';
import { messages } from './messages';

export type FieldKind =
  | 'text'
  | 'string'
  | 'textarea'
  | 'number'
  | 'boolean'
  | 'select'
  | 'color'
  | 'image'
  | 'icon'
  | 'page'
  | 'json'
  | 'loose'
  | 'expression';

export interface FieldOption {
  value: string | number | boolean;
  label: string;
}

export interface ValueFieldProps {
  label: string;
  hint?: string;
  value: Value | undefined;
  onChange(value: Value | undefined): void;
  kind: FieldKind;
  scope: ExpressionScope;
  options?: FieldOption[];
  /** may hold an expression (default true) */
  bindable?: boolean;
  defaultValue?: unknown;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  placeholder?: string;
  rows?: number;
  /** locales of the app, for i18n texts */
  locales?: readonly string[];
  /** pages of the app, for page fields */
  pages?: readonly { id: string; title: string }[];
  /** app id, for the storage picker of image fields */
  appId?: string;
}

export const isExpr = (value: unknown): value is { $expr: string } =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  typeof (value as { $expr?: unknown }).$expr === 'string';

const isI18n = (value: unknown): value is { $i18n: Record<string, string> } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && '$i18n' in value;

/** Expression source that yields the literal (to start an expression from the current value). */
export function literalSource(value: unknown): string {
  if (value === undefined || value === '') return '';
  if (isI18n(value)) return JSON.stringify(Object.values(value.$i18n)[0] ?? '').replace(/^"|"$/g, "'");
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return JSON.stringify(value);
}

/** Text of a loose value: strings as typed, everything else as JSON. */
export function formatLoose(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return looseParse(value) === value ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** A typed value from text: JSON numbers, booleans, null, arrays and objects; otherwise the string. */
export function looseParse(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(trimmed) || /^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/** One value of a prop, style or action field, with its label, help and expression switch. */
export function ValueField(props: ValueFieldProps): ReactNode {
  const { label, hint, value, onChange, kind, scope, bindable = true, defaultValue } = props;
  const t = useT(messages);
  const id = useId();
  const hintId = `${id}-hint`;
  const alwaysExpr = kind === 'expression';
  const [forced, setForced] = useState(false);
  // focus the expression editor when the builder switches to it, not when a node is selected
  const [toggled, setToggled] = useState(false);
  useEffect(() => {
    if (value !== undefined && !isExpr(value)) setForced(false);
  }, [value]);
  const exprMode = alwaysExpr || isExpr(value) || forced;

  const toggle = () => {
    setToggled(!exprMode);
    if (exprMode) {
      setForced(false);
      onChange(undefined);
      return;
    }
    const source = literalSource(value);
    if (source && diagnoseExpression(source, scope).length === 0) onChange({ $expr: source });
    else setForced(true);
  };

  const shownDefault =
    defaultValue !== undefined && defaultValue !== '' && value === undefined
      ? formatLoose(defaultValue)
      : undefined;
  return (
    <div className={`vf vf-kind-${kind}`}>
      <div className="vf-head">
        <label htmlFor={exprMode ? undefined : id} id={`${id}-label`}>
          {label}
        </label>
        {bindable && !alwaysExpr ? (
          <button
            type="button"
            className={`vf-bind${exprMode ? ' vf-bind-on' : ''}`}
            aria-pressed={exprMode}
            aria-label={exprMode ? t('useLiteral', { label }) : t('useExpression', { label })}
            title={exprMode ? t('useLiteral', { label }) : t('useExpression', { label })}
            onClick={toggle}
          >
            {'{x}'}
          </button>
        ) : null}
        {value !== undefined && !exprMode ? (
          <button
            type="button"
            className="vf-reset"
            aria-label={t('reset', { label })}
            title={t('reset', { label })}
            onClick={() => onChange(undefined)}
          >
            ↺
          </button>
        ) : null}
      </div>
      {exprMode ? (
        <ExpressionField
          source={isExpr(value) ? value.$expr : ''}
          scope={scope}
          label={t('exprLabel', { label })}
          describedBy={hint ? hintId : undefined}
          autoFocus={toggled}
          onCommit={(source) => {
            // a cleared expression stays an (empty) expression field until switched back
            if (!source) setForced(true);
            onChange(source ? { $expr: source } : undefined);
          }}
        />
      ) : (
        <LiteralEditor {...props} id={id} describedBy={hint ? hintId : undefined} />
      )}
      {hint || shownDefault ? (
        <div id={hintId} className="field-hint">
          {hint}
          {shownDefault ? (
            <span className="vf-default"> {t('defaultValue', { value: shownDefault })}</span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Monaco for the text; the store gets the expression only when it has no error (or is cleared). */
export function ExpressionField({
  source,
  scope,
  label,
  describedBy,
  autoFocus,
  onCommit,
}: {
  source: string;
  scope: ExpressionScope;
  label: string;
  describedBy?: string;
  autoFocus?: boolean;
  onCommit(source: string): void;
}): ReactNode {
  const [text, setText] = useState(source);
  const committed = useRef(source);
  useEffect(() => {
    if (source !== committed.current) {
      committed.current = source;
      setText(source);
    }
  }, [source]);
  return (
    <ExpressionEditor
      value={text}
      scope={scope}
      label={label}
      {...(describedBy ? { describedBy } : {})}
      {...(autoFocus ? { autoFocus } : {})}
      onChange={(next) => {
        setText(next);
        const trimmed = next.trim();
        if (trimmed !== '' && diagnoseExpression(next, scope).length > 0) return;
        committed.current = trimmed === '' ? '' : next;
        onCommit(committed.current);
      }}
    />
  );
}

function LiteralEditor(props: ValueFieldProps & { id: string; describedBy: string | undefined }): ReactNode {
  const { id, describedBy, kind, value, onChange, label, options, placeholder } = props;
  const t = useT(messages);
  const common = { id, 'aria-describedby': describedBy };
  switch (kind) {
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          className="vf-check"
          checked={value === undefined ? Boolean(props.defaultValue) : value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
    case 'number':
      return (
        <span className="vf-number">
          <input
            {...common}
            type="number"
            value={typeof value === 'number' ? value : ''}
            placeholder={typeof props.defaultValue === 'number' ? String(props.defaultValue) : placeholder}
            {...(props.min !== undefined ? { min: props.min } : {})}
            {...(props.max !== undefined ? { max: props.max } : {})}
            {...(props.step !== undefined ? { step: props.step } : {})}
            onChange={(event) => {
              const text = event.target.value;
              if (text === '') onChange(undefined);
              else if (Number.isFinite(Number(text))) onChange(Number(text));
            }}
          />
          {props.unit ? <span className="vf-unit">{props.unit}</span> : null}
        </span>
      );
    case 'select': {
      const list = options ?? [];
      const index = list.findIndex((option) => option.value === (value ?? props.defaultValue));
      return (
        <select
          {...common}
          value={index < 0 ? '' : String(index)}
          onChange={(event) => {
            const chosen = list[Number(event.target.value)];
            onChange(event.target.value === '' || !chosen ? undefined : chosen.value);
          }}
        >
          {index < 0 ? <option value="">—</option> : null}
          {list.map((option, i) => (
            <option key={String(option.value)} value={String(i)}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    case 'page':
      return (
        <select
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">{t('pageNone')}</option>
          {(props.pages ?? []).map((page) => (
            <option key={page.id} value={page.id}>
              {page.title} ({page.id})
            </option>
          ))}
        </select>
      );
    case 'icon':
      return <IconSelect {...common} value={value} onChange={onChange} />;
    case 'color':
      return (
        <span className="vf-color">
          <input
            type="color"
            aria-label={label}
            tabIndex={-1}
            value={typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : '#000000'}
            onChange={(event) => onChange(event.target.value)}
          />
          <input
            {...common}
            type="text"
            value={typeof value === 'string' ? value : ''}
            placeholder={typeof props.defaultValue === 'string' ? props.defaultValue : '#333333'}
            onChange={(event) => onChange(event.target.value || undefined)}
          />
        </span>
      );
    case 'image':
      return <ImageField {...props} common={common} />;
    case 'json':
      return <JsonField {...common} value={value} onChange={onChange} rows={props.rows ?? 4} />;
    case 'loose':
      return (
        <input
          {...common}
          type="text"
          value={formatLoose(value)}
          placeholder={placeholder}
          onChange={(event) =>
            onChange(event.target.value === '' ? undefined : (looseParse(event.target.value) as Value))
          }
        />
      );
    case 'text':
      if (isI18n(value)) {
        const locales = [...new Set([...(props.locales ?? []), ...Object.keys(value.$i18n)])];
        return (
          <span className="vf-i18n">
            {locales.map((locale, i) => (
              <input
                key={locale}
                {...(i === 0 ? common : {})}
                type="text"
                aria-label={t('localeText', { label, locale })}
                value={value.$i18n[locale] ?? ''}
                onChange={(event) => onChange({ $i18n: { ...value.$i18n, [locale]: event.target.value } })}
              />
            ))}
          </span>
        );
      }
      return props.rows && props.rows > 1 ? (
        <textarea
          {...common}
          rows={props.rows}
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'textarea':
      return (
        <textarea
          {...common}
          rows={props.rows ?? 3}
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          type="text"
          value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
      );
  }
}

/** JSON text, committed when it parses; the error says why not otherwise. */
function JsonField({
  id,
  value,
  onChange,
  rows,
  'aria-describedby': describedBy,
}: {
  id: string;
  value: Value | undefined;
  onChange(value: Value | undefined): void;
  rows: number;
  'aria-describedby': string | undefined;
}): ReactNode {
  const t = useT(messages);
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | undefined>();
  const last = useRef(shown);
  useEffect(() => {
    if (shown !== last.current) {
      last.current = shown;
      setText(shown);
      setError(undefined);
    }
  }, [shown]);
  return (
    <>
      <textarea
        id={id}
        className="vf-json"
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [describedBy, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined
        }
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() === '') {
            setError(undefined);
            last.current = '';
            onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(event.target.value) as Value;
            setError(undefined);
            last.current = JSON.stringify(parsed, null, 2);
            onChange(parsed);
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      />
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {t('jsonInvalid', { message: error })}
        </div>
      ) : null}
    </>
  );
}

function IconSelect({
  id,
  value,
  onChange,
  'aria-describedby': describedBy,
}: {
  id: string;
  value: Value | undefined;
  onChange(value: Value | undefined): void;
  'aria-describedby': string | undefined;
}): ReactNode {
  const t = useT(messages);
  const current = typeof value === 'string' ? value : '';
  const names = Object.keys(ICON_GLYPHS);
  return (
    <select
      id={id}
      aria-describedby={describedBy}
      value={current}
      onChange={(event) => onChange(event.target.value || undefined)}
    >
      <option value="">{t('iconNone')}</option>
      {current && !names.includes(current) ? <option value={current}>{current}</option> : null}
      {names.map((name) => (
        <option key={name} value={name}>
          {ICON_GLYPHS[name]} {name}
        </option>
      ))}
    </select>
  );
}

function ImageField(
  props: ValueFieldProps & { common: { id: string; 'aria-describedby': string | undefined } },
): ReactNode {
  const { value, onChange, label, appId, common } = props;
  const t = useT(messages);
  const [open, setOpen] = useState(false);
  return (
    <span className="vf-image">
      <input
        {...common}
        type="text"
        value={typeof value === 'string' ? value : ''}
        placeholder="https://… / cloud://…"
        onChange={(event) => onChange(event.target.value || undefined)}
      />
      {appId ? (
        <Button onClick={() => setOpen(true)} aria-haspopup="dialog">
          {t('chooseImage')}
        </Button>
      ) : null}
      {appId ? (
        <Dialog title={t('imageDialog')} open={open} onClose={() => setOpen(false)}>
          {open ? (
            <StoragePicker
              appId={appId}
              label={label}
              onPick={(fileID) => {
                onChange(fileID);
                setOpen(false);
              }}
            />
          ) : null}
        </Dialog>
      ) : null}
    </span>
  );
}

/** Why an upload from the picker failed, in the builder's language (the server's words kept). */
function uploadProblem(
  error: unknown,
  name: string,
  t: (key: 'imageTooBig' | 'imageWrongType' | 'imageUploadFailed', vars: Record<string, string>) => string,
): string {
  const message = (error as Error).message;
  if (error instanceof ApiError && error.status === 413) return t('imageTooBig', { name, message });
  if (error instanceof ApiError && error.status === 415) return t('imageWrongType', { name, message });
  return t('imageUploadFailed', { name, message });
}

/** The app's images to pick from, and an upload (button or drop) that picks the new file. */
function StoragePicker({
  appId,
  label,
  onPick,
}: {
  appId: string;
  label: string;
  onPick(fileID: string): void;
}): ReactNode {
  const t = useT(messages);
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ name: string; progress: number } | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const files = useAsync(
    (signal) =>
      api.get<{ files: StoredFile[] }>(`${path('/api/apps/:appId/storage/files', { appId })}?limit=1000`, {
        signal,
      }),
    [appId],
  );
  const upload = async (file: File) => {
    setProblem(undefined);
    if (!file.type.startsWith('image/'))
      return setProblem(t('imageNotImage', { name: file.name, type: file.type || '?' }));
    const taken = new Set((files.data?.files ?? []).map((stored) => stored.path));
    // a file name the server takes as one path segment: no slashes, %, control characters or leading dots
    const printable = [...file.name].filter((char) => char.charCodeAt(0) >= 32).join('');
    const name = printable.replace(/[\\/%]/g, '_').replace(/^\.+/, '_') || 'image';
    setUploading({ name: file.name, progress: 0 });
    try {
      const stored = await uploadFile(appId, freePath(`images/${name}`, taken), file, (progress) =>
        setUploading({ name: file.name, progress }),
      );
      setUploading(null);
      onPick(stored.fileID);
    } catch (error) {
      setUploading(null);
      setProblem(uploadProblem(error, file.name, t));
    }
  };
  const images = (files.data?.files ?? []).filter((file) => file.contentType.startsWith('image/'));
  return (
    <section
      className={`vf-picker${dragging ? ' vf-picker-drop' : ''}`}
      aria-label={label}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file && !uploading) void upload(file);
      }}
    >
      <div className="vf-picker-upload">
        <Button variant="primary" busy={uploading !== null} onClick={() => input.current?.click()}>
          {t('uploadImage')}
        </Button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          hidden
          aria-label={t('uploadImage')}
          data-testid="image-upload"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void upload(file);
          }}
        />
        <span className="field-hint">{t('dropImage')}</span>
      </div>
      {uploading ? (
        <label className="vf-picker-progress">
          {t('uploadingImage', { name: uploading.name })}
          <progress max={1} value={uploading.progress} />
        </label>
      ) : null}
      {problem ? (
        <div className="field-error" role="alert">
          {problem}
        </div>
      ) : null}
      {files.loading && !files.data ? <Loading /> : null}
      {files.error ? <ErrorState error={files.error} onRetry={files.reload} /> : null}
      {files.data && images.length === 0 ? <p>{t('noImages')}</p> : null}
      {images.length > 0 ? (
        <ul className="vf-files">
          {images.map((file) => (
            <li key={file.fileID}>
              <img className="vf-thumb" src={builderFileUrl(file.fileID)} alt="" loading="lazy" />
              <button type="button" className="link-btn" onClick={() => onPick(file.fileID)}>
                {file.path}
              </button>{' '}
              <span className="field-hint">{Math.ceil(file.size / 1024)} KB</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Named values (filters, params, function data): rows of name and value, each bindable. */
export function ValueMapEditor({
  label,
  value,
  onChange,
  scope,
}: {
  label: string;
  value: Record<string, Value | undefined> | undefined;
  onChange(value: Record<string, Value> | undefined): void;
  scope: ExpressionScope;
}): ReactNode {
  const t = useT(messages);
  const rows = Object.entries(value ?? {}).filter((row): row is [string, Value] => row[1] !== undefined);
  const write = (next: [string, Value][]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <fieldset className="vmap">
      <legend>{label}</legend>
      {rows.map(([key, item], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row keeps its place while its name is typed
        <div className="vmap-row" key={i}>
          <input
            type="text"
            aria-label={t('rowKey', { n: i + 1 })}
            value={key}
            placeholder={t('key')}
            onChange={(event) => write(rows.map((row, j) => (j === i ? [event.target.value, row[1]] : row)))}
          />
          <ValueField
            label={t('rowValue', { name: key || String(i + 1) })}
            kind="loose"
            value={item}
            scope={scope}
            onChange={(next) => write(rows.map((row, j) => (j === i ? [row[0], next ?? ''] : row)))}
          />
          <button
            type="button"
            className="icon-btn"
            aria-label={t('removeRow', { name: key || String(i + 1) })}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <Button
        variant="ghost"
        onClick={() => {
          let n = rows.length + 1;
          while (rows.some(([key]) => key === `field${n}`)) n++;
          write([...rows, [`field${n}`, '']]);
        }}
      >
        + {t('addRow')}
      </Button>
    </fieldset>
  );
}
