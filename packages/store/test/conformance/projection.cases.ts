// Projection cases ("Project Fields to Return from Query", projection restrictions).
import type { Document, Projection } from '../../src/index';

export const projectionDoc: Document = {
  _id: '1',
  a: 1,
  b: { c: 2, d: 3 },
  e: [
    { f: 1, g: 2 },
    { f: 3, g: 4 },
  ],
};

export interface ProjectionCase {
  name: string;
  projection: Projection;
  expect?: Document;
  /** MongoDB error code when the projection is invalid. */
  error?: number;
}

export const projectionCases: ProjectionCase[] = [
  { name: 'inclusion keeps _id', projection: { a: 1 }, expect: { _id: '1', a: 1 } },
  { name: 'inclusion without _id', projection: { a: 1, _id: 0 }, expect: { a: 1 } },
  { name: 'exclusion', projection: { a: 0 }, expect: { _id: '1', b: { c: 2, d: 3 }, e: projectionDoc.e } },
  {
    name: 'only _id excluded',
    projection: { _id: 0 },
    expect: { a: 1, b: { c: 2, d: 3 }, e: projectionDoc.e },
  },
  { name: 'dotted inclusion', projection: { 'b.c': 1 }, expect: { _id: '1', b: { c: 2 } } },
  {
    name: 'dotted exclusion',
    projection: { 'b.c': 0 },
    expect: { _id: '1', a: 1, b: { d: 3 }, e: projectionDoc.e },
  },
  {
    name: 'dotted inclusion into an array of documents',
    projection: { 'e.f': 1 },
    expect: { _id: '1', e: [{ f: 1 }, { f: 3 }] },
  },
  { name: 'inclusion of a missing field', projection: { zz: 1 }, expect: { _id: '1' } },
  {
    name: 'inclusion of several fields without _id',
    projection: { a: 1, _id: 0, 'b.d': 1 },
    expect: { a: 1, b: { d: 3 } },
  },
  {
    name: '$slice projection keeps other fields',
    projection: { e: { $slice: 1 } },
    expect: { _id: '1', a: 1, b: { c: 2, d: 3 }, e: [{ f: 1, g: 2 }] },
  },
  { name: 'true and false work like 1 and 0', projection: { a: true, _id: false }, expect: { a: 1 } },
  { name: 'mixing inclusion then exclusion is rejected', projection: { a: 1, b: 0 }, error: 31254 },
  { name: 'mixing exclusion then inclusion is rejected', projection: { a: 0, b: 1 }, error: 31253 },
  { name: 'a path and its parent collide', projection: { b: 1, 'b.c': 1 }, error: 31249 },
];
