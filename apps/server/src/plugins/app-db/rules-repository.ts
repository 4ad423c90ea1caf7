import type { Document, Store } from '@tessera/store';
import { type CollectionRules, defaultPreset, presets, type RulePreset } from '../../rules/presets';
import { type CompiledRules, compileRules } from '../../rules/security-rules';

/** Stored rules of one collection; `preset` names the preset they came from, if any. */
export interface StoredCollectionRules extends CollectionRules {
  collection: string;
  preset: RulePreset | null;
  updatedAt: string | null;
}

interface RulesRecord extends CollectionRules, Document {
  _id: string;
  preset: RulePreset | null;
  updatedAt: string;
}

const rulesCollection = '_db_rules';
// Another server process sharing the store sees a rule change within this time.
const cacheMilliseconds = 2000;

/** Security rules of each app collection, kept in the app's own database and compiled once. */
export class RulesRepository {
  private readonly cache = new Map<string, { loadedAt: number; rules: Map<string, CompiledRules> }>();
  private readonly defaultRules = compileRules(presets[defaultPreset]);

  constructor(private readonly store: Store) {}

  async rulesFor(appId: string, collection: string): Promise<CompiledRules> {
    let entry = this.cache.get(appId);
    if (!entry || Date.now() - entry.loadedAt > cacheMilliseconds) {
      entry = { loadedAt: Date.now(), rules: await this.load(appId) };
      this.cache.set(appId, entry);
    }
    return entry.rules.get(collection) ?? this.defaultRules;
  }

  async list(appId: string): Promise<StoredCollectionRules[]> {
    const records = await this.store
      .app(appId)
      .collection<RulesRecord>(rulesCollection)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    return records.map(toStored);
  }

  async get(appId: string, collection: string): Promise<StoredCollectionRules> {
    const record = await this.store
      .app(appId)
      .collection<RulesRecord>(rulesCollection)
      .findOne({ _id: collection });
    if (record) return toStored(record);
    return { collection, preset: defaultPreset, ...presets[defaultPreset], updatedAt: null };
  }

  /** Saves rules after compiling them; throws RuleError (nothing saved) when one cannot be used. */
  async save(
    appId: string,
    collection: string,
    rules: CollectionRules,
    preset: RulePreset | null,
  ): Promise<StoredCollectionRules> {
    compileRules(rules);
    const record: RulesRecord = {
      _id: collection,
      read: rules.read,
      create: rules.create,
      update: rules.update,
      delete: rules.delete,
      preset,
      updatedAt: new Date().toISOString(),
    };
    await this.store
      .app(appId)
      .collection<RulesRecord>(rulesCollection)
      .replaceOne({ _id: collection }, record, { upsert: true });
    this.cache.delete(appId);
    return toStored(record);
  }

  async remove(appId: string, collection: string): Promise<boolean> {
    const { deletedCount } = await this.store
      .app(appId)
      .collection(rulesCollection)
      .deleteOne({ _id: collection });
    this.cache.delete(appId);
    return deletedCount > 0;
  }

  private async load(appId: string): Promise<Map<string, CompiledRules>> {
    const records = await this.store.app(appId).collection<RulesRecord>(rulesCollection).find({}).toArray();
    const rules = new Map<string, CompiledRules>();
    for (const record of records) {
      try {
        rules.set(record._id, compileRules(record));
      } catch {
        // Saved rules always compiled; if the language changed since, deny everything rather than guess.
        rules.set(
          record._id,
          compileRules({ read: 'false', create: 'false', update: 'false', delete: 'false' }),
        );
      }
    }
    return rules;
  }
}

function toStored(record: RulesRecord): StoredCollectionRules {
  return {
    collection: record._id,
    preset: record.preset ?? null,
    read: record.read,
    create: record.create,
    update: record.update,
    delete: record.delete,
    updatedAt: record.updatedAt ?? null,
  };
}
