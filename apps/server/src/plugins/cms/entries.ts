// Entries of one app's content models: the working copy (draft), the published copy, version
// history, unique keys and auto-numbers. Routes decide who may call what; this module keeps data right.
import type { Collection, Document, DocumentStore } from '@tessera/store';
import { httpError } from '../../errors';
import { type ContentModel, checkEntryFields, sanitiseRichText } from './entry-schema';

export const MODELS = '_cms_models';
const HISTORY = '_cms_history';
const COUNTERS = '_cms_counters';

export type EntryStatus = 'draft' | 'published' | 'changed';

export interface EntryDoc extends Document {
  _id: string;
  _status: EntryStatus;
  _version: number;
  _createdAt: string;
  _updatedAt: string;
  _publishedAt?: string | null;
  _publishedVersion?: number | null;
  _scheduledAt?: string | null;
}

export interface HistoryDoc extends Document {
  _id: string;
  model: string;
  entryId: string;
  version: number;
  action: string;
  fields: Record<string, unknown>;
  at: string;
  by: string | null;
}

export type ModelDoc = ContentModel & Document & { _id: string; createdAt: string; updatedAt: string };

export const draftsOf = (name: string) => `_cms_e_${name}`;
export const publishedOf = (name: string) => `_cms_p_${name}`;
/** Unique fields are indexed through a key that is never missing (missing = the entry's own id). */
export const uniqueKey = (field: string) => `_u_${field}`;

const systemKeys = [
  '_status',
  '_version',
  '_createdAt',
  '_updatedAt',
  '_publishedAt',
  '_publishedVersion',
  '_scheduledAt',
];

/** The model's field values of a stored entry (system and index keys left out). */
export function fieldsOf(doc: Document): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) fields[key] = value;
  return fields;
}

export function isUniqueKey(key: string): boolean {
  return key.startsWith('_u_');
}

export class CmsEntries {
  constructor(
    readonly db: DocumentStore,
    readonly appId: string,
    readonly model: ContentModel,
  ) {}

  drafts(db: DocumentStore = this.db): Collection<EntryDoc> {
    return db.collection<EntryDoc>(draftsOf(this.model.name));
  }

  published(db: DocumentStore = this.db): Collection<EntryDoc> {
    return db.collection<EntryDoc>(publishedOf(this.model.name));
  }

  /** Index keys of unique fields, computed from the values. */
  private uniqueKeys(id: string, fields: Record<string, unknown>): Record<string, unknown> {
    const keys: Record<string, unknown> = {};
    for (const field of this.model.fields)
      if (field.unique) {
        const value = fields[field.name];
        keys[uniqueKey(field.name)] = value === undefined || value === null ? `\0${id}` : value;
      }
    return keys;
  }

  private validate(fields: Record<string, unknown>): void {
    sanitiseRichText(this.model, fields);
    const problems = checkEntryFields(this.appId, this.model, fields);
    if (problems.length > 0)
      throw httpError(400, `Invalid entry: ${problems.map((p) => p.message).join('; ')}`, problems);
  }

  async get(id: string): Promise<EntryDoc> {
    const doc = await this.drafts().findOne({ _id: id });
    if (!doc) throw httpError(404, `No ${this.model.name} entry ${id}`);
    return doc;
  }

  async create(input: Record<string, unknown>, by: string | null): Promise<EntryDoc> {
    const fields: Record<string, unknown> = {};
    for (const field of this.model.fields)
      if (field.default !== undefined && field.type !== 'autoNumber')
        fields[field.name] = structuredClone(field.default);
    Object.assign(fields, input);
    this.validate(fields);
    return this.db.withTransaction(async (tx) => {
      for (const field of this.model.fields)
        if (field.type === 'autoNumber') {
          const counter = await tx
            .collection(COUNTERS)
            .findOneAndUpdate(
              { _id: `${this.model.name}.${field.name}` },
              { $inc: { seq: 1 } },
              { upsert: true, returnDocument: 'after' },
            );
          fields[field.name] = counter?.seq;
        }
      const now = new Date().toISOString();
      const { insertedId } = await this.drafts(tx).insertOne({
        ...fields,
        _status: 'draft',
        _version: 1,
        _createdAt: now,
        _updatedAt: now,
        _publishedAt: null,
        _scheduledAt: null,
      } as EntryDoc);
      await this.drafts(tx).updateOne({ _id: insertedId }, { $set: this.uniqueKeys(insertedId, fields) });
      await this.remember(tx, insertedId, 1, 'create', fields, by);
      return (await this.drafts(tx).findOne({ _id: insertedId })) as EntryDoc;
    });
  }

  /** Replaces the given fields (null clears an optional one); a new version of the draft. */
  async update(
    id: string,
    changes: Record<string, unknown>,
    by: string | null,
    options: { expectedVersion?: number; action?: string } = {},
  ): Promise<EntryDoc> {
    return this.db.withTransaction(async (tx) => {
      const current = await this.drafts(tx).findOne({ _id: id });
      if (!current) throw httpError(404, `No ${this.model.name} entry ${id}`);
      if (options.expectedVersion !== undefined && options.expectedVersion !== current._version)
        throw httpError(409, `The entry changed meanwhile: it is at version ${current._version}`, undefined, {
          currentVersion: current._version,
        });
      const autoNumbers = new Set(
        this.model.fields.filter((f) => f.type === 'autoNumber').map((f) => f.name),
      );
      const existing = fieldsOf(current);
      const editable: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(existing)) if (!autoNumbers.has(key)) editable[key] = value;
      const fields = { ...editable, ...changes };
      for (const [key, value] of Object.entries(fields)) if (value === null) delete fields[key];
      this.validate(fields);
      for (const name of autoNumbers) if (existing[name] !== undefined) fields[name] = existing[name];
      const version = current._version + 1;
      const replacement: EntryDoc = {
        ...fields,
        ...this.uniqueKeys(id, fields),
        _id: id,
        _status: current._status === 'draft' ? 'draft' : 'changed',
        _version: version,
        _createdAt: current._createdAt,
        _updatedAt: new Date().toISOString(),
        _publishedAt: current._publishedAt ?? null,
        _publishedVersion: current._publishedVersion ?? null,
        _scheduledAt: current._scheduledAt ?? null,
      };
      await this.drafts(tx).replaceOne({ _id: id }, replacement);
      await this.remember(tx, id, version, options.action ?? 'update', fields, by);
      return replacement;
    });
  }

  async remove(id: string): Promise<EntryDoc> {
    return this.db.withTransaction(async (tx) => {
      const current = await this.drafts(tx).findOne({ _id: id });
      if (!current) throw httpError(404, `No ${this.model.name} entry ${id}`);
      await this.drafts(tx).deleteOne({ _id: id });
      await this.published(tx).deleteOne({ _id: id });
      return current;
    });
  }

  /** Copies the draft to the published collection (what public readers see). */
  async publish(id: string): Promise<EntryDoc> {
    return this.db.withTransaction(async (tx) => {
      const current = await this.drafts(tx).findOne({ _id: id });
      if (!current) throw httpError(404, `No ${this.model.name} entry ${id}`);
      const now = new Date().toISOString();
      const published = {
        ...fieldsOf(current),
        _id: id,
        _version: current._version,
        _createdAt: current._createdAt,
        _updatedAt: current._updatedAt,
        _publishedAt: now,
      } as EntryDoc;
      await this.published(tx).replaceOne({ _id: id }, published, { upsert: true });
      const set = {
        _status: 'published',
        _publishedAt: now,
        _publishedVersion: current._version,
        _scheduledAt: null,
      };
      await this.drafts(tx).updateOne({ _id: id }, { $set: set });
      return { ...current, ...set } as EntryDoc;
    });
  }

  async unpublish(id: string): Promise<EntryDoc> {
    return this.db.withTransaction(async (tx) => {
      const current = await this.drafts(tx).findOne({ _id: id });
      if (!current) throw httpError(404, `No ${this.model.name} entry ${id}`);
      await this.published(tx).deleteOne({ _id: id });
      const set = { _status: 'draft', _publishedAt: null, _publishedVersion: null };
      await this.drafts(tx).updateOne({ _id: id }, { $set: set });
      return { ...current, ...set } as EntryDoc;
    });
  }

  async schedule(id: string, at: string | null): Promise<EntryDoc> {
    const current = await this.get(id);
    await this.drafts().updateOne({ _id: id }, { $set: { _scheduledAt: at } });
    return { ...current, _scheduledAt: at };
  }

  async history(id: string): Promise<HistoryDoc[]> {
    await this.get(id);
    return this.db
      .collection<HistoryDoc>(HISTORY)
      .find({ model: this.model.name, entryId: id }, { sort: { version: -1 }, limit: 200 })
      .toArray();
  }

  /** Restores an older version's values as a new version (history is never rewritten). */
  async restore(id: string, version: number, by: string | null): Promise<EntryDoc> {
    const old = await this.db
      .collection<HistoryDoc>(HISTORY)
      .findOne({ model: this.model.name, entryId: id, version });
    if (!old) throw httpError(404, `Entry ${id} has no version ${version}`);
    const current = await this.get(id);
    const cleared: Record<string, unknown> = {};
    for (const key of Object.keys(fieldsOf(current))) cleared[key] = null;
    const autoNumbers = new Set(this.model.fields.filter((f) => f.type === 'autoNumber').map((f) => f.name));
    const restored: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(old.fields)) if (!autoNumbers.has(key)) restored[key] = value;
    for (const name of autoNumbers) delete cleared[name];
    return this.update(id, { ...cleared, ...restored }, by, { action: `restore:${version}` });
  }

  private async remember(
    tx: DocumentStore,
    entryId: string,
    version: number,
    action: string,
    fields: Record<string, unknown>,
    by: string | null,
  ): Promise<void> {
    await tx.collection<HistoryDoc>(HISTORY).insertOne({
      _id: `${this.model.name}:${entryId}:${version}`,
      model: this.model.name,
      entryId,
      version,
      action,
      fields,
      at: new Date().toISOString(),
      by,
    });
  }
}

/** Creates the indexes a model's entries need (unique fields, history lookups). */
export async function ensureIndexes(db: DocumentStore, model: ContentModel): Promise<void> {
  for (const field of model.fields)
    if (field.unique)
      await db.collection(draftsOf(model.name)).createIndex({ [uniqueKey(field.name)]: 1 }, { unique: true });
  await db.collection(HISTORY).createIndex({ model: 1, entryId: 1, version: -1 });
}

/** Entry without index keys; the system keys stay (status, version, dates). */
export function publicShape(doc: Document): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!isUniqueKey(key)) out[key] = value;
  return out;
}

export { systemKeys };
