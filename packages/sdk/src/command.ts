// `db.command` (usually `const _ = db.command`): query and update operators that serialise to
// MongoDB-style JSON, the form the server validates and runs.

type Json = unknown;

/** A condition on one field, e.g. `_.gt(3)`; combine with `.and()` / `.or()`. */
export class QueryCommand {
  constructor(readonly toJSON: () => Record<string, Json>) {}

  and(...others: QueryCommand[]): QueryCommand {
    return new QueryCommand(() => Object.assign({}, this.toJSON(), ...others.map((other) => other.toJSON())));
  }

  or(...others: QueryCommand[]): LogicalFieldCommand {
    return new LogicalFieldCommand('$or', [this, ...others]);
  }
}

/** `_.or(_.lt(1), _.gt(9))` used as a field's value: any of the conditions holds for that field. */
export class LogicalFieldCommand {
  constructor(
    readonly operator: '$or' | '$and' | '$nor',
    readonly conditions: QueryCommand[],
  ) {}
}

/** `_.or([{ a: 1 }, { b: 2 }])` used as the whole `where`. */
export class LogicalQuery {
  constructor(
    readonly operator: '$or' | '$and' | '$nor',
    readonly queries: WhereCondition[],
  ) {}
}

/** A change to one field in `update()`, e.g. `_.inc(1)`. */
export class UpdateCommand {
  constructor(
    readonly operator: string,
    readonly operand: Json,
  ) {}
}

/** `db.serverDate()`: the server's clock at the time of the write, plus an optional offset in ms. */
export class ServerDate {
  constructor(readonly offset = 0) {}
}

export type WhereCondition = Record<string, unknown> | LogicalQuery;

function single(operator: string, operand: unknown): QueryCommand {
  return new QueryCommand(() => ({ [operator]: toWire(operand) }));
}

/** `_.or(_.lt(1), _.gt(9))` combines field conditions; `_.or([{ a: 1 }, { b: 2 }])` combines whole queries. */
interface Logical {
  (...conditions: QueryCommand[]): LogicalFieldCommand;
  (conditions: QueryCommand[]): LogicalFieldCommand;
  (...queries: WhereCondition[]): LogicalQuery;
  (queries: WhereCondition[]): LogicalQuery;
}

function logicalOf(operator: '$or' | '$and' | '$nor'): Logical {
  return ((...args: unknown[]) => logical(operator, args)) as Logical;
}

function logical(operator: '$or' | '$and' | '$nor', args: unknown[]): LogicalQuery | LogicalFieldCommand {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (list.every((item) => item instanceof QueryCommand))
    return new LogicalFieldCommand(operator, list as QueryCommand[]);
  return new LogicalQuery(operator, list as WhereCondition[]);
}

export const command = {
  eq: (value: unknown) => single('$eq', value),
  neq: (value: unknown) => single('$ne', value),
  lt: (value: unknown) => single('$lt', value),
  lte: (value: unknown) => single('$lte', value),
  gt: (value: unknown) => single('$gt', value),
  gte: (value: unknown) => single('$gte', value),
  in: (values: unknown[]) => single('$in', values),
  nin: (values: unknown[]) => single('$nin', values),
  exists: (present: boolean) => single('$exists', present),
  size: (length: number) => single('$size', length),
  all: (values: unknown[]) => single('$all', values),
  elemMatch: (condition: Record<string, unknown> | QueryCommand) =>
    new QueryCommand(() => ({
      $elemMatch: condition instanceof QueryCommand ? condition.toJSON() : serializeWhere(condition),
    })),
  and: logicalOf('$and'),
  or: logicalOf('$or'),
  nor: logicalOf('$nor'),

  /** Replaces the field's whole value (objects are not merged). */
  set: (value: unknown) => new UpdateCommand('$set', value),
  remove: () => new UpdateCommand('$unset', ''),
  inc: (amount: number) => new UpdateCommand('$inc', amount),
  mul: (factor: number) => new UpdateCommand('$mul', factor),
  /** Appends one value, several (array), or `{ each, position, slice }`. */
  push: (values: unknown) => {
    if (Array.isArray(values)) return new UpdateCommand('$push', { $each: values });
    if (isPlain(values) && 'each' in values) {
      const { each, position, slice } = values as { each: unknown[]; position?: number; slice?: number };
      return new UpdateCommand('$push', {
        $each: each,
        ...(position !== undefined ? { $position: position } : {}),
        ...(slice !== undefined ? { $slice: slice } : {}),
      });
    }
    return new UpdateCommand('$push', values);
  },
  pop: () => new UpdateCommand('$pop', 1),
  shift: () => new UpdateCommand('$pop', -1),
  unshift: (values: unknown) =>
    new UpdateCommand('$push', { $each: Array.isArray(values) ? values : [values], $position: 0 }),
  addToSet: (value: unknown) => new UpdateCommand('$addToSet', value),
  pull: (condition: unknown) =>
    new UpdateCommand('$pull', condition instanceof QueryCommand ? condition.toJSON() : condition),
};

export type Command = typeof command;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as JSON on the wire: dates and server dates in Extended JSON, everything else as is. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof ServerDate) return { $serverDate: { offset: value.offset } };
  if (Array.isArray(value)) return value.map(toWire);
  if (isPlain(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = toWire(item);
    return result;
  }
  return value;
}

/** A `where()` argument as a MongoDB filter; nested plain objects match nested fields (`{ a: { b: 1 } }` is `a.b == 1`). */
export function serializeWhere(condition: WhereCondition): Record<string, unknown> {
  if (condition instanceof LogicalQuery)
    return { [condition.operator]: condition.queries.map((query) => serializeWhere(query)) };
  const filter: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  const visit = (object: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      const field = prefix + key;
      if (value instanceof QueryCommand) filter[field] = value.toJSON();
      else if (value instanceof LogicalFieldCommand)
        and.push({
          [value.operator]: value.conditions.map((condition) => ({ [field]: condition.toJSON() })),
        });
      else if (value instanceof RegExp)
        filter[field] = { $regex: value.source, $options: value.flags.replace(/[^imsx]/g, '') };
      else if (isPlain(value)) visit(value, `${field}.`);
      else filter[field] = toWire(value);
    }
  };
  visit(condition, '');
  if (and.length === 0) return filter;
  return Object.keys(filter).length === 0 && and.length === 1 ? and[0]! : { $and: [filter, ...and] };
}

/** An `update()` argument as MongoDB update operators; plain nested objects update only the fields they name. */
export function serializeUpdate(data: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const update: Record<string, Record<string, unknown>> = {};
  const put = (operator: string, field: string, value: unknown) => {
    update[operator] ??= {};
    update[operator][field] = value;
  };
  const visit = (object: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      const field = prefix + key;
      if (value instanceof UpdateCommand) put(value.operator, field, toWire(value.operand));
      else if (isPlain(value) && Object.keys(value).length > 0) visit(value, `${field}.`);
      else put('$set', field, toWire(value));
    }
  };
  visit(data, '');
  return update;
}
