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

/** A labelled input with its hint and error wired for screen readers. */
export function TextField({
  label,
  hint,
  error,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string }): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...rest}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
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
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        {...rest}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
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

export function SelectField({
  label,
  options,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
}): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...rest}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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
