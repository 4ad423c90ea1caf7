// Update operators as MongoDB applies them. mingo's updater does the arithmetic of each operator;
// this module does what mingo leaves out: rejecting the updates MongoDB rejects, upserts, and
// $setOnInsert.
import { update as mingoUpdate } from 'mingo/updater';
import { ErrorCode, StoreError } from '../errors';
import { newId } from '../object-id';
import type { Document, Filter, UpdateSpec } from '../types';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$setOnInsert',
  '$bit',
]);

/** Operators that need an existing value of a given kind at their path. */
const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
/** Operators that create the path when it is missing (and so fail on a scalar along the way). */
const CREATING_OPS = new Set([
  '$set',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$setOnInsert',
  '$bit',
]);

function fail(code: number, message: string): never {
  throw new StoreError(code, message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp)
  );
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function short(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** True when an update document holds operators (`$set`...) rather than a replacement. */
export function isOperatorUpdate(update: object): boolean {
  const first = Object.keys(update)[0];
  return first?.startsWith('$') ?? false;
}

function isPositional(segment: string): boolean {
  return segment === '$' || segment.startsWith('$[');
}

/** Checks the shape of an operator update; MongoDB rejects these before touching any document. */
export function validateUpdate(update: unknown): asserts update is UpdateSpec {
  if (Array.isArray(update))
    fail(ErrorCode.FailedToParse, 'Pipeline-style updates are not supported; use update operators');
  if (!isPlainObject(update)) fail(ErrorCode.FailedToParse, 'Update document must be an object');
  const keys = Object.keys(update);
  if (keys.length === 0) fail(ErrorCode.FailedToParse, 'Update document requires atomic operators');
  if (!isOperatorUpdate(update)) fail(ErrorCode.FailedToParse, 'Update document requires atomic operators');
  const paths: { path: string; parts: string[] }[] = [];
  for (const op of keys) {
    if (!OPERATORS.has(op)) {
      fail(
        ErrorCode.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const operand = update[op];
    if (!isPlainObject(operand)) {
      fail(
        ErrorCode.FailedToParse,
        `Modifiers operate on fields but we found type ${describeType(operand)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${short(operand)}}`,
      );
    }
    for (const [path, arg] of Object.entries(operand)) {
      const parts = path.split('.');
      if (path === '' || parts.some((p) => p === '')) fail(56, `An empty update path is not valid.`);
      if (parts.filter((p) => p === '$').length > 1)
        fail(ErrorCode.BadValue, `Too many positional (i.e. '$') elements found in path '${path}'`);
      paths.push({ path, parts });
      if (NUMERIC_OPS.has(op) && typeof arg !== 'number') {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        fail(ErrorCode.TypeMismatch, `Cannot ${verb} with non-numeric argument: {${path}: ${short(arg)}}`);
      }
      if (op === '$pop' && arg !== 1 && arg !== -1)
        fail(ErrorCode.FailedToParse, `$pop expects 1 or -1, found: ${short(arg)}`);
      if (op === '$rename') {
        if (typeof arg !== 'string')
          fail(ErrorCode.BadValue, `The 'to' field for $rename must be a string: ${path}: ${short(arg)}`);
        if (arg === path)
          fail(
            ErrorCode.BadValue,
            `The source and target field for $rename must differ: ${path}: ${short(arg)}`,
          );
        if (arg.split('.').some(isPositional) || parts.some(isPositional))
          fail(ErrorCode.BadValue, `The source field for $rename may not be dynamic: ${path}`);
        paths.push({ path: arg, parts: arg.split('.') });
      }
      if ((op === '$push' || op === '$addToSet') && isPlainObject(arg) && '$each' in arg)
        validateEach(op, path, arg);
      if (
        op === '$currentDate' &&
        arg !== true &&
        !(isPlainObject(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'))
      ) {
        fail(
          ErrorCode.BadValue,
          `${short(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
        );
      }
    }
  }
  // Two operators may not touch the same path, or a path and one of its parents.
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i] as { path: string; parts: string[] };
      const b = paths[j] as { path: string; parts: string[] };
      const n = Math.min(a.parts.length, b.parts.length);
      if (a.parts.slice(0, n).join('.') === b.parts.slice(0, n).join('.')) {
        const [longer, shorter] = a.parts.length >= b.parts.length ? [a, b] : [b, a];
        fail(
          ErrorCode.ConflictingUpdateOperators,
          `Updating the path '${longer.path}' would create a conflict at '${shorter.path}'`,
        );
      }
    }
  }
}

function validateEach(op: string, path: string, arg: Record<string, unknown>): void {
  if (!Array.isArray(arg.$each))
    fail(
      ErrorCode.BadValue,
      `The argument to $each in ${op} must be an array but it was of type: ${describeType(arg.$each)}`,
    );
  for (const key of Object.keys(arg)) {
    if (key === '$each') continue;
    if (op === '$addToSet')
      fail(ErrorCode.BadValue, `Found unexpected fields after $each in $addToSet: ${short(arg)}`);
    if (!['$slice', '$sort', '$position'].includes(key))
      fail(ErrorCode.BadValue, `Unrecognized clause in $push: ${key}`);
  }
  if ('$slice' in arg && !Number.isInteger(arg.$slice))
    fail(
      ErrorCode.BadValue,
      `The value for $slice must be an integer value but was given type: ${describeType(arg.$slice)}`,
    );
  if ('$position' in arg && !Number.isInteger(arg.$position))
    fail(
      ErrorCode.BadValue,
      `The value for $position must be an integer value, not of type: ${describeType(arg.$position)}`,
    );
  if ('$sort' in arg) {
    const s = arg.$sort;
    const ok =
      s === 1 ||
      s === -1 ||
      (isPlainObject(s) && Object.keys(s).length > 0 && Object.values(s).every((d) => d === 1 || d === -1));
    if (!ok)
      fail(
        ErrorCode.BadValue,
        `The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields`,
      );
  }
  void path;
}

/** Rejects, per document, what MongoDB rejects while applying an update (mingo silently ignores these). */
function checkAgainstDocument(doc: Document, update: UpdateSpec, inserting: boolean): void {
  for (const [op, operand] of Object.entries(update)) {
    if (op === '$setOnInsert' && !inserting) continue;
    for (const path of Object.keys(operand as object)) {
      const targets = op === '$rename' ? [String((operand as Record<string, unknown>)[path])] : [path];
      for (const target of targets) checkPath(doc, op === '$rename' ? '$set' : op, target);
    }
  }
}

function checkPath(doc: Document, op: string, path: string): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (isPositional(part)) return; // mingo resolves positional paths; the array check happens there
    const last = i === parts.length - 1;
    let next: unknown;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) {
        if (CREATING_OPS.has(op) || NUMERIC_OPS.has(op)) {
          fail(
            ErrorCode.PathNotViable,
            `Cannot create field '${part}' in element {${parts[i - 1]}: ${short(current)}}`,
          );
        }
        return;
      }
      next = current[Number(part)];
    } else if (isPlainObject(current)) {
      next = Object.hasOwn(current, part) ? current[part] : undefined;
    } else {
      if (CREATING_OPS.has(op))
        fail(
          ErrorCode.PathNotViable,
          `Cannot create field '${part}' in element {${parts[i - 1]}: ${short(current)}}`,
        );
      return;
    }
    if (last) {
      if (next === undefined) return;
      if (NUMERIC_OPS.has(op) && typeof next !== 'number') {
        fail(
          ErrorCode.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${short(doc._id)}} has the field '${part}' of non-numeric type ${describeType(next)}`,
        );
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(next)) {
        if (op === '$pop')
          fail(
            ErrorCode.TypeMismatch,
            `Path '${path}' contains an element of non-array type '${describeType(next)}'`,
          );
        if (op === '$pull' || op === '$pullAll')
          fail(ErrorCode.BadValue, `Cannot apply ${op} to a non-array value`);
        fail(
          ErrorCode.BadValue,
          `The field '${path}' must be an array but is of type ${describeType(next)} in document {_id: ${short(doc._id)}}`,
        );
      }
      return;
    }
    if (next === undefined || next === null) {
      if (next === null && CREATING_OPS.has(op))
        fail(ErrorCode.PathNotViable, `Cannot create field '${parts[i + 1]}' in element {${part}: null}`);
      return;
    }
    current = next;
  }
}

export interface ApplyOptions {
  arrayFilters?: Filter[];
  /** The query that selected the document; positional `$` refers to the array element it matched. */
  filter?: Filter;
  inserting?: boolean;
}

/** Applies an operator update to a copy of `doc`; returns the copy (the input is left unchanged). */
export function applyUpdate(doc: Document, update: UpdateSpec, options: ApplyOptions = {}): Document {
  checkAgainstDocument(doc, update, options.inserting ?? false);
  const copy = structuredClone(doc);
  const modifier: Record<string, unknown> = {};
  for (const [op, operand] of Object.entries(update)) {
    if (op === '$setOnInsert') {
      if (options.inserting) modifier.$set = { ...(modifier.$set as object), ...(operand as object) };
    } else if (op === '$set') {
      modifier.$set = { ...(modifier.$set as object), ...(operand as object) };
    } else {
      modifier[op] = operand;
    }
  }
  checkIdUntouched(doc, modifier, options.inserting ?? false);
  if (Object.keys(modifier).length > 0) {
    // mingo skips the update when its own evaluation of the condition fails, so pass the filter only
    // where it is needed: to resolve a positional `$`.
    const positional = Object.values(modifier).some((operand) =>
      Object.keys(operand as object).some((p) => p.split('.').includes('$')),
    );
    try {
      mingoUpdate(copy, modifier, options.arrayFilters, positional ? (options.filter ?? {}) : undefined, {
        cloneMode: 'deep',
      });
    } catch (error) {
      throw translateMingoError(error);
    }
  }
  if (!options.inserting && copy._id !== doc._id) {
    fail(
      ErrorCode.ImmutableField,
      `Performing an update on the path '_id' would modify the immutable field '_id'`,
    );
  }
  return copy;
}

/** `_id` is immutable: only a `$set` to its current value (as upserts do) is allowed. */
function checkIdUntouched(doc: Document, modifier: Record<string, unknown>, inserting: boolean): void {
  for (const [op, operand] of Object.entries(modifier)) {
    for (const [path, value] of Object.entries(operand as object)) {
      const targets = op === '$rename' ? [path, String(value)] : [path];
      for (const target of targets) {
        if (target.split('.')[0] !== '_id') continue;
        if (inserting && op === '$set' && target === '_id') continue;
        if (op === '$set' && target === '_id' && value === doc._id) continue;
        fail(
          ErrorCode.ImmutableField,
          `Performing an update on the path '${target}' would modify the immutable field '_id'`,
        );
      }
    }
  }
}

export function translateMingoError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/positional|\.\$/i.test(message)) {
    return new StoreError(
      ErrorCode.BadValue,
      'The positional operator did not find the match needed from the query.',
      { cause: error },
    );
  }
  if (/arrayFilter|identifier/i.test(message))
    return new StoreError(ErrorCode.BadValue, message, { cause: error });
  return new StoreError(ErrorCode.BadValue, message, { cause: error });
}

/** Checks a replacement document (replaceOne): no operators, and `_id` kept. */
export function validateReplacement(doc: unknown): asserts doc is Document {
  if (!isPlainObject(doc)) fail(ErrorCode.BadValue, 'Replacement document must be an object');
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$'))
      fail(ErrorCode.BadValue, 'Replacement document must not contain atomic operators');
  }
}

/** Equality conditions of a filter, as MongoDB uses them to seed an upserted document. */
export function equalityFields(filter: Filter): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (f: Filter) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const c of cond) visit(c as Filter);
      } else if (key === '$or' && Array.isArray(cond) && cond.length === 1) {
        visit(cond[0] as Filter); // a one-clause $or is an $and
      } else if (key.startsWith('$')) {
        // other logical operators contribute nothing
      } else if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
        if ('$eq' in cond) out.set(key, cond.$eq);
        else if (Array.isArray(cond.$in) && cond.$in.length === 1 && !(cond.$in[0] instanceof RegExp))
          out.set(key, cond.$in[0]);
        else if (
          isPlainObject(cond.$all) === false &&
          Array.isArray(cond.$all) &&
          cond.$all.length === 1 &&
          !isPlainObject(cond.$all[0])
        )
          out.set(key, cond.$all[0]);
      } else if (!(cond instanceof RegExp)) {
        out.set(key, cond);
      }
    }
  };
  visit(filter);
  return out;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!isPlainObject(next)) {
      if (next !== undefined)
        fail(
          ErrorCode.NotSingleValueField,
          `cannot infer query fields to set, path '${path}' is matched twice`,
        );
      target[part] = {};
    }
    target = target[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (Object.hasOwn(target, last))
    fail(ErrorCode.NotSingleValueField, `cannot infer query fields to set, path '${path}' is matched twice`);
  target[last] = structuredClone(value);
}

/** The document an upsert inserts: the filter's equality fields, then the update applied to them. */
export function buildUpsertDocument(filter: Filter, update: UpdateSpec, arrayFilters?: Filter[]): Document {
  const base: Record<string, unknown> = {};
  for (const [path, value] of equalityFields(filter)) setPath(base, path, value);
  const updated = applyUpdate(base as Document, update, { arrayFilters, filter, inserting: true });
  return withId(updated);
}

/** Puts `_id` first (generating one when missing), as MongoDB stores it. */
export function withId(doc: Document): Document {
  const { _id, ...rest } = doc;
  return { _id: _id ?? newId(), ...rest };
}

/** The document a replacement upsert inserts: the replacement, with `_id` taken from the filter when given there. */
export function buildUpsertReplacement(filter: Filter, replacement: Document): Document {
  const eq = equalityFields(filter);
  const id = replacement._id ?? (eq.get('_id') as string | undefined);
  return withId({ ...replacement, ...(id === undefined ? {} : { _id: id }) });
}
