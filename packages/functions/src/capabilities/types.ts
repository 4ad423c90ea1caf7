// What the host gives a function. The server wires these to the real store, rules and storage;
// every argument arrives as plain JSON parsed on the host, never as a live guest object.

export type DbMethod =
  | 'find'
  | 'findOne'
  | 'countDocuments'
  | 'insertOne'
  | 'insertMany'
  | 'updateOne'
  | 'updateMany'
  | 'deleteOne'
  | 'deleteMany'
  | 'findOneAndUpdate'
  | 'aggregate';

export interface DbRequest {
  method: DbMethod;
  collection: string;
  /** True when the function asked for `db.admin()`: the host decides whether to allow bypassing the rules. */
  bypassRules: boolean;
  /** The method's arguments after the collection, e.g. [filter, options] for find. */
  args: unknown[];
}

export interface StorageRequest {
  method: 'read' | 'write' | 'remove' | 'list' | 'url';
  args: unknown[];
}

export interface CmsRequest {
  method: 'list' | 'get';
  args: unknown[];
}

export interface Capabilities {
  db?: (request: DbRequest) => Promise<unknown>;
  storage?: (request: StorageRequest) => Promise<unknown>;
  cms?: (request: CmsRequest) => Promise<unknown>;
}

/** A refusal the guest sees as a thrown error with this name and message. */
export class CapabilityError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
