import {
  command,
  ServerDate,
  type ServerDate as ServerDateType,
  serializeUpdate,
  serializeWhere,
  toWire,
  type WhereCondition,
} from './command';

/** Makes the app's HTTP calls (with the signed-in user's token). */
export type Call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<unknown>;

export type DocumentData = Record<string, unknown> & { _id?: string; _openid?: string };

/** `app.database()`: collections, `command` (`_`) and `serverDate()`. */
export class Database {
  readonly command = command;

  constructor(private readonly call: Call) {}

  collection(name: string): CollectionReference {
    return new CollectionReference(this.call, name, {});
  }

  serverDate(options: { offset?: number } = {}): ServerDateType {
    return new ServerDate(options.offset ?? 0);
  }
}

interface QueryState {
  where?: Record<string, unknown>;
  orderBy?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  field?: Record<string, 0 | 1>;
}

/** A query being built; each method returns a new query, so a base query can be reused. */
export class Query {
  constructor(
    protected readonly call: Call,
    readonly collectionName: string,
    protected readonly state: QueryState,
  ) {}

  where(condition: WhereCondition): Query {
    return new Query(this.call, this.collectionName, { ...this.state, where: serializeWhere(condition) });
  }

  orderBy(field: string, direction: 'asc' | 'desc' = 'asc'): Query {
    return new Query(this.call, this.collectionName, {
      ...this.state,
      orderBy: { ...this.state.orderBy, [field]: direction === 'desc' ? -1 : 1 },
    });
  }

  skip(count: number): Query {
    return new Query(this.call, this.collectionName, { ...this.state, skip: count });
  }

  limit(count: number): Query {
    return new Query(this.call, this.collectionName, { ...this.state, limit: count });
  }

  /** Which fields to return: `{ title: true }` (only these) or `{ body: false }` (all but these). */
  field(projection: Record<string, boolean | 0 | 1>): Query {
    const field: Record<string, 0 | 1> = {};
    for (const [name, on] of Object.entries(projection)) field[name] = on ? 1 : 0;
    return new Query(this.call, this.collectionName, { ...this.state, field });
  }

  async get<T extends DocumentData = DocumentData>(): Promise<{ data: T[] }> {
    return (await this.call('POST', this.path('/query'), {
      ...(this.state.where ? { filter: this.state.where } : {}),
      ...(this.state.orderBy ? { sort: this.state.orderBy } : {}),
      ...(this.state.skip !== undefined ? { skip: this.state.skip } : {}),
      ...(this.state.limit !== undefined ? { limit: this.state.limit } : {}),
      ...(this.state.field ? { projection: this.state.field } : {}),
    })) as { data: T[] };
  }

  async count(): Promise<{ total: number }> {
    return (await this.call(
      'POST',
      this.path('/count'),
      this.state.where ? { filter: this.state.where } : {},
    )) as { total: number };
  }

  /** Updates every matching document the rules let you update (all or none). */
  async update(data: Record<string, unknown>): Promise<{ updated: number; stats: { updated: number } }> {
    const reply = (await this.call('POST', this.path('/update'), {
      filter: this.state.where ?? {},
      update: serializeUpdate(data),
    })) as { updated: number };
    return { updated: reply.updated, stats: { updated: reply.updated } };
  }

  /** Removes every matching document the rules let you remove (all or none). */
  async remove(): Promise<{ deleted: number; stats: { removed: number } }> {
    const reply = (await this.call('POST', this.path('/remove'), { filter: this.state.where ?? {} })) as {
      deleted: number;
    };
    return { deleted: reply.deleted, stats: { removed: reply.deleted } };
  }

  protected path(rest: string): string {
    return `/db/${encodeURIComponent(this.collectionName)}${rest}`;
  }
}

export class CollectionReference extends Query {
  doc(id: string): DocumentReference {
    return new DocumentReference(this.call, this.collectionName, id);
  }

  /** Adds a document; the server stamps `_openid` with the signed-in user's uid. */
  async add(data: Record<string, unknown>): Promise<{ id: string; _id: string }> {
    const reply = (await this.call('POST', this.path('/docs'), { data: toWire(data) })) as { id: string };
    return { id: reply.id, _id: reply.id };
  }
}

export class DocumentReference {
  constructor(
    private readonly call: Call,
    readonly collectionName: string,
    readonly id: string,
  ) {}

  /** The document; rejects with code 404 when it does not exist or the rules hide it. */
  async get<T extends DocumentData = DocumentData>(): Promise<{ data: T }> {
    return (await this.call('GET', this.path())) as { data: T };
  }

  /** Replaces the whole document (creating it when missing). */
  async set(data: Record<string, unknown>): Promise<{ created: boolean; _id: string }> {
    const reply = (await this.call('PUT', this.path(), { data: toWire(data) })) as { created: boolean };
    return { created: reply.created, _id: this.id };
  }

  /** Changes the named fields (nested objects update only the fields they name; use `_.set` to replace). */
  async update(data: Record<string, unknown>): Promise<{ updated: number; stats: { updated: number } }> {
    const reply = (await this.call('PATCH', this.path(), { update: serializeUpdate(data) })) as {
      updated: number;
    };
    return { updated: reply.updated, stats: { updated: reply.updated } };
  }

  async remove(): Promise<{ deleted: number; stats: { removed: number } }> {
    const reply = (await this.call('DELETE', this.path())) as { deleted: number };
    return { deleted: reply.deleted, stats: { removed: reply.deleted } };
  }

  private path(): string {
    return `/db/${encodeURIComponent(this.collectionName)}/docs/${encodeURIComponent(this.id)}`;
  }
}
