// Query operators where mingo departs from MongoDB's documented behaviour, replaced in mingo's
// context: equality is field-order sensitive for embedded documents, ranges against null match
// missing fields, $type knows int/long/double and array elements, $mod skips non-numbers, and
// $all also matches a whole array and scalar fields.
import { Query } from 'mingo';
import { resolve } from 'mingo/util';
import { ErrorCode, StoreError } from '../errors';
import { compareValues } from './order';

type Predicate = (resolved: unknown, arg: unknown, depth: number) => boolean;
type Options = { scriptEnabled?: boolean; useStrictMode?: boolean; context?: unknown };

const isNil = (v: unknown) => v === null || v === undefined;

function typeBracket(v: unknown): string {
  if (isNil(v)) return 'null';
  if (typeof v === 'number') return 'number';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** MongoDB equality: same BSON type bracket, same value; embedded documents compare field order too. */
export function mongoEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeBracket(a) !== typeBracket(b)) return false;
  return compareValues(a, b) === 0;
}

function flatten(values: unknown[], depth: number): unknown[] {
  const out: unknown[] = [];
  const visit = (xs: unknown[], d: number) => {
    for (const x of xs) {
      if (Array.isArray(x) && d > 0) visit(x, d - 1);
      else out.push(x);
    }
  };
  visit(values, depth);
  return out;
}

/** The values a leaf predicate looks at: the value itself, and for arrays their elements. */
function candidates(a: unknown, depth: number): unknown[] {
  if (!Array.isArray(a)) return [a];
  return [a, ...a, ...flatten(a, depth).filter((x) => !a.includes(x))];
}

const eq: Predicate = (a, b, depth) => {
  if (isNil(b)) return isNil(a) || (Array.isArray(a) && flatten(a, depth).some(isNil));
  return candidates(a, depth).some((v) => mongoEquals(v, b));
};

const inList: Predicate = (a, list, depth) => {
  const values = list as unknown[];
  return values.some((b) =>
    b instanceof RegExp
      ? candidates(a, depth).some((v) => typeof v === 'string' && b.test(v))
      : eq(a, b, depth),
  );
};

function range(test: (c: number) => boolean, nullMatches: boolean): Predicate {
  return (a, b, depth) => {
    if (isNil(b)) return nullMatches && eq(a, null, depth);
    const bracket = typeBracket(b);
    const values = Array.isArray(a) ? flatten(a, depth) : [a];
    return values.some((v) => typeBracket(v) === bracket && test(compareValues(v, b)));
  };
}

const INT32 = 2 ** 31;
const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: (v) =>
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp),
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32,
  long: (v) => typeof v === 'number' && Number.isInteger(v) && (v < -INT32 || v >= INT32),
  decimal: () => false,
  number: (v) => typeof v === 'number',
  undefined: () => false,
};
const TYPE_CODES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  18: 'long',
  19: 'decimal',
};

function typeTest(t: unknown): (v: unknown) => boolean {
  const name = typeof t === 'number' ? TYPE_CODES[t] : (t as string);
  const test = name === undefined ? undefined : TYPE_TESTS[name];
  if (!test) throw new StoreError(ErrorCode.BadValue, `Unknown type name alias: ${String(t)}`);
  return test;
}

const type: Predicate = (a, t) => {
  const tests = (Array.isArray(t) ? t : [t]).map(typeTest);
  if (a === undefined) return false;
  const values = Array.isArray(a) ? [a, ...a] : [a];
  return values.some((v) => tests.some((test) => test(v)));
};

const mod: Predicate = (a, arg) => {
  const [divisor, remainder] = arg as [number, number];
  const values = Array.isArray(a) ? a : [a];
  return values.some(
    (v) =>
      typeof v === 'number' &&
      Number.isFinite(v) &&
      Math.trunc(v) % Math.trunc(divisor) === Math.trunc(remainder),
  );
};

function checkArgs(op: string, arg: unknown): void {
  if ((op === '$in' || op === '$nin' || op === '$all') && !Array.isArray(arg))
    throw new StoreError(ErrorCode.BadValue, `${op} needs an array`);
  if (op === '$mod') {
    if (!Array.isArray(arg) || arg.length !== 2)
      throw new StoreError(ErrorCode.BadValue, 'malformed mod, needs to be an array of 2 elements');
    if (!arg.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw new StoreError(ErrorCode.BadValue, 'malformed mod, divisor and remainder must be numbers');
    if (Math.trunc(arg[0]) === 0) throw new StoreError(ErrorCode.BadValue, 'divisor cannot be 0');
  }
}

function depthOf(selector: string): number {
  return selector.split('.').length - 1;
}

function operator(op: string, predicate: Predicate) {
  return (selector: string, value: unknown, _options: Options) => {
    checkArgs(op, value);
    const depth = depthOf(selector);
    return (doc: object) =>
      predicate(resolve(doc as Record<string, unknown>, selector, { unwrapArray: true }), value, depth);
  };
}

/** $all: every listed value is matched by the field as equality would (or via $elemMatch). */
function allOperator(selector: string, value: unknown, options: Options) {
  checkArgs('$all', value);
  const list = value as unknown[];
  const depth = depthOf(selector);
  const checks = list.map((item) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && '$elemMatch' in item) {
      const q = new Query({ field: item }, options as never);
      return (a: unknown) => q.test({ field: a });
    }
    if (item instanceof RegExp)
      return (a: unknown) => candidates(a, depth).some((v) => typeof v === 'string' && item.test(v));
    return (a: unknown) => eq(a, item, depth);
  });
  return (doc: object) => {
    if (checks.length === 0) return false;
    const a = resolve(doc as Record<string, unknown>, selector, { unwrapArray: true });
    return checks.every((check) => check(a));
  };
}

/** Our query operators, to be placed before mingo's (see context.ts). */
export const queryOperators = {
  $eq: operator('$eq', eq),
  $ne: operator('$ne', (a, b, d) => !eq(a, b, d)),
  $in: operator('$in', inList),
  $nin: operator('$nin', (a, b, d) => !inList(a, b, d)),
  $gt: operator(
    '$gt',
    range((c) => c > 0, false),
  ),
  $gte: operator(
    '$gte',
    range((c) => c >= 0, true),
  ),
  $lt: operator(
    '$lt',
    range((c) => c < 0, false),
  ),
  $lte: operator(
    '$lte',
    range((c) => c <= 0, true),
  ),
  $type: operator('$type', type),
  $mod: operator('$mod', mod),
  $all: allOperator,
};
