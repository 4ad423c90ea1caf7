// Query operator cases from MongoDB's documentation (query and projection operators,
// "Query an Array", "Query on Embedded/Nested Documents", "Query for Null or Missing Fields").
import type { Document, Filter } from '../../src/index';

export const people: Document[] = [
  {
    _id: 'p1',
    name: 'ann',
    age: 30,
    tags: ['a', 'b'],
    address: { city: 'Paris', zip: '75001' },
    scores: [
      { k: 'math', v: 90 },
      { k: 'art', v: 60 },
    ],
  },
  {
    _id: 'p2',
    name: 'bob',
    age: 25,
    tags: ['b', 'c'],
    address: { city: 'Lyon' },
    scores: [{ k: 'math', v: 50 }],
  },
  { _id: 'p3', name: 'cy', age: null, tags: [], address: null },
  { _id: 'p4', name: 'dee', tags: 'a', scores: [] },
  {
    _id: 'p5',
    name: 'eve',
    age: 41,
    tags: [['a', 'b'], 'c'],
    nested: { arr: [{ x: 1 }, { x: [2, 3] }] },
    when: new Date('2021-06-01T00:00:00Z'),
  },
  { _id: 'p6', name: 'Fay', age: 2.5, tags: ['b', null], when: new Date('2019-01-01T00:00:00Z'), flag: true },
];

/** Indexes the "indexed" variants create, so pushdown to SQL is exercised on the same cases. */
export const peopleIndexes: Record<string, 1 | -1>[] = [
  { name: 1 },
  { age: 1 },
  { tags: 1 },
  { 'address.city': 1 },
  { 'scores.k': 1 },
  { flag: 1 },
  { when: -1 },
];

export interface QueryCase {
  name: string;
  filter: Filter;
  /** Matching _ids, in any order. */
  expect: string[];
}

export const queryCases: QueryCase[] = [
  { name: 'equality on a string field', filter: { name: 'ann' }, expect: ['p1'] },
  { name: 'equality on a number', filter: { age: 30 }, expect: ['p1'] },
  { name: 'equality with a double', filter: { age: 2.5 }, expect: ['p6'] },
  { name: 'number does not equal its string', filter: { age: '30' }, expect: [] },
  { name: '{ f: null } matches null and missing', filter: { age: null }, expect: ['p3', 'p4'] },
  { name: '$eq null matches null and missing', filter: { age: { $eq: null } }, expect: ['p3', 'p4'] },
  {
    name: '$ne null excludes null and missing',
    filter: { age: { $ne: null } },
    expect: ['p1', 'p2', 'p5', 'p6'],
  },
  { name: '$exists false', filter: { age: { $exists: false } }, expect: ['p4'] },
  {
    name: '$exists true includes null values',
    filter: { age: { $exists: true } },
    expect: ['p1', 'p2', 'p3', 'p5', 'p6'],
  },
  { name: '$gt on numbers', filter: { age: { $gt: 26 } }, expect: ['p1', 'p5'] },
  { name: '$gte and $lt together', filter: { age: { $gte: 25, $lt: 41 } }, expect: ['p1', 'p2'] },
  {
    name: '$lt does not match null or missing',
    filter: { age: { $lt: 100 } },
    expect: ['p1', 'p2', 'p5', 'p6'],
  },
  { name: 'comparison is type-bracketed (number vs string)', filter: { age: { $gt: '2' } }, expect: [] },
  {
    name: '$gt on strings is binary order (uppercase first)',
    filter: { name: { $gt: 'c' } },
    expect: ['p3', 'p4', 'p5'],
  },
  { name: '$lt on strings', filter: { name: { $lt: 'b' } }, expect: ['p1', 'p6'] },
  { name: '$gte null matches null and missing', filter: { age: { $gte: null } }, expect: ['p3', 'p4'] },
  { name: '$lte null matches null and missing', filter: { age: { $lte: null } }, expect: ['p3', 'p4'] },
  { name: '$gt null matches nothing', filter: { age: { $gt: null } }, expect: [] },
  { name: '$in with null matches missing', filter: { age: { $in: [25, null] } }, expect: ['p2', 'p3', 'p4'] },
  {
    name: '$nin with null excludes missing',
    filter: { age: { $nin: [25, null] } },
    expect: ['p1', 'p5', 'p6'],
  },
  { name: '$in with an empty list matches nothing', filter: { age: { $in: [] } }, expect: [] },
  { name: '$in with a regex', filter: { name: { $in: [/^a/, 'bob'] } }, expect: ['p1', 'p2'] },
  { name: 'array field equals one of its elements', filter: { tags: 'a' }, expect: ['p1', 'p4'] },
  {
    name: 'element match does not descend into nested arrays',
    filter: { tags: 'b' },
    expect: ['p1', 'p2', 'p6'],
  },
  {
    name: 'whole-array equality (also matches a nested element)',
    filter: { tags: ['a', 'b'] },
    expect: ['p1', 'p5'],
  },
  { name: 'whole-array equality is order-sensitive', filter: { tags: ['b', 'a'] }, expect: [] },
  { name: 'null matches an array holding null', filter: { tags: null }, expect: ['p6'] },
  { name: '$in on an array field', filter: { tags: { $in: ['c', 'z'] } }, expect: ['p2', 'p5'] },
  { name: '$nin on an array field', filter: { tags: { $nin: ['a'] } }, expect: ['p2', 'p3', 'p5', 'p6'] },
  { name: '$all', filter: { tags: { $all: ['a', 'b'] } }, expect: ['p1'] },
  {
    name: '$all with a nested array element',
    filter: { tags: { $all: [['a', 'b']] } },
    expect: ['p1', 'p5'],
  },
  { name: '$all with an empty list matches nothing', filter: { tags: { $all: [] } }, expect: [] },
  { name: '$size 2', filter: { tags: { $size: 2 } }, expect: ['p1', 'p2', 'p5', 'p6'] },
  { name: '$size 0', filter: { tags: { $size: 0 } }, expect: ['p3'] },
  { name: '$size on an empty array of documents', filter: { scores: { $size: 0 } }, expect: ['p4'] },
  {
    name: 'positional index reaching a nested array matches its elements',
    filter: { 'tags.0': 'a' },
    expect: ['p1', 'p5'],
  },
  { name: 'positional index 1', filter: { 'tags.1': 'c' }, expect: ['p2', 'p5'] },
  {
    name: '$elemMatch with $eq on scalars',
    filter: { tags: { $elemMatch: { $eq: 'c' } } },
    expect: ['p2', 'p5'],
  },
  { name: 'nested field', filter: { 'address.city': 'Paris' }, expect: ['p1'] },
  {
    name: 'nested field null: parent null or missing',
    filter: { 'address.city': null },
    expect: ['p3', 'p4', 'p5', 'p6'],
  },
  { name: 'nested $exists', filter: { 'address.zip': { $exists: true } }, expect: ['p1'] },
  { name: 'embedded document equality', filter: { address: { city: 'Lyon' } }, expect: ['p2'] },
  {
    name: 'embedded document equality is field-order sensitive',
    filter: { address: { zip: '75001', city: 'Paris' } },
    expect: [],
  },
  { name: 'dotted path into an array of documents', filter: { 'scores.k': 'math' }, expect: ['p1', 'p2'] },
  { name: 'range through an array of documents', filter: { 'scores.v': { $gt: 80 } }, expect: ['p1'] },
  {
    name: 'conditions on array-of-document fields may match different elements',
    filter: { 'scores.k': 'art', 'scores.v': 90 },
    expect: ['p1'],
  },
  {
    name: '$elemMatch needs one element to satisfy all',
    filter: { scores: { $elemMatch: { k: 'art', v: 90 } } },
    expect: [],
  },
  {
    name: '$elemMatch with a range',
    filter: { scores: { $elemMatch: { k: 'math', v: { $gt: 80 } } } },
    expect: ['p1'],
  },
  { name: 'index into an array of documents', filter: { 'scores.0.k': 'math' }, expect: ['p1', 'p2'] },
  {
    name: 'path through nested arrays of documents reaches array values',
    filter: { 'nested.arr.x': 2 },
    expect: ['p5'],
  },
  { name: 'path with an index deep inside', filter: { 'nested.arr.1.x': 3 }, expect: ['p5'] },
  { name: '$regex string', filter: { name: { $regex: '^a' } }, expect: ['p1'] },
  { name: '$regex with $options i', filter: { name: { $regex: 'E', $options: 'i' } }, expect: ['p4', 'p5'] },
  { name: 'regex literal', filter: { name: /^b/ }, expect: ['p2'] },
  { name: 'regex against array elements', filter: { tags: /^c/ }, expect: ['p2', 'p5'] },
  { name: 'regex does not match non-strings', filter: { age: /3/ }, expect: [] },
  { name: '$type number', filter: { age: { $type: 'number' } }, expect: ['p1', 'p2', 'p5', 'p6'] },
  { name: '$type double', filter: { age: { $type: 'double' } }, expect: ['p6'] },
  { name: '$type null', filter: { age: { $type: 'null' } }, expect: ['p3'] },
  { name: '$type array', filter: { tags: { $type: 'array' } }, expect: ['p1', 'p2', 'p3', 'p5', 'p6'] },
  {
    name: '$type string looks at array elements',
    filter: { tags: { $type: 'string' } },
    expect: ['p1', 'p2', 'p4', 'p5', 'p6'],
  },
  { name: '$type date', filter: { when: { $type: 'date' } }, expect: ['p5', 'p6'] },
  { name: '$type bool', filter: { flag: { $type: 'bool' } }, expect: ['p6'] },
  {
    name: '$not with an operator matches missing and null',
    filter: { age: { $not: { $gt: 26 } } },
    expect: ['p2', 'p3', 'p4', 'p6'],
  },
  { name: '$not with a regex', filter: { name: { $not: /^[a-c]/ } }, expect: ['p4', 'p5', 'p6'] },
  { name: '$nor', filter: { $nor: [{ age: 30 }, { name: 'bob' }] }, expect: ['p3', 'p4', 'p5', 'p6'] },
  { name: '$or', filter: { $or: [{ age: 30 }, { tags: 'c' }] }, expect: ['p1', 'p2', 'p5'] },
  {
    name: '$and on the same field',
    filter: { $and: [{ age: { $gt: 20 } }, { age: { $lt: 35 } }] },
    expect: ['p1', 'p2'],
  },
  { name: 'implicit and across fields', filter: { age: { $gt: 20 }, tags: 'b' }, expect: ['p1', 'p2'] },
  { name: '$mod', filter: { age: { $mod: [5, 0] } }, expect: ['p1', 'p2'] },
  { name: '$exists with $ne null', filter: { address: { $exists: true, $ne: null } }, expect: ['p1', 'p2'] },
  { name: '_id equality', filter: { _id: 'p2' }, expect: ['p2'] },
  { name: '_id $in', filter: { _id: { $in: ['p1', 'p3', 'zz'] } }, expect: ['p1', 'p3'] },
  { name: 'date range', filter: { when: { $gt: new Date('2020-01-01T00:00:00Z') } }, expect: ['p5'] },
  { name: 'date equality', filter: { when: new Date('2019-01-01T00:00:00Z') }, expect: ['p6'] },
  { name: 'boolean equality', filter: { flag: true }, expect: ['p6'] },
  { name: 'boolean is not the number 1', filter: { flag: 1 }, expect: [] },
  {
    name: '$expr compares fields with aggregation expressions',
    filter: { $expr: { $gt: ['$age', 26] } },
    expect: ['p1', 'p5'],
  },
  { name: 'empty filter matches everything', filter: {}, expect: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] },
];

/** Filters MongoDB refuses (error code 2, BadValue). */
export const badFilters: { name: string; filter: Filter }[] = [
  { name: 'unknown query operator', filter: { age: { $foo: 1 } } },
  { name: 'unknown top-level operator', filter: { $foo: [{ a: 1 }] } },
  { name: '$in needs an array', filter: { age: { $in: 5 } } },
  { name: '$and needs an array', filter: { $and: { age: 1 } } },
];
