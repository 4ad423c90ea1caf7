// Checks a content model (structure by the generated validator, then meaning) and works out
// which changes between two versions could lose data.
import {
  type CMSContentModel,
  type ContentModelField,
  translateAjvErrors,
  validators,
} from '@tessera/schema';
import type { ErrorDetail } from '../../errors';
import { type ContentModel, checkEntryFields, entrySchema, localesOf } from './entry-schema';

/** Problems of a model definition, with pointers into it; `[]` when it is usable. */
export function checkModel(model: unknown, knownModels: ReadonlySet<string>): ErrorDetail[] {
  if (!validators.contentModel(model)) {
    return translateAjvErrors(validators.contentModel.errors ?? [], model).map((issue) => ({
      pointer: issue.pointer,
      message: `${issue.pointer || 'model'}: ${issue.message}`,
    }));
  }
  const m = model as CMSContentModel;
  const problems: ErrorDetail[] = [];
  const add = (pointer: string, message: string) =>
    problems.push({ pointer, message: `${pointer}: ${message}` });
  if (m.defaultLocale && !localesOf(m).includes(m.defaultLocale))
    add('/defaultLocale', `must be one of the model's locales (${localesOf(m).join(', ')})`);

  const checkFields = (fields: readonly ContentModelField[], at: string, topLevel: boolean) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      const pointer = `${at}/${index}`;
      if (seen.has(field.name)) add(`${pointer}/name`, `"${field.name}" is used by another field`);
      seen.add(field.name);
      if (field.type === 'enum' && !field.options) add(pointer, 'an enum field needs options');
      const referenced =
        field.type === 'reference'
          ? field.model
          : field.items?.type === 'reference'
            ? field.items.model
            : undefined;
      if ((field.type === 'reference' || field.items?.type === 'reference') && !referenced)
        add(pointer, 'a reference field needs the model it points to');
      if (referenced && referenced !== m.name && !knownModels.has(referenced))
        add(`${pointer}/model`, `no model "${referenced}" in this app`);
      if (field.type === 'array' && !field.items) add(pointer, 'an array field needs items');
      if (field.type === 'object' && !field.fields) add(pointer, 'an object field needs fields');
      if (field.unique && (field.localised || !topLevel || !scalarTypes.has(field.type)))
        add(`${pointer}/unique`, 'only top-level, non-localised fields of a single value can be unique');
      if (field.type === 'autoNumber' && (!topLevel || field.localised))
        add(pointer, 'autoNumber fields must be top-level and not localised');
      if (!topLevel && field.localised) add(`${pointer}/localised`, 'only top-level fields can be localised');
      if (field.validation?.pattern !== undefined) {
        try {
          new RegExp(field.validation.pattern, 'u');
        } catch {
          add(`${pointer}/validation/pattern`, 'is not a valid regular expression');
        }
      }
      if (field.fields) checkFields(field.fields, `${pointer}/fields`, false);
      if (field.items?.fields) checkFields(field.items.fields, `${pointer}/items/fields`, false);
    });
  };
  checkFields(m.fields, '/fields', true);
  if (problems.length > 0) return problems;

  // Defaults must themselves be valid values.
  const defaults: Record<string, unknown> = {};
  for (const field of m.fields) if (field.default !== undefined) defaults[field.name] = field.default;
  if (Object.keys(defaults).length > 0) {
    const lenient: ContentModel = {
      ...m,
      version: -1,
      fields: m.fields.map((f) => ({ ...f, required: false })),
    };
    for (const detail of checkEntryFields('\0check', lenient, defaults))
      add(
        detail.pointer.replace(
          /^\/fields\/([^/]+)/,
          (_, name) => `/fields/${m.fields.findIndex((f) => f.name === name)}/default`,
        ),
        detail.message,
      );
  }
  // The generated entry schema must compile (e.g. patterns ajv cannot handle).
  try {
    entrySchema(m);
  } catch (error) {
    add('/fields', (error as Error).message);
  }
  return problems;
}

const scalarTypes = new Set(['text', 'number', 'email', 'phone', 'url', 'date', 'datetime', 'enum']);

export type ChangeKind = 'removed' | 'type-changed' | 'localised-changed' | 'many-changed' | 'items-changed';

export interface DataChange {
  field: string;
  change: ChangeKind;
  from?: string;
  to?: string;
}

/** Changes to existing fields that would make stored values disappear or stop fitting. */
export function dataChanges(before: CMSContentModel, after: CMSContentModel): DataChange[] {
  const next = new Map(after.fields.map((f) => [f.name, f]));
  const changes: DataChange[] = [];
  for (const old of before.fields) {
    const now = next.get(old.name);
    if (!now) changes.push({ field: old.name, change: 'removed' });
    else if (now.type !== old.type)
      changes.push({ field: old.name, change: 'type-changed', from: old.type, to: now.type });
    else if (Boolean(now.localised) !== Boolean(old.localised))
      changes.push({ field: old.name, change: 'localised-changed' });
    else if (Boolean(now.many) !== Boolean(old.many))
      changes.push({ field: old.name, change: 'many-changed' });
    else if (JSON.stringify(now.items ?? null) !== JSON.stringify(old.items ?? null) && old.type === 'array')
      changes.push({ field: old.name, change: 'items-changed' });
  }
  return changes;
}
