// Client-supplied filters, updates, sorts and documents are checked against an allow-list before
// they reach the store: no server-side JavaScript ($where, $function, $accumulator, $expr), no
// operator names in field positions, bounded depth and size.

export interface QueryIssue {
  pointer: string;
  message: string;
}

/** Bad client input, with the JSON pointer of the offending part; becomes a 400. */
export class QueryError extends Error {
  constructor(readonly issue: QueryIssue) {
    super(issue.pointer ? `${issue.pointer}: ${issue.message}` : issue.message);
    this.name = 'QueryError';
  }
}

const maxDepth = 12;
const maxNodes = 2000;
const maxArray = 1000;
const maxRegex = 200;

const logicalOperators = new Set(['$and', '$or', '$nor']);
const valueOperators = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const forbidden = new Set([
  '$where',
  '$function',
  '$accumulator',
  '$expr',
  '$jsonSchema',
  '$text',
  '$comment',
]);

type Json = Record<string, unknown>;

class Walker {
  nodes = 0;
  constructor(private readonly root: string) {}

  fail(pointer: string, message: string): never {
    throw new QueryError({ pointer: this.root + pointer, message });
  }

  count(pointer: string, depth: number): void {
    if (++this.nodes > maxNodes) this.fail(pointer, `is too large (more than ${maxNodes} parts)`);
    if (depth > maxDepth) this.fail(pointer, `is nested too deeply (more than ${maxDepth} levels)`);
  }

  field(key: string, pointer: string): void {
    const problem = fieldPathProblem(key);
    if (problem) this.fail(pointer, problem);
  }

  /** A plain JSON value: no operator keys anywhere inside. */
  literal(value: unknown, pointer: string, depth: number): void {
    this.count(pointer, depth);
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.fail(pointer, 'numbers must be finite');
      return;
    }
    if (value instanceof Date) return;
    if (Array.isArray(value)) {
      if (value.length > maxArray) this.fail(pointer, `arrays are limited to ${maxArray} items`);
      value.forEach((item, index) => {
        this.literal(item, `${pointer}/${index}`, depth + 1);
      });
      return;
    }
    if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Json)) {
        const at = `${pointer}/${escapePointer(key)}`;
        if (key.startsWith('$')) this.fail(at, `"${key}" is not allowed inside a value`);
        if (key.includes('\0')) this.fail(at, 'field names cannot contain NUL');
        this.literal(item, at, depth + 1);
      }
      return;
    }
    this.fail(pointer, `unsupported value of type ${typeof value}`);
  }

  filter(filter: unknown, pointer: string, depth: number): void {
    this.count(pointer, depth);
    if (!isObject(filter)) this.fail(pointer, 'a filter must be a JSON object');
    for (const [key, value] of Object.entries(filter)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (logicalOperators.has(key)) {
        if (!Array.isArray(value) || value.length === 0)
          this.fail(at, `${key} takes a non-empty array of filters`);
        if (value.length > maxArray) this.fail(at, `${key} is limited to ${maxArray} filters`);
        value.forEach((item, index) => {
          this.filter(item, `${at}/${index}`, depth + 1);
        });
      } else if (key.startsWith('$')) {
        this.fail(at, forbidden.has(key) ? `${key} is not allowed` : `unknown or disallowed operator ${key}`);
      } else {
        this.field(key, at);
        this.condition(value, at, depth + 1);
      }
    }
  }

  /** The value given for a field: a literal (equality) or an object of operators. */
  condition(value: unknown, pointer: string, depth: number): void {
    if (isObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
      this.count(pointer, depth);
      const keys = Object.keys(value);
      if (!keys.every((key) => key.startsWith('$')))
        this.fail(pointer, 'cannot mix operators ($...) and field names in one condition');
      for (const [operator, operand] of Object.entries(value))
        this.operator(operator, operand, value, pointer, depth);
    } else this.literal(value, pointer, depth);
  }

  operator(operator: string, operand: unknown, all: Json, pointer: string, depth: number): void {
    const at = `${pointer}/${escapePointer(operator)}`;
    if (valueOperators.has(operator)) {
      this.literal(operand, at, depth + 1);
      return;
    }
    switch (operator) {
      case '$in':
      case '$nin':
      case '$all':
        if (!Array.isArray(operand)) this.fail(at, `${operator} takes an array`);
        {
          this.literal(operand, at, depth + 1);
          return;
        }
      case '$exists':
        if (typeof operand !== 'boolean') this.fail(at, '$exists takes true or false');
        return;
      case '$size':
        if (!Number.isInteger(operand) || (operand as number) < 0)
          this.fail(at, '$size takes a non-negative integer');
        return;
      case '$type':
        if (typeof operand !== 'string' && typeof operand !== 'number')
          this.fail(at, '$type takes a type name');
        return;
      case '$mod':
        if (!Array.isArray(operand) || operand.length !== 2 || !operand.every((n) => Number.isFinite(n)))
          this.fail(at, '$mod takes [divisor, remainder]');
        if (operand[0] === 0) this.fail(at, '$mod divisor cannot be 0');
        return;
      case '$regex': {
        this.regex(operand, typeof all.$options === 'string' ? all.$options : '', at);
        return;
      }
      case '$options':
        if (typeof operand !== 'string' || !/^[imsx]*$/.test(operand))
          this.fail(at, '$options takes letters from "imsx"');
        if (!('$regex' in all)) this.fail(at, '$options needs $regex');
        return;
      case '$not':
        if (!isObject(operand) || !Object.keys(operand).every((key) => key.startsWith('$')))
          this.fail(at, '$not takes an object of operators');
        {
          this.condition(operand, at, depth + 1);
          return;
        }
      case '$elemMatch':
        if (!isObject(operand)) this.fail(at, '$elemMatch takes an object');
        if (Object.keys(operand).some((key) => key.startsWith('$') && !logicalOperators.has(key))) {
          this.condition(operand, at, depth + 1);
          return;
        }
        {
          this.filter(operand, at, depth + 1);
          return;
        }
      default:
        this.fail(
          at,
          forbidden.has(operator)
            ? `${operator} is not allowed`
            : `unknown or disallowed operator ${operator}`,
        );
    }
  }

  regex(pattern: unknown, options: string, pointer: string): void {
    if (typeof pattern !== 'string') this.fail(pointer, '$regex takes a string');
    if (pattern.length > maxRegex) this.fail(pointer, `$regex is limited to ${maxRegex} characters`);
    // A quantified group that itself contains a quantifier can backtrack exponentially.
    if (/\([^)]*[+*}][^)]*\)\s*[+*{]/.test(pattern))
      this.fail(pointer, '$regex with nested quantifiers is not allowed');
    if (/\\[1-9]/.test(pattern)) this.fail(pointer, '$regex back-references are not allowed');
    try {
      new RegExp(pattern, options.replace(/x/g, ''));
    } catch {
      this.fail(pointer, '$regex is not a valid regular expression');
    }
  }
}

/** Checks a query filter; throws QueryError. */
export function validateFilter(filter: unknown, pointer = '/filter'): Json {
  if (filter === undefined || filter === null) return {};
  new Walker(pointer).filter(filter, '', 0);
  return filter as Json;
}

const updateOperators = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
]);
/** Fields the server owns: clients can neither set nor change them. */
export const protectedFields = ['_id', '_openid'];

/** Checks an update document ({ $set: {...}, $inc: {...} }); throws QueryError. */
export function validateUpdate(update: unknown, pointer = '/update'): Json {
  const walker: Walker = new Walker(pointer);
  if (!isObject(update) || Object.keys(update).length === 0)
    walker.fail('', 'an update must be a non-empty object of update operators such as $set');
  for (const [operator, fields] of Object.entries(update)) {
    const at = `/${escapePointer(operator)}`;
    if (!updateOperators.has(operator))
      walker.fail(
        at,
        operator.startsWith('$')
          ? `unknown or disallowed update operator ${operator}`
          : `"${operator}" is not an update operator; wrap fields in $set`,
      );
    if (!isObject(fields) || Object.keys(fields).length === 0)
      walker.fail(at, `${operator} takes a non-empty object of fields`);
    for (const [field, value] of Object.entries(fields)) {
      const fieldAt = `${at}/${escapePointer(field)}`;
      walker.field(field, fieldAt);
      const head = field.split('.')[0]!;
      if (protectedFields.includes(head))
        walker.fail(fieldAt, `${head} is set by the server and cannot be changed`);
      switch (operator) {
        case '$inc':
        case '$mul':
          if (typeof value !== 'number' || !Number.isFinite(value))
            walker.fail(fieldAt, `${operator} takes a number`);
          break;
        case '$pop':
          if (value !== 1 && value !== -1) walker.fail(fieldAt, '$pop takes 1 (last) or -1 (first)');
          break;
        case '$pullAll':
          if (!Array.isArray(value)) walker.fail(fieldAt, '$pullAll takes an array');
          walker.literal(value, fieldAt, 1);
          break;
        case '$pull':
          walker.condition(value, fieldAt, 1);
          break;
        case '$push':
        case '$addToSet':
          modifiers(walker, operator, value, fieldAt);
          break;
        default:
          walker.literal(value, fieldAt, 1);
      }
    }
  }
  return update as Json;
}

function modifiers(walker: Walker, operator: string, value: unknown, pointer: string): void {
  if (!isObject(value) || !('$each' in value)) {
    walker.literal(value, pointer, 1);
    return;
  }
  const allowed = operator === '$push' ? ['$each', '$position', '$slice'] : ['$each'];
  for (const [key, operand] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (!allowed.includes(key)) walker.fail(at, `${key} is not allowed in ${operator}`);
    if (key === '$each') {
      if (!Array.isArray(operand)) walker.fail(at, '$each takes an array');
      walker.literal(operand, at, 2);
    } else if (!Number.isInteger(operand)) walker.fail(at, `${key} takes an integer`);
  }
}

/** Checks a document to store; returns it without the server-owned _openid. */
export function validateDocument(document: unknown, pointer = '/data'): Json {
  const walker: Walker = new Walker(pointer);
  if (!isObject(document)) walker.fail('', 'a document must be a JSON object');
  const { _openid: _ignored, ...rest } = document;
  for (const [key, value] of Object.entries(rest)) {
    const at = `/${escapePointer(key)}`;
    walker.field(key, at);
    if (key.includes('.')) walker.fail(at, 'field names in a document cannot contain "."');
    if (key === '_id') validateId(value, `${pointer}${at}`);
    else walker.literal(value, at, 1);
  }
  return rest;
}

/** Document ids chosen by clients: short, URL-safe strings. */
export function validateId(id: unknown, pointer = '/id'): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw new QueryError({ pointer, message: 'a document id is 1-64 letters, digits, "_" or "-"' });
  return id;
}

/** Checks { field: 1 | -1 } (at most 8 fields). */
export function validateSort(sort: unknown, pointer = '/sort'): Record<string, 1 | -1> | undefined {
  if (sort === undefined || sort === null) return undefined;
  const walker: Walker = new Walker(pointer);
  if (!isObject(sort)) walker.fail('', 'sort must be an object like { "createdAt": -1 }');
  const entries = Object.entries(sort);
  if (entries.length > 8) walker.fail('', 'sort is limited to 8 fields');
  for (const [field, direction] of entries) {
    walker.field(field, `/${escapePointer(field)}`);
    if (direction !== 1 && direction !== -1)
      walker.fail(`/${escapePointer(field)}`, 'sort direction is 1 (ascending) or -1 (descending)');
  }
  return sort as Record<string, 1 | -1>;
}

/** Checks { field: 1 } (include) or { field: 0 } (exclude); the two cannot be mixed except for _id. */
export function validateProjection(
  projection: unknown,
  pointer = '/projection',
): Record<string, 0 | 1> | undefined {
  if (projection === undefined || projection === null) return undefined;
  const walker: Walker = new Walker(pointer);
  if (!isObject(projection)) walker.fail('', 'projection must be an object like { "title": 1 }');
  const result: Record<string, 0 | 1> = {};
  const kinds = new Set<number>();
  for (const [field, flag] of Object.entries(projection)) {
    walker.field(field, `/${escapePointer(field)}`);
    if (flag !== 0 && flag !== 1 && flag !== true && flag !== false)
      walker.fail(`/${escapePointer(field)}`, 'projection values are 1/true (include) or 0/false (exclude)');
    result[field] = flag === 1 || flag === true ? 1 : 0;
    if (field !== '_id') kinds.add(result[field]);
  }
  if (kinds.size > 1) walker.fail('', 'projection cannot mix included and excluded fields (except _id)');
  return result;
}

/** Collection names clients may use; names starting with "_" are the server's own. */
export function validateCollectionName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name))
    throw new QueryError({
      pointer: '/collection',
      message: `"${name}" is not a collection name: start with a letter, then up to 63 letters, digits, "_" or "-"`,
    });
  return name;
}

/** What is wrong with a field path a client names (in a filter, a sort, an index), if anything. */
export function fieldPathProblem(key: string): string | undefined {
  if (key === '') return 'field names cannot be empty';
  if (key.startsWith('$')) return `"${key}" is not allowed here: field names cannot start with $`;
  if (key.includes('\0')) return 'field names cannot contain NUL';
  if (key.length > 256) return 'field name is longer than 256 characters';
  for (const segment of key.split('.'))
    if (segment === '' || segment.startsWith('$'))
      return `"${key}" is not a valid field path (empty part or a part starting with $)`;
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
