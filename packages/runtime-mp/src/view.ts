import { type QrLevel, qrDataUri } from '@tessera/components/qr';
import {
  fileUrlsOf,
  type ImageSource,
  type Locals,
  overlaps,
  type PageRuntime,
  type Path,
  pickLocale,
  type RuntimeValue,
  toText,
} from '@tessera/runtime-core';
import { richTextNodes } from './rich-text';
import { styleText } from './style';

/**
 * The dependency of bindings that show images: the page recomputes them (updateView with this
 * path) when the app's file URL lookups finish.
 */
export const FILE_URLS: Path = ['$files'];

/** One computed data key of a page, as the compiler emits it. */
export interface BindingSpec {
  key: string;
  kind: 'text' | 'raw' | 'bool' | 'style' | 'rich';
  value?: RuntimeValue;
  /** Value or error of a form field: [formId, fieldName]. */
  field?: [string, string];
  error?: [string, string];
  /** UI state kept for a node: [nodeId, name, initial]. */
  ui?: [string, string, unknown];
  derive?: 'isEmpty' | 'isActive' | 'tableHeads' | 'tableRows' | 'options' | 'qrcode' | 'image' | 'files';
  rpx?: boolean;
  /** Id of the Form around the node: `form.<field>` in the value reads its values. */
  form?: string;
  deps: Path[];
}

/** A `wx:for`: rows of computed keys, one per item, each with `k` for wx:key. */
export interface RepeatSpec {
  key: string;
  items: RuntimeValue;
  item: string;
  index: string;
  itemKey: string | null;
  bindings: BindingSpec[];
  repeats: RepeatSpec[];
  /** Store paths read by the items or by anything inside (recompute the rows when they change). */
  deps: Path[];
}

export interface ViewSpec {
  bindings: BindingSpec[];
  repeats: RepeatSpec[];
}

export type ViewData = Record<string, unknown>;

/** Computes every data key of the view. */
export function computeView(page: PageRuntime, view: ViewSpec, locals: Locals = {}): ViewData {
  const data: ViewData = {};
  for (const binding of view.bindings) data[binding.key] = computeBinding(page, binding, locals);
  for (const repeat of view.repeats) data[repeat.key] = computeRows(page, repeat, locals);
  return data;
}

/** Recomputes only the keys whose dependencies changed and returns setData paths → values. */
export function updateView(
  page: PageRuntime,
  view: ViewSpec,
  previous: ViewData,
  changes: readonly Path[],
): Record<string, unknown> {
  const affected = (deps: readonly Path[]) =>
    deps.some((dep) => changes.some((change) => overlaps(dep, change)));
  const patch: Record<string, unknown> = {};
  for (const binding of view.bindings) {
    if (!affected(binding.deps)) continue;
    const value = computeBinding(page, binding, {});
    if (!sameValue(previous[binding.key], value)) {
      patch[binding.key] = value;
      previous[binding.key] = value;
    }
  }
  for (const repeat of view.repeats) {
    if (!affected(repeat.deps)) continue;
    const rows = computeRows(page, repeat, {});
    diffRows(previous[repeat.key], rows, repeat.key, patch);
    previous[repeat.key] = rows;
  }
  return patch;
}

function diffRows(before: unknown, after: ViewData[], path: string, patch: Record<string, unknown>): void {
  if (
    !Array.isArray(before) ||
    before.length !== after.length ||
    before.some((row, i) => (row as ViewData).k !== after[i]?.k)
  ) {
    if (!sameValue(before, after)) patch[path] = after;
    return;
  }
  after.forEach((row, i) => {
    const old = before[i] as ViewData;
    for (const [key, value] of Object.entries(row)) {
      if (Array.isArray(value) && key.startsWith('r'))
        diffRows(old[key], value as ViewData[], `${path}[${i}].${key}`, patch);
      else if (!sameValue(old[key], value)) patch[`${path}[${i}].${key}`] = value;
    }
  });
}

function computeRows(page: PageRuntime, repeat: RepeatSpec, locals: Locals): ViewData[] {
  const items = safely(() => page.evaluate(repeat.items, locals), []);
  if (!Array.isArray(items)) return [];
  return items.map((item, index) => {
    const inner: Locals = { ...locals, [repeat.item]: item, [repeat.index]: index };
    const keyed =
      repeat.itemKey && item && typeof item === 'object'
        ? (item as Record<string, unknown>)[repeat.itemKey]
        : undefined;
    const row: ViewData = { k: typeof keyed === 'string' || typeof keyed === 'number' ? keyed : index };
    for (const binding of repeat.bindings) row[binding.key] = computeBinding(page, binding, inner);
    for (const nested of repeat.repeats) row[nested.key] = computeRows(page, nested, inner);
    return row;
  });
}

/** Locals of a handler inside repeats: the items at the tapped indices, from the outside in. */
export function repeatLocals(
  page: PageRuntime,
  chain: readonly RepeatSpec[],
  indices: readonly number[],
  base: Locals,
): Locals {
  let locals = base;
  chain.forEach((repeat, depth) => {
    const items = page.evaluate(repeat.items, locals);
    const index = indices[depth] ?? 0;
    locals = {
      ...locals,
      [repeat.item]: Array.isArray(items) ? items[index] : undefined,
      [repeat.index]: index,
    };
  });
  return locals;
}

export function computeBinding(page: PageRuntime, binding: BindingSpec, locals: Locals): unknown {
  // An empty field shows nothing (WXML would print null).
  if (binding.field) {
    const value = page.formValues(binding.field[0])[binding.field[1]];
    return jsonSafe(binding.derive ? derive(page, binding.derive, value) : (value ?? ''));
  }
  if (binding.error) return page.formErrors(binding.error[0])[binding.error[1]] ?? '';
  if (binding.ui) {
    const [node, name, initial] = binding.ui;
    const current = page.store.get(['ui', node, name]) ?? initial;
    return binding.derive === 'isActive' ? current === binding.value : jsonSafe(current);
  }
  const scope = binding.form ? { ...locals, form: binding.form } : locals;
  const value = safely(() => page.evaluate(binding.value ?? null, scope), undefined);
  const derived = binding.derive ? derive(page, binding.derive, value) : value;
  switch (binding.kind) {
    case 'text':
      return toText(derived);
    case 'bool':
      return Boolean(derived);
    case 'style':
      return derived && typeof derived === 'object'
        ? styleText(derived as Record<string, unknown>, binding.rpx === true)
        : '';
    case 'rich':
      return richTextNodes(toText(derived));
    default:
      return jsonSafe(derived);
  }
}

function derive(page: PageRuntime, how: NonNullable<BindingSpec['derive']>, value: unknown): unknown {
  const label = (text: unknown) =>
    text && typeof text === 'object' && '$i18n' in text
      ? pickLocale((text as { $i18n: Record<string, string> }).$i18n, page.locale, 'en')
      : toText(text);
  switch (how) {
    case 'isEmpty':
      return !Array.isArray(value) || value.length === 0;
    case 'image':
      return shownImage(page, fileUrlsOf(page.app.services).resolve(value));
    case 'files':
      return (Array.isArray(value) ? value : []).map((file) => {
        const record = (file ?? {}) as { name?: unknown; fileID?: unknown };
        const id = typeof file === 'string' ? file : toText(record.fileID);
        return {
          ...shownImage(page, fileUrlsOf(page.app.services).resolve(file)),
          name: toText(record.name) || id.split('/').at(-1) || id,
        };
      });
    case 'qrcode': {
      const qr = (value ?? {}) as Record<string, unknown>;
      const text = (key: string) => (typeof qr[key] === 'string' ? (qr[key] as string) : undefined);
      return qrDataUri(
        toText(qr.value),
        (text('errorLevel') ?? 'M') as QrLevel,
        text('color'),
        text('backgroundColor'),
      );
    }
    case 'options':
      return Array.isArray(value)
        ? value.map((option) => ({
            label: label(option?.label),
            value: option?.value ?? null,
            disabled: option?.disabled === true,
          }))
        : [];
    case 'tableHeads':
      return Array.isArray(value) ? value.map((column) => label(column?.title ?? column?.field)) : [];
    case 'tableRows': {
      const { data, columns, rowKey } = (value ?? {}) as {
        data?: unknown;
        columns?: { field?: string }[];
        rowKey?: string;
      };
      if (!Array.isArray(data) || !Array.isArray(columns)) return [];
      return data.map((row, i) => ({
        key: String((row as Record<string, unknown>)?.[rowKey ?? '_id'] ?? i),
        cells: columns.map((column) => toText((row as Record<string, unknown>)?.[column?.field ?? ''])),
      }));
    }
    default:
      return value;
  }
}

/** Image addresses that failed to load on a page (an `<image>` error): shown as broken, not retried. */
const failedImages = new WeakMap<PageRuntime, Set<string>>();

/** Records that `src` failed to load on the page; the caller recomputes the view with FILE_URLS. */
export function imageFailed(page: PageRuntime, src: unknown): boolean {
  if (typeof src !== 'string' || src === '') return false;
  const failed = failedImages.get(page) ?? new Set<string>();
  failedImages.set(page, failed);
  if (failed.has(src)) return false;
  failed.add(src);
  return true;
}

/** An image as the view shows it; `note` follows the alt text in aria-label when it cannot be shown. */
function shownImage(page: PageRuntime, resolved: ImageSource) {
  const shown: ImageSource =
    resolved.state === 'ready' && failedImages.get(page)?.has(resolved.src)
      ? { state: 'broken', src: '' }
      : resolved;
  const note =
    shown.state !== 'broken'
      ? ''
      : page.locale.startsWith('zh')
        ? '（图片无法显示）'
        : ' (image unavailable)';
  return { src: shown.src, state: shown.state, note };
}

/** A binding that fails to evaluate shows nothing instead of breaking the page. */
function safely<T>(compute: () => unknown, fallback: T): unknown {
  try {
    return compute();
  } catch (error) {
    console.warn(`[tessera] ${(error as Error).message}`);
    return fallback;
  }
}

/** setData only carries JSON: functions and undefined become null. */
function jsonSafe(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
