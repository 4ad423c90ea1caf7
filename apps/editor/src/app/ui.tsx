import {
  type ButtonHTMLAttributes,
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { ApiError, api } from './api';
import { defineMessages, useT } from './i18n';

const messages = defineMessages('ui', {
  en: { loading: 'Loading…', retry: 'Try again', close: 'Close', cancel: 'Cancel', dismiss: 'Dismiss' },
  'zh-CN': { loading: '加载中…', retry: '重试', close: '关闭', cancel: '取消', dismiss: '知道了' },
});

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({
  variant = 'secondary',
  busy = false,
  className,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean }): ReactNode {
  return (
    <button
      type="button"
      {...rest}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
    >
      {children}
    </button>
  );
}

/** What a labelled control gets from its field: its id and the attributes that tie it to the hint or error. */
interface ControlWiring {
  id: string;
  aria: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
}

/** A label, a control and the control's hint or error, wired for screen readers. */
function LabelledField({
  label,
  hint,
  error,
  control,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  control: (wiring: ControlWiring) => ReactNode;
}): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        aria: {
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
        },
      })}
      {hint && !error ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and error wired for screen readers. */
export function TextField({
  label,
  hint,
  error,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string }): ReactNode {
  return (
    <LabelledField
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <input id={wiring.id} {...rest} {...wiring.aria} />}
    />
  );
}

/** A labelled text area, wired like TextField. */
export function TextAreaField({
  label,
  hint,
  error,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}): ReactNode {
  return (
    <LabelledField
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <textarea id={wiring.id} {...rest} {...wiring.aria} />}
    />
  );
}

export function SelectField({
  label,
  options,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
}): ReactNode {
  return (
    <LabelledField
      label={label}
      control={(wiring) => (
        <select id={wiring.id} {...rest}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A checkbox with its label beside it (the label wraps the box, so a click on the text toggles it). */
export function CheckboxField({
  label,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: ReactNode }): ReactNode {
  return (
    <label className="checkbox">
      <input type="checkbox" {...rest} />
      {label}
    </label>
  );
}

/** A modal dialog (native `<dialog>`: focus trapped, Escape closes). */
export function Dialog({
  title,
  open,
  onClose,
  children,
  footer,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT(messages);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-btn" aria-label={t('close')} onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer ? <footer className="dialog-footer">{footer}</footer> : null}
        </>
      ) : null}
    </dialog>
  );
}

/**
 * Asks to confirm an action on `subject`; the dialog is open while `subject` is set. Confirming
 * closes it (through `onCancel`) and then acts on the subject it was opened for.
 */
export function ConfirmDialog<T>({
  subject,
  title,
  question,
  cancelLabel,
  confirmLabel,
  variant = 'danger',
  onCancel,
  onConfirm,
}: {
  subject: T | null;
  title: string;
  question: (subject: T) => ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  variant?: Variant;
  onCancel: () => void;
  onConfirm: (subject: T) => void;
}): ReactNode {
  return (
    <Dialog
      title={title}
      open={subject !== null}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>{cancelLabel}</Button>
          <Button
            variant={variant}
            onClick={() => {
              const confirmed = subject;
              onCancel();
              if (confirmed !== null) onConfirm(confirmed);
            }}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{subject !== null ? question(subject) : null}</p>
    </Dialog>
  );
}

/** A row of tabs (the console's `data-tabs`): `value` is selected, a click selects another. */
export function TabList<T extends string>({
  tabs,
  value,
  onSelect,
  tabLabel,
  label,
  id,
}: {
  tabs: readonly T[];
  value: T;
  onSelect: (tab: T) => void;
  tabLabel: (tab: T) => string;
  /** Names the tab list for screen readers. */
  label?: string;
  id?: string;
}): ReactNode {
  return (
    <div className="data-tabs" role="tablist" aria-label={label} id={id}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={tab === value}
          onClick={() => onSelect(tab)}
        >
          {tabLabel(tab)}
        </button>
      ))}
    </div>
  );
}

/** A table's column headings; `actions` names the last column (of row buttons) for screen readers only. */
export function TableHead({ columns, actions }: { columns: string[]; actions?: string }): ReactNode {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions === undefined ? null : (
          <th scope="col">
            <span className="visually-hidden">{actions}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

export function Loading({ label }: { label?: string }): ReactNode {
  const t = useT(messages);
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }): ReactNode {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** Shows an error's message (and its pointers) with a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }): ReactNode {
  const t = useT(messages);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{errorMessage(error)}</p>
      {error instanceof ApiError && error.details.length > 0 ? (
        <ul className="error-details">
          {error.details.map((detail) => (
            <li key={`${detail.pointer}:${detail.message}`}>
              <code>{detail.pointer || '/'}</code> {detail.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : null}
    </div>
  );
}

/**
 * What a list loaded with `useAsync` shows besides its rows: a spinner on the first load, the error
 * with a retry, and `emptyTitle` (with `children` as the hint) once it has loaded with `empty` true.
 */
export function LoadStatus({
  state,
  empty,
  emptyTitle,
  children,
}: {
  state: AsyncState<unknown>;
  empty: boolean;
  emptyTitle: string;
  children?: ReactNode;
}): ReactNode {
  return (
    <>
      {state.loading && !state.data ? <Loading /> : null}
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : null}
      {state.data && empty ? <EmptyState title={emptyTitle}>{children}</EmptyState> : null}
    </>
  );
}

/** Previous / next page buttons around "page n of m", shown only when there is more than one page. */
export function Pager({
  page,
  pages,
  onPage,
  labels,
}: {
  /** From 0. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** `position` reads like "page 2 of 5" (it also names the navigation). */
  labels: { previous: string; next: string; position: string };
}): ReactNode {
  if (pages <= 1) return null;
  return (
    <nav className="toolbar pager" aria-label={labels.position}>
      <Button disabled={page === 0} onClick={() => onPage(page - 1)}>
        {labels.previous}
      </Button>
      <span>{labels.position}</span>
      <Button disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {labels.next}
      </Button>
    </nav>
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the data locally (after a successful change) without refetching. */
  setData(data: T): void;
}

/** Runs `load` now and whenever `deps` change; the last call wins. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, setData };
}

/**
 * A form's submit: `busy` while `run`'s action runs, and what it threw in `error` (cleared when it
 * runs again), for the form to show.
 */
export function useSubmit(): {
  busy: boolean;
  error: unknown;
  setError: (error: unknown) => void;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error' | 'success';
}

const ToastContext = createContext<(message: string, kind?: Toast['kind']) => void>(() => undefined);

/** Short messages at the bottom of the screen, read out by screen readers. */
export function ToastProvider({ children }: { children: ReactNode }): ReactNode {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const t = useT(messages);
  const show = useCallback((message: string, kind: Toast['kind'] = 'info') => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list, { id, message, kind }]);
    setTimeout(
      () => setToasts((list) => list.filter((toast) => toast.id !== id)),
      kind === 'error' ? 8000 : 4000,
    );
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <span>{toast.message}</span>
            <button
              type="button"
              className="icon-btn"
              aria-label={t('dismiss')}
              onClick={() => setToasts((list) => list.filter((item) => item.id !== toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (message: string, kind?: Toast['kind']) => void {
  return useContext(ToastContext);
}

/**
 * Deleting one thing from a list: asks `question`, and when confirmed deletes `url`, shows `done`
 * and runs `after` (reload the list, close the form); a refusal from the server is shown as a toast.
 */
export function useConfirmedDelete(): (remove: {
  question: string;
  url: string;
  done: string;
  after: () => void;
}) => Promise<void> {
  const toast = useToast();
  return useCallback(
    async ({ question, url, done, after }) => {
      if (!globalThis.confirm(question)) return;
      try {
        await api.del(url);
        toast(done, 'success');
        after();
      } catch (error) {
        toast((error as Error).message, 'error');
      }
    },
    [toast],
  );
}
