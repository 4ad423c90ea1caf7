import { ActionError, toErrorInfo } from './errors';
import type { ActionOutcome, Locals, PageRuntime } from './page';
import { firstError } from './page';
import type { ActionErrorInfo, RuntimeAction, StateTarget } from './types';

/** A failure of a nested list that was already shown or handled there: fail, but say nothing more. */
class ReportedError extends ActionError {}

const reported = (error: ActionErrorInfo) => new ReportedError(error.message, error.code, error.details);

type Handler = (page: PageRuntime, action: RuntimeAction, locals: Locals) => Promise<unknown>;

/**
 * Runs actions in order. A failing action runs its onError list (or shows its message as a
 * toast when it has none) and stops the list; a succeeding one runs onSuccess with `event.result`.
 */
export async function runActions(
  page: PageRuntime,
  actions: readonly RuntimeAction[],
  locals: Locals,
): Promise<ActionOutcome> {
  let result: unknown;
  for (const action of actions) {
    const outcome = await runAction(page, action, locals);
    if (!outcome.ok) return outcome;
    result = outcome.result;
  }
  return { ok: true, result };
}

async function runAction(page: PageRuntime, action: RuntimeAction, locals: Locals): Promise<ActionOutcome> {
  let result: unknown;
  try {
    const handler = Object.hasOwn(handlers, action.type) ? handlers[action.type] : undefined;
    if (!handler) throw new ActionError(`unknown action type "${action.type}"`, 'unknown-action');
    result = await handler(page, action, locals);
    page.commit();
  } catch (thrown) {
    page.commit();
    const error = toErrorInfo(thrown);
    const event = { ...(locals.event ?? {}), error };
    if (action.onError && action.onError.length > 0) {
      await runActions(page, action.onError, { ...locals, event });
    } else if (!(thrown instanceof ReportedError)) {
      await page.app.platform
        .showToast({ message: error.message, icon: 'error', duration: 2000 })
        .catch(() => {});
    }
    return { ok: false, error };
  }
  if (action.onSuccess && action.onSuccess.length > 0) {
    const outcome = await runActions(page, action.onSuccess, {
      ...locals,
      event: { ...(locals.event ?? {}), result },
    });
    if (!outcome.ok) return outcome;
  }
  return { ok: true, result };
}

const value = (page: PageRuntime, action: RuntimeAction, field: string, locals: Locals) =>
  page.evaluate(action[field], locals);

const text = (page: PageRuntime, action: RuntimeAction, field: string, locals: Locals, fallback = '') =>
  action[field] === undefined ? fallback : page.text(action[field], locals);

function record(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : {};
}

function save(page: PageRuntime, target: unknown, result: unknown): void {
  if (!target) return;
  const { scope, name, path } = target as StateTarget;
  page.setState(scope, name, path, result);
}

function documentId(input: unknown): string {
  if (typeof input !== 'string' || input === '') throw new ActionError('the document id is empty', 'bad-id');
  return input;
}

// URL schemes an app may open: links and contact schemes, never script.
const OPENABLE = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function isOpenableUrl(url: string): boolean {
  try {
    const parsed = new URL(url, 'https://relative.invalid/');
    return OPENABLE.has(parsed.protocol);
  } catch {
    return false;
  }
}

/** Fills `:name` segments of a route from params; the rest of the params stay as query. */
function route(
  path: string,
  params: Record<string, unknown>,
): { path: string; params: Record<string, string> } {
  const rest: Record<string, string> = {};
  for (const [key, entry] of Object.entries(params))
    if (entry !== undefined && entry !== null) rest[key] = String(entry);
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const param = rest[name];
    if (param === undefined)
      throw new ActionError(`the page needs the route parameter "${name}"`, 'missing-param');
    return encodeURIComponent(param);
  });
  return { path: filled, params: rest };
}

const handlers: Record<string, Handler> = {
  async setState(page, action, locals) {
    const next = value(page, action, 'value', locals);
    page.setState(
      action.scope as 'page' | 'app' | undefined,
      String(action.name),
      action.path as string | undefined,
      next,
    );
    return next;
  },

  async navigate(page, action, locals) {
    const id = String(action.page);
    const target = page.app.descriptor.pages[id];
    if (!target) throw new ActionError(`there is no page "${id}"`, 'unknown-page');
    const { path, params } = route(target.path, record(value(page, action, 'params', locals)));
    await page.app.platform.navigate({ page: id, path, params, replace: action.replace === true });
    return { page: id, params };
  },

  async navigateBack(page, action) {
    await page.app.platform.navigateBack(typeof action.delta === 'number' ? action.delta : 1);
    return null;
  },

  async callFunction(page, action, locals) {
    const result = await page.app.services.callFunction(
      String(action.function),
      record(value(page, action, 'data', locals)),
    );
    save(page, action.saveTo, result);
    return result;
  },

  async runQuery(page, action, locals) {
    return page.runQuery(String(action.query), record(value(page, action, 'params', locals)));
  },

  async dbInsert(page, action, locals) {
    return page.app.services.insert(String(action.collection), record(value(page, action, 'doc', locals)));
  },

  async dbUpdate(page, action, locals) {
    const id = documentId(value(page, action, 'id', locals));
    return page.app.services.update(
      String(action.collection),
      id,
      record(value(page, action, 'set', locals)),
    );
  },

  async dbDelete(page, action, locals) {
    const id = documentId(value(page, action, 'id', locals));
    return page.app.services.remove(String(action.collection), id);
  },

  async showToast(page, action, locals) {
    const message = text(page, action, 'message', locals);
    const icon = (action.icon as 'none' | 'success' | 'error' | 'loading' | undefined) ?? 'none';
    await page.app.platform.showToast({
      message,
      icon,
      duration: typeof action.duration === 'number' ? action.duration : 1500,
    });
    return message;
  },

  async showModal(page, action, locals) {
    const confirm = await page.app.platform.showModal({
      title: text(page, action, 'title', locals),
      content: text(page, action, 'content', locals),
      showCancel: action.showCancel !== false,
      confirmText: text(page, action, 'confirmText', locals, page.locale.startsWith('zh') ? '确定' : 'OK'),
      cancelText: text(page, action, 'cancelText', locals, page.locale.startsWith('zh') ? '取消' : 'Cancel'),
    });
    const next = (confirm ? action.onConfirm : action.onCancel) as RuntimeAction[] | undefined;
    if (next) {
      const outcome = await page.run(next, {
        ...locals,
        event: { ...(locals.event ?? {}), result: { confirm } },
      });
      if (!outcome.ok) throw reported(outcome.error);
    }
    return { confirm };
  },

  async openUrl(page, action, locals) {
    const url = String(value(page, action, 'url', locals) ?? '').trim();
    if (!isOpenableUrl(url)) throw new ActionError(`this link cannot be opened: ${url}`, 'unsafe-url');
    await page.app.platform.openUrl(url, action.target === 'blank' ? 'blank' : 'self');
    return url;
  },

  async uploadFile(page, action, locals) {
    const accept = action.accept as string | undefined;
    const file = await page.app.platform.chooseFile(accept === undefined ? {} : { accept });
    if (!file) throw new ActionError('no file was chosen', 'cancelled');
    const maxSizeMB = typeof action.maxSizeMB === 'number' ? action.maxSizeMB : undefined;
    if (maxSizeMB !== undefined && file.size > maxSizeMB * 1024 * 1024) {
      throw new ActionError(`the file is larger than ${maxSizeMB} MB`, 'too-large');
    }
    const folder = value(page, action, 'folder', locals);
    const result = await page.app.services.uploadFile(
      file,
      folder === undefined || folder === null ? undefined : String(folder),
    );
    save(page, action.saveTo, result);
    return result;
  },

  async login(page, action, locals) {
    const user = await page.app.services.login(
      String(action.method),
      record(value(page, action, 'credentials', locals)),
    );
    page.app.setUser(user);
    return user;
  },

  async logout(page) {
    await page.app.services.logout();
    page.app.setUser(null);
    return null;
  },

  async validateForm(page, action) {
    const form = String(action.form);
    const errors = page.validateForm(form);
    if (Object.keys(errors).length > 0) throw new ActionError(firstError(errors), 'invalid', { errors });
    return { values: page.formValues(form) };
  },

  async submitForm(page, action, locals) {
    const formId = String(action.form);
    const form = page.form(formId);
    const errors = page.validateForm(formId);
    if (Object.keys(errors).length > 0) {
      if (form.events?.invalid)
        await page.run(form.events.invalid, { ...locals, form: formId, event: { detail: { errors } } });
      throw new ActionError(firstError(errors), 'invalid', { errors });
    }
    const values = page.formValues(formId);
    let saved: unknown = null;
    if (typeof action.collection === 'string')
      saved = await page.app.services.insert(action.collection, values);
    else if (typeof action.function === 'string')
      saved = await page.app.services.callFunction(action.function, values);
    if (form.events?.submit) {
      const outcome = await page.run(form.events.submit, {
        ...locals,
        form: formId,
        event: { detail: { values } },
      });
      if (!outcome.ok) throw reported(outcome.error);
    }
    return { values, result: saved };
  },

  async runCode(page, action, locals) {
    const block = page.app.descriptor.code?.[String(action.block)];
    const fn =
      block && Object.hasOwn(block, String(action.export)) ? block[String(action.export)] : undefined;
    if (typeof fn !== 'function') {
      throw new ActionError(
        `code block "${String(action.block)}" has no export "${String(action.export)}"`,
        'unknown-code',
      );
    }
    const args = Array.isArray(action.args) ? (page.evaluate(action.args, locals) as unknown[]) : [];
    return await fn(...args);
  },

  async setLocale(page, action, locals) {
    const locale = value(page, action, 'locale', locals);
    page.app.setLocale(typeof locale === 'string' ? locale : String(locale ?? ''));
    return locale;
  },

  async branch(page, action, locals) {
    const condition = Boolean(value(page, action, 'condition', locals));
    const list = (condition ? action.then : action.else) as RuntimeAction[] | undefined;
    const outcome = await page.run(list ?? [], locals);
    if (!outcome.ok) throw reported(outcome.error);
    return outcome.result;
  },
};

/** The action types this engine runs (all of schemas/action.schema.json). */
export const ACTION_TYPES: readonly string[] = Object.keys(handlers);
