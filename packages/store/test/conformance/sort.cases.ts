// Sort order cases: MongoDB's BSON comparison order across types, and array fields sorting by
// their smallest (ascending) or largest (descending) element ("Comparison/Sort Order").
import type { Document, SortSpec } from '../../src/index';

export interface SortCase {
  name: string;
  docs: Document[];
  sort: SortSpec;
  skip?: number;
  limit?: number;
  /** _ids in the expected order. */
  expect: string[];
}

const mixed: Document[] = [
  { _id: 'n', v: null },
  { _id: 'm' },
  { _id: 'i', v: 10 },
  { _id: 'f', v: 2.5 },
  { _id: 's', v: 'abc' },
  { _id: 'S', v: 'B' },
  { _id: 'o', v: { a: 1 } },
  { _id: 'r', v: [0, 99] },
  { _id: 'b', v: true },
  { _id: 'c', v: false },
  { _id: 't', v: new Date('2020-01-01T00:00:00Z') },
];

const arrays: Document[] = [
  { _id: 'x', v: [1, 5] },
  { _id: 'y', v: [3] },
  { _id: 'z', v: 2 },
  { _id: 'e', v: [] },
  { _id: 'w' },
];

export const sortCases: SortCase[] = [
  {
    name: 'ascending across types: null/missing < numbers < strings < objects < booleans < dates (arrays by element)',
    docs: mixed,
    sort: { v: 1, _id: 1 },
    expect: ['m', 'n', 'r', 'f', 'i', 'S', 's', 'o', 'c', 'b', 't'],
  },
  {
    name: 'descending across types',
    docs: mixed,
    sort: { v: -1, _id: 1 },
    expect: ['t', 'b', 'c', 'o', 's', 'S', 'r', 'i', 'f', 'm', 'n'],
  },
  {
    name: 'ascending array field uses the smallest element; [] sorts before null',
    docs: arrays,
    sort: { v: 1, _id: 1 },
    expect: ['e', 'w', 'x', 'z', 'y'],
  },
  {
    name: 'descending array field uses the largest element',
    docs: arrays,
    sort: { v: -1, _id: 1 },
    expect: ['x', 'y', 'z', 'w', 'e'],
  },
  {
    name: 'dotted path into an array of documents',
    docs: [
      { _id: 'p', a: { b: 2 } },
      { _id: 'q', a: [{ b: 5 }, { b: 0 }] },
      { _id: 'r', a: { b: 1 } },
    ],
    sort: { 'a.b': 1 },
    expect: ['q', 'r', 'p'],
  },
  {
    name: 'dotted path into an array of documents, descending',
    docs: [
      { _id: 'p', a: { b: 2 } },
      { _id: 'q', a: [{ b: 5 }, { b: 0 }] },
      { _id: 'r', a: { b: 1 } },
    ],
    sort: { 'a.b': -1 },
    expect: ['q', 'p', 'r'],
  },
  {
    name: 'strings sort by binary (UTF-8) order',
    docs: [
      { _id: '1', s: 'a' },
      { _id: '2', s: 'B' },
      { _id: '3', s: 'b' },
      { _id: '4', s: 'A' },
      { _id: '5', s: 'é' },
    ],
    sort: { s: 1 },
    expect: ['4', '2', '1', '3', '5'],
  },
  {
    name: 'integers and doubles sort together',
    docs: [
      { _id: '1', n: 1 },
      { _id: '2', n: 1.5 },
      { _id: '3', n: -2 },
      { _id: '4', n: 0 },
    ],
    sort: { n: 1 },
    expect: ['3', '4', '1', '2'],
  },
  {
    name: 'compound sort',
    docs: [
      { _id: '1', g: 'b', n: 1 },
      { _id: '2', g: 'a', n: 1 },
      { _id: '3', g: 'a', n: 2 },
      { _id: '4', g: 'b', n: 3 },
    ],
    sort: { g: 1, n: -1 },
    expect: ['3', '2', '4', '1'],
  },
  {
    name: 'embedded documents compare field by field',
    docs: [
      { _id: '1', d: { a: 2 } },
      { _id: '2', d: { a: 1, b: 1 } },
      { _id: '3', d: { a: 1 } },
      { _id: '4', d: { b: 0 } },
    ],
    sort: { d: 1 },
    expect: ['3', '2', '1', '4'],
  },
  {
    name: 'sort then skip and limit',
    docs: [
      { _id: '1', n: 5 },
      { _id: '2', n: 3 },
      { _id: '3', n: 9 },
      { _id: '4', n: 1 },
    ],
    sort: { n: -1 },
    skip: 1,
    limit: 2,
    expect: ['1', '2'],
  },
  {
    name: '_id descending with limit',
    docs: [{ _id: 'a' }, { _id: 'c' }, { _id: 'b' }],
    sort: { _id: -1 },
    limit: 2,
    expect: ['c', 'b'],
  },
  {
    name: 'dates sort chronologically',
    docs: [
      { _id: '1', d: new Date('2022-01-01T00:00:00Z') },
      { _id: '2', d: new Date('2020-01-01T00:00:00Z') },
      { _id: '3', d: new Date('2021-01-01T00:00:00Z') },
    ],
    sort: { d: 1 },
    expect: ['2', '3', '1'],
  },
];
