import { runActions } from './actions';
import type { AppRuntime } from './app';
import { ActionError } from './errors';
import { checkField } from './forms';
import type { Path } from './paths';
import { splitPath } from './paths';
import { runQuery } from './queries';
import { Store } from './store';
import type { ActionErrorInfo, FormDescriptor, PageDescriptor, RuntimeAction, Scope } from './types';
import { resolveValue, toText } from './values';

/** Names a renderer adds to the scope: repeat item/index, the enclosing form, the event. */
export interface Locals {
  /** Node id of the Form around the binding or handler (gives `form`). */
  form?: string;
  event?: Record<string, unknown>;
  [name: string]: unknown;
}

export type ActionOutcome = { ok: true; result: unknown } | { ok: false; error: ActionErrorInfo };

export interface QueryState {
  data: unknown;
  loading: boolean;
  error: ActionErrorInfo | null;
}

export type PageChangeListener = (changes: Path[]) => void;

/**
 * One open page: its state (`state.*`), route params, query results, form values, and the
 * action engine. Renderer-neutral: a renderer reads `scope()`/`evaluate()` and listens to
 * `onChange` for the paths that changed.
 */
export class PageRuntime {
  readonly store: Store;
  private readonly listeners = new Set<PageChangeListener>();
  private readonly unsubscribeApp: () => void;
  private appChanges: Path[] = [];

  constructor(
    readonly app: AppRuntime,
    readonly descriptor: PageDescriptor,
    params: Record<string, string> = {},
  ) {
    const state: Record<string, unknown> = {};
    for (const [name, declaration] of Object.entries(descriptor.state ?? {})) {
      state[name] = structuredClone(declaration.initial ?? null);
    }
    const queries: Record<string, QueryState> = {};
    for (const name of Object.keys(descriptor.queries ?? {}))
      queries[name] = { data: null, loading: false, error: null };
    this.store = new Store({ state, params: { ...params }, queries, forms: {} });
    for (const form of Object.values(descriptor.forms ?? {})) this.resetForm(form.id);
    this.store.flush();
    this.unsubscribeApp = app.store.subscribe((changes) => {
      this.appChanges.push(...changes);
    });
  }

  get locale(): string {
    return this.app.locale;
  }

  /** Everything an expression may read, plus the renderer's locals. */
  scope(locals: Locals = {}): Scope {
    const data = this.store.snapshot();
    const appData = this.app.store.snapshot();
    const { form, ...rest } = locals;
    const forms = data.forms as Record<string, { values: unknown }>;
    return {
      ...this.app.scope(),
      state: data.state,
      params: data.params,
      queries: { ...(appData.queries as object), ...(data.queries as object) },
      form: form ? forms[form]?.values : undefined,
      ...rest,
    };
  }

  evaluate(value: unknown, locals: Locals = {}): unknown {
    return resolveValue(value, this.scope(locals), this.locale, this.app.descriptor.locales.default);
  }

  text(value: unknown, locals: Locals = {}): string {
    return toText(this.evaluate(value, locals));
  }

  /** Sends the changes made since the last commit (page and app) to the listeners. */
  commit(): Path[] {
    this.app.store.flush();
    if (this.appChanges.some((path) => path[0] === 'locale')) this.translateErrors();
    const changes = [...this.store.flush(), ...this.appChanges];
    this.appChanges = [];
    if (changes.length > 0) for (const listener of this.listeners) listener(changes);
    return changes;
  }

  onChange(listener: PageChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs an action list (an event handler); changes are committed after every step. */
  run(actions: readonly RuntimeAction[] | undefined, locals: Locals = {}): Promise<ActionOutcome> {
    return runActions(this, actions ?? [], locals);
  }

  setState(scope: 'page' | 'app' | undefined, name: string, path: string | undefined, value: unknown): void {
    const segments = [name, ...splitPath(path)];
    if (scope === 'app') this.app.store.set(['app', ...segments], value);
    else this.store.set(['state', ...segments], value);
  }

  /** Runs a page (or app-level) query; loading and error are visible while it runs. */
  runQuery(name: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const page = this.descriptor.queries?.[name];
    const appLevel = page ? undefined : this.app.descriptor.queries?.[name];
    const descriptor = page ?? appLevel;
    if (!descriptor)
      return Promise.reject(new ActionError(`there is no query named "${name}"`, 'unknown-query'));
    const store = page ? this.store : this.app.store;
    return runQuery(this, descriptor, params, (patch) => {
      const current = (store.get(['queries', name]) as QueryState | undefined) ?? {
        data: null,
        loading: false,
        error: null,
      };
      store.set(['queries', name], { ...current, ...patch });
      this.commit();
    });
  }

  /** Page lifecycle: the load event after the auto queries have started. */
  async load(): Promise<void> {
    const auto = Object.entries(this.descriptor.queries ?? {}).filter(([, query]) => query.auto !== false);
    const running = auto.map(([name]) => this.runQuery(name).catch(() => undefined));
    if (!this.app.appQueriesStarted) {
      this.app.appQueriesStarted = true;
      for (const [name, query] of Object.entries(this.app.descriptor.queries ?? {})) {
        if (query.auto !== false && !this.descriptor.queries?.[name])
          running.push(this.runQuery(name).catch(() => undefined));
      }
    }
    await this.run(this.descriptor.events?.load);
    await Promise.all(running);
  }

  show(): Promise<ActionOutcome> {
    return this.run(this.descriptor.events?.show);
  }

  hide(): Promise<ActionOutcome> {
    return this.run(this.descriptor.events?.hide);
  }

  unload(): void {
    this.unsubscribeApp();
    this.listeners.clear();
  }

  // Forms ------------------------------------------------------------------------------------

  form(formId: string): FormDescriptor {
    const form = this.descriptor.forms?.[formId];
    if (!form) throw new ActionError(`there is no form with id "${formId}" on this page`, 'unknown-form');
    return form;
  }

  formValues(formId: string): Record<string, unknown> {
    return (this.store.get(['forms', formId, 'values']) as Record<string, unknown> | undefined) ?? {};
  }

  formErrors(formId: string): Record<string, string> {
    return (this.store.get(['forms', formId, 'errors']) as Record<string, string> | undefined) ?? {};
  }

  resetForm(formId: string): void {
    const form = this.form(formId);
    const initial = form.initialValues === undefined ? {} : this.evaluate(form.initialValues);
    const values: Record<string, unknown> = {};
    for (const field of form.fields) {
      values[field.name] = (initial as Record<string, unknown> | null)?.[field.name] ?? null;
    }
    this.store.set(['forms', formId], { values, errors: {} });
  }

  /** A field changed: store it, clear its error once it is valid, and run the form's change event. */
  async setField(formId: string, name: string, value: unknown): Promise<void> {
    const form = this.form(formId);
    this.store.set(['forms', formId, 'values', name], value);
    const field = form.fields.find((entry) => entry.name === name);
    if (field && this.formErrors(formId)[name] !== undefined) {
      const problem = this.checkField(formId, field.name);
      this.store.set(['forms', formId, 'errors', name], problem);
    }
    this.commit();
    const change = form.events?.change;
    if (change)
      await this.run(change, {
        form: formId,
        event: { detail: { name, value, values: this.formValues(formId) } },
      });
  }

  private checkField(formId: string, name: string): string | undefined {
    const field = this.form(formId).fields.find((entry) => entry.name === name);
    if (!field) return undefined;
    const locals = { form: formId };
    return checkField(
      field,
      this.formValues(formId)[name],
      {
        label: this.text(field.label ?? '', locals),
        errorMessage: this.text(field.errorMessage ?? '', locals),
      },
      this.locale,
    );
  }

  /** The locale changed: the validation messages shown are made again in the new locale. */
  private translateErrors(): void {
    for (const formId of Object.keys(this.descriptor.forms ?? {})) {
      for (const name of Object.keys(this.formErrors(formId))) {
        this.store.set(['forms', formId, 'errors', name], this.checkField(formId, name));
      }
    }
  }

  /** Checks every field, shows the errors, and returns them (empty when the form is valid). */
  validateForm(formId: string): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const field of this.form(formId).fields) {
      const problem = this.checkField(formId, field.name);
      if (problem !== undefined) errors[field.name] = problem;
    }
    this.store.set(['forms', formId, 'errors'], errors);
    this.commit();
    return errors;
  }
}

export function firstError(errors: Record<string, string>): string {
  return Object.values(errors)[0] ?? '';
}
