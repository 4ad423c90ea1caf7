// The adapters every conformance case runs against. MongoDB joins only when MONGODB_URL is
// set (CI without a server still runs the embedded adapter, which is the one at risk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Collection, type Document, type DocumentStore, openStore, type Store } from '../../src/index';

export interface Adapter {
  name: string;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const embedded: Adapter = {
  name: 'embedded',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-conformance-'));
    const store = await openStore({ dataDir: dir });
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const mongodbUrl = process.env.MONGODB_URL;

export const mongodb: Adapter = {
  name: 'mongodb',
  async open() {
    const prefix = `tessera_conf_${process.pid}_${Date.now()}_`;
    const store = await openStore({ mongodbUrl: mongodbUrl as string, dbPrefix: prefix });
    return {
      store,
      async cleanup() {
        await store.dropApp('conformance');
        await store.close();
      },
    };
  },
};

export const adapters: Adapter[] = mongodbUrl ? [embedded, mongodb] : [embedded];

/** A fresh, uniquely named collection per case so cases never see each other's data. */
export class Workspace {
  #n = 0;
  db!: DocumentStore;
  #cleanup!: () => Promise<void>;
  store!: Store;

  constructor(readonly adapter: Adapter) {}

  async open(): Promise<void> {
    const { store, cleanup } = await this.adapter.open();
    this.store = store;
    this.db = store.app('conformance');
    this.#cleanup = cleanup;
  }

  async close(): Promise<void> {
    await this.#cleanup();
  }

  async collection(docs: Document[] = [], indexes: Record<string, 1 | -1>[] = []): Promise<Collection> {
    this.#n++;
    const c = this.db.collection(`case_${this.#n}`);
    for (const keys of indexes) await c.createIndex(keys);
    if (docs.length > 0) await c.insertMany(structuredClone(docs));
    return c;
  }
}

export function ids(docs: Document[]): string[] {
  return docs.map((d) => d._id as string);
}
