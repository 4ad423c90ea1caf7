// Update operator cases ("Update Operators", "Upsert Behavior", positional operators).
import type { Document, Filter, UpdateSpec } from '../../src/index';

export const base: Document = {
  _id: '1',
  a: 1,
  b: { c: 2 },
  arr: [1, 2, 3],
  objs: [
    { x: 1, y: 1 },
    { x: 2, y: 2 },
  ],
  s: 'str',
};

export interface UpdateCase {
  name: string;
  update: UpdateSpec;
  filter?: Filter;
  arrayFilters?: Filter[];
  /** The fields that differ from `base` after the update (undefined value = field removed). */
  changes?: Record<string, unknown>;
  /** Whether MongoDB reports the document as modified (default true). */
  modified?: boolean;
}

const objs = base.objs as { x: number; y: number }[];

export const updateCases: UpdateCase[] = [
  { name: '$set a field', update: { $set: { a: 5 } }, changes: { a: 5 } },
  { name: '$set the same value does not modify', update: { $set: { a: 1 } }, modified: false },
  { name: '$set a nested field', update: { $set: { 'b.d': 3 } }, changes: { b: { c: 2, d: 3 } } },
  { name: '$set creates missing parents', update: { $set: { 'n.m': 1 } }, changes: { n: { m: 1 } } },
  { name: '$set an array element by index', update: { $set: { 'arr.1': 9 } }, changes: { arr: [1, 9, 3] } },
  {
    name: '$set past the end pads with null',
    update: { $set: { 'arr.5': 6 } },
    changes: { arr: [1, 2, 3, null, null, 6] },
  },
  { name: '$set an embedded document', update: { $set: { b: { z: 1 } } }, changes: { b: { z: 1 } } },
  {
    name: '$set a date',
    update: { $set: { d: new Date('2024-05-01T00:00:00Z') } },
    changes: { d: new Date('2024-05-01T00:00:00Z') },
  },
  { name: '$unset a field', update: { $unset: { a: '' } }, changes: { a: undefined } },
  { name: '$unset a nested field', update: { $unset: { 'b.c': '' } }, changes: { b: {} } },
  {
    name: '$unset an array element leaves null',
    update: { $unset: { 'arr.0': '' } },
    changes: { arr: [null, 2, 3] },
  },
  { name: '$unset a missing field does not modify', update: { $unset: { nope: '' } }, modified: false },
  { name: '$inc', update: { $inc: { a: 2 } }, changes: { a: 3 } },
  { name: '$inc a missing field starts from 0', update: { $inc: { n: 1 } }, changes: { n: 1 } },
  { name: '$inc by a negative double', update: { $inc: { a: -1.5 } }, changes: { a: -0.5 } },
  { name: '$inc a nested field', update: { $inc: { 'b.c': 10 } }, changes: { b: { c: 12 } } },
  { name: '$mul', update: { $mul: { a: 3 } }, changes: { a: 3 } },
  { name: '$mul a missing field sets 0', update: { $mul: { n: 2 } }, changes: { n: 0 } },
  { name: '$min lowers', update: { $min: { a: 0 } }, changes: { a: 0 } },
  { name: '$min keeps a smaller value', update: { $min: { a: 5 } }, modified: false },
  { name: '$max raises', update: { $max: { a: 5 } }, changes: { a: 5 } },
  { name: '$max on a missing field sets it', update: { $max: { n: 7 } }, changes: { n: 7 } },
  { name: '$rename', update: { $rename: { a: 'z' } }, changes: { a: undefined, z: 1 } },
  {
    name: '$rename out of an embedded document',
    update: { $rename: { 'b.c': 'c' } },
    changes: { b: {}, c: 2 },
  },
  { name: '$rename a missing field does nothing', update: { $rename: { nope: 'z' } }, modified: false },
  { name: '$push', update: { $push: { arr: 4 } }, changes: { arr: [1, 2, 3, 4] } },
  { name: '$push to a missing field creates the array', update: { $push: { n: 1 } }, changes: { n: [1] } },
  {
    name: '$push an array pushes it as one element',
    update: { $push: { arr: [4, 5] } },
    changes: { arr: [1, 2, 3, [4, 5]] },
  },
  { name: '$push $each', update: { $push: { arr: { $each: [4, 5] } } }, changes: { arr: [1, 2, 3, 4, 5] } },
  {
    name: '$push $each $position',
    update: { $push: { arr: { $each: [5, 6], $position: 0 } } },
    changes: { arr: [5, 6, 1, 2, 3] },
  },
  {
    name: '$push $each $sort descending',
    update: { $push: { arr: { $each: [0], $sort: -1 } } },
    changes: { arr: [3, 2, 1, 0] },
  },
  {
    name: '$push $each $slice negative keeps the last',
    update: { $push: { arr: { $each: [4, 5], $slice: -3 } } },
    changes: { arr: [3, 4, 5] },
  },
  {
    name: '$push empty $each with $slice trims',
    update: { $push: { arr: { $each: [], $slice: 1 } } },
    changes: { arr: [1] },
  },
  {
    name: '$push $each $sort by an embedded field',
    update: { $push: { objs: { $each: [{ x: 0, y: 9 }], $sort: { x: 1 } } } },
    changes: { objs: [{ x: 0, y: 9 }, ...objs] },
  },
  { name: '$addToSet an existing value does not modify', update: { $addToSet: { arr: 2 } }, modified: false },
  {
    name: '$addToSet $each adds only new values',
    update: { $addToSet: { arr: { $each: [3, 4, 4] } } },
    changes: { arr: [1, 2, 3, 4] },
  },
  {
    name: '$addToSet an embedded document',
    update: { $addToSet: { objs: { x: 1, y: 1 } } },
    modified: false,
  },
  { name: '$pull a value', update: { $pull: { arr: 2 } }, changes: { arr: [1, 3] } },
  { name: '$pull with a condition', update: { $pull: { arr: { $gte: 2 } } }, changes: { arr: [1] } },
  {
    name: '$pull documents matching a query',
    update: { $pull: { objs: { x: 1 } } },
    changes: { objs: [{ x: 2, y: 2 }] },
  },
  {
    name: '$pull with no match does not modify',
    update: { $pull: { objs: { x: 1, y: 5 } } },
    modified: false,
  },
  { name: '$pullAll', update: { $pullAll: { arr: [1, 3] } }, changes: { arr: [2] } },
  { name: '$pop last', update: { $pop: { arr: 1 } }, changes: { arr: [1, 2] } },
  { name: '$pop first', update: { $pop: { arr: -1 } }, changes: { arr: [2, 3] } },
  {
    name: 'positional $ updates the matched element',
    filter: { 'objs.x': 2 },
    update: { $set: { 'objs.$.y': 20 } },
    changes: { objs: [objs[0], { x: 2, y: 20 }] },
  },
  {
    name: 'positional $ on a scalar array',
    filter: { arr: 2 },
    update: { $set: { 'arr.$': 20 } },
    changes: { arr: [1, 20, 3] },
  },
  {
    name: 'positional $[] updates every element',
    update: { $set: { 'objs.$[].y': 0 } },
    changes: {
      objs: [
        { x: 1, y: 0 },
        { x: 2, y: 0 },
      ],
    },
  },
  { name: '$inc through $[]', update: { $inc: { 'arr.$[]': 10 } }, changes: { arr: [11, 12, 13] } },
  {
    name: 'arrayFilters on embedded documents',
    update: { $set: { 'objs.$[e].y': 7 } },
    arrayFilters: [{ 'e.x': { $gt: 1 } }],
    changes: { objs: [objs[0], { x: 2, y: 7 }] },
  },
  {
    name: 'arrayFilters on scalars',
    update: { $set: { 'arr.$[n]': 0 } },
    arrayFilters: [{ n: { $gte: 2 } }],
    changes: { arr: [1, 0, 0] },
  },
  {
    name: '$setOnInsert does nothing on an existing document',
    update: { $setOnInsert: { n: 1 } },
    modified: false,
  },
  {
    name: 'several operators at once',
    update: { $set: { a: 2 }, $inc: { 'b.c': 1 }, $push: { arr: 4 } },
    changes: { a: 2, b: { c: 3 }, arr: [1, 2, 3, 4] },
  },
];

export interface BadUpdateCase {
  name: string;
  update: unknown;
  filter?: Filter;
  code: number;
}

/** Updates MongoDB rejects; the document must be left unchanged. */
export const badUpdateCases: BadUpdateCase[] = [
  { name: 'empty update document', update: {}, code: 9 },
  { name: 'replacement document given to updateOne', update: { a: 1 }, code: 9 },
  { name: 'operators mixed with plain fields', update: { $set: { a: 1 }, b: 2 }, code: 9 },
  { name: 'unknown operator', update: { $foo: { a: 1 } }, code: 9 },
  { name: 'operator argument is not a document', update: { $set: 5 }, code: 9 },
  { name: 'two operators on the same path', update: { $set: { a: 1 }, $inc: { a: 1 } }, code: 40 },
  { name: 'a path and its parent', update: { $set: { b: 1 }, $unset: { 'b.c': '' } }, code: 40 },
  {
    name: '$rename target conflicts with another path',
    update: { $rename: { a: 'z' }, $set: { z: 1 } },
    code: 40,
  },
  { name: 'changing _id', update: { $set: { _id: 'other' } }, code: 66 },
  { name: 'unsetting _id', update: { $unset: { _id: '' } }, code: 66 },
  { name: '$inc on a string field', update: { $inc: { s: 1 } }, code: 14 },
  { name: '$inc with a non-number', update: { $inc: { a: 'x' } }, code: 14 },
  { name: '$mul with a non-number', update: { $mul: { a: null } }, code: 14 },
  { name: '$push to a non-array', update: { $push: { s: 1 } }, code: 2 },
  { name: '$addToSet to a non-array', update: { $addToSet: { a: 1 } }, code: 2 },
  { name: '$pop on a non-array', update: { $pop: { s: 1 } }, code: 14 },
  { name: '$pop with a bad argument', update: { $pop: { arr: 2 } }, code: 9 },
  { name: 'creating a field inside a number', update: { $set: { 'a.b': 1 } }, code: 28 },
  { name: 'creating a field inside a string', update: { $inc: { 's.n': 1 } }, code: 28 },
  { name: 'positional $ without a matching array in the query', update: { $set: { 'arr.$': 1 } }, code: 2 },
  { name: '$rename onto itself', update: { $rename: { a: 'a' } }, code: 2 },
  { name: 'empty field name', update: { $set: { '': 1 } }, code: 56 },
  { name: 'array filter identifier without a filter', update: { $set: { 'arr.$[q]': 1 } }, code: 2 },
];

export interface UpsertCase {
  name: string;
  filter: Filter;
  update: UpdateSpec;
  /** The inserted document without its generated _id (or with it, when the filter fixes it). */
  expect: Document;
}

export const upsertCases: UpsertCase[] = [
  {
    name: 'equality fields seed the document',
    filter: { name: 'x' },
    update: { $set: { v: 1 } },
    expect: { name: 'x', v: 1 },
  },
  {
    name: 'range conditions are not copied',
    filter: { name: 'x', age: { $gt: 5 } },
    update: { $set: { v: 1 } },
    expect: { name: 'x', v: 1 },
  },
  {
    name: 'dotted equality builds embedded documents',
    filter: { 'a.b': 1 },
    update: { $inc: { n: 1 } },
    expect: { a: { b: 1 }, n: 1 },
  },
  {
    name: '_id from the filter',
    filter: { _id: 'u1' },
    update: { $set: { v: 1 } },
    expect: { _id: 'u1', v: 1 },
  },
  {
    name: '$setOnInsert applies on insert',
    filter: { name: 'x' },
    update: { $setOnInsert: { created: 1 }, $set: { v: 2 } },
    expect: { name: 'x', created: 1, v: 2 },
  },
  {
    name: '$and equalities are used',
    filter: { $and: [{ a: 1 }, { b: 2 }] },
    update: { $set: { c: 3 } },
    expect: { a: 1, b: 2, c: 3 },
  },
  {
    name: '$or conditions are not used',
    filter: { $or: [{ a: 1 }, { b: 2 }] },
    update: { $set: { c: 3 } },
    expect: { c: 3 },
  },
  {
    name: '$eq is an equality',
    filter: { a: { $eq: 1 } },
    update: { $set: { c: 3 } },
    expect: { a: 1, c: 3 },
  },
  {
    name: 'single-value $in is an equality',
    filter: { a: { $in: [7] } },
    update: { $set: { c: 3 } },
    expect: { a: 7, c: 3 },
  },
  {
    name: 'multi-value $in is not',
    filter: { a: { $in: [7, 8] } },
    update: { $set: { c: 3 } },
    expect: { c: 3 },
  },
  {
    name: 'the update overrides a filter field',
    filter: { a: 1 },
    update: { $set: { a: 2 } },
    expect: { a: 2 },
  },
  {
    name: '$inc applies to the filter value',
    filter: { n: 5 },
    update: { $inc: { n: 1 } },
    expect: { n: 6 },
  },
  {
    name: '$push builds an array',
    filter: { k: 'x' },
    update: { $push: { list: 1 } },
    expect: { k: 'x', list: [1] },
  },
  {
    name: 'embedded document equality is copied whole',
    filter: { d: { e: 1 } },
    update: { $set: { f: 1 } },
    expect: { d: { e: 1 }, f: 1 },
  },
];
