// Aggregation stages the CMS uses ($match $sort $skip $limit $project $group $lookup $unwind
// $count $facet $addFields), from MongoDB's aggregation reference.
import type { Document } from '../../src/index';

export const orders: Document[] = [
  { _id: 'o1', cust: 'c1', amount: 10, items: ['a', 'b'], status: 'paid' },
  { _id: 'o2', cust: 'c1', amount: 5, items: ['a'], status: 'new' },
  { _id: 'o3', cust: 'c2', amount: 20, items: [], status: 'paid' },
  { _id: 'o4', cust: 'c3', amount: 1, status: 'new' },
];

export const customers: Document[] = [
  { _id: 'c1', name: 'Ann' },
  { _id: 'c2', name: 'Bob' },
];

export interface AggregateCase {
  name: string;
  pipeline: object[];
  expect: Record<string, unknown>[];
}

export const aggregateCases: AggregateCase[] = [
  {
    name: '$match then $project',
    pipeline: [{ $match: { status: 'paid' } }, { $project: { amount: 1, _id: 0 } }],
    expect: [{ amount: 10 }, { amount: 20 }],
  },
  {
    name: '$group with $sum, then $sort',
    pipeline: [{ $group: { _id: '$cust', total: { $sum: '$amount' } } }, { $sort: { _id: 1 } }],
    expect: [
      { _id: 'c1', total: 15 },
      { _id: 'c2', total: 20 },
      { _id: 'c3', total: 1 },
    ],
  },
  {
    name: '$group on null with several accumulators',
    pipeline: [
      {
        $group: {
          _id: null,
          avg: { $avg: '$amount' },
          max: { $max: '$amount' },
          min: { $min: '$amount' },
          n: { $sum: 1 },
        },
      },
    ],
    expect: [{ _id: null, avg: 9, max: 20, min: 1, n: 4 }],
  },
  {
    name: '$group with $push, sorted',
    pipeline: [
      { $sort: { _id: 1 } },
      { $group: { _id: '$status', ids: { $push: '$_id' } } },
      { $sort: { _id: 1 } },
    ],
    expect: [
      { _id: 'new', ids: ['o2', 'o4'] },
      { _id: 'paid', ids: ['o1', 'o3'] },
    ],
  },
  {
    name: '$sort, $skip, $limit',
    pipeline: [{ $sort: { amount: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }],
    expect: [{ _id: 'o1' }, { _id: 'o2' }],
  },
  { name: '$count', pipeline: [{ $count: 'n' }], expect: [{ n: 4 }] },
  {
    name: '$count of nothing returns no document',
    pipeline: [{ $match: { status: 'gone' } }, { $count: 'n' }],
    expect: [],
  },
  {
    name: '$unwind skips empty and missing arrays',
    pipeline: [{ $unwind: '$items' }, { $project: { items: 1 } }],
    expect: [
      { _id: 'o1', items: 'a' },
      { _id: 'o1', items: 'b' },
      { _id: 'o2', items: 'a' },
    ],
  },
  {
    name: '$unwind with preserveNullAndEmptyArrays',
    pipeline: [{ $unwind: { path: '$items', preserveNullAndEmptyArrays: true } }, { $project: { items: 1 } }],
    expect: [
      { _id: 'o1', items: 'a' },
      { _id: 'o1', items: 'b' },
      { _id: 'o2', items: 'a' },
      { _id: 'o3' },
      { _id: 'o4' },
    ],
  },
  {
    name: '$lookup joins another collection',
    pipeline: [
      { $match: { _id: { $in: ['o2', 'o4'] } } },
      { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' } },
      { $project: { customer: 1 } },
    ],
    expect: [
      { _id: 'o2', customer: [{ _id: 'c1', name: 'Ann' }] },
      { _id: 'o4', customer: [] },
    ],
  },
  {
    name: '$facet runs sub-pipelines',
    pipeline: [
      {
        $facet: {
          total: [{ $count: 'n' }],
          top: [{ $sort: { amount: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
        },
      },
    ],
    expect: [{ total: [{ n: 4 }], top: [{ _id: 'o3' }] }],
  },
  {
    name: '$addFields computes fields',
    pipeline: [
      { $match: { _id: 'o1' } },
      { $addFields: { double: { $multiply: ['$amount', 2] }, n: { $size: '$items' } } },
      { $project: { double: 1, n: 1 } },
    ],
    expect: [{ _id: 'o1', double: 20, n: 2 }],
  },
  {
    name: '$match with $expr',
    pipeline: [{ $match: { $expr: { $gt: ['$amount', 6] } } }, { $project: { _id: 1 } }],
    expect: [{ _id: 'o1' }, { _id: 'o3' }],
  },
  {
    name: '$match on an array element then $sort by an array field descending',
    pipeline: [{ $match: { items: 'a' } }, { $sort: { items: -1, _id: 1 } }, { $project: { _id: 1 } }],
    expect: [{ _id: 'o1' }, { _id: 'o2' }],
  },
  {
    name: '$project with a computed field and exclusion of _id',
    pipeline: [
      { $match: { _id: 'o2' } },
      { $project: { _id: 0, label: { $concat: ['$cust', '-', '$status'] } } },
    ],
    expect: [{ label: 'c1-new' }],
  },
  {
    name: '$sort inside the pipeline uses BSON order (missing before numbers)',
    pipeline: [
      { $project: { items: 1 } },
      { $unwind: { path: '$items', preserveNullAndEmptyArrays: true } },
      { $sort: { items: 1, _id: 1 } },
      { $project: { _id: 1 } },
    ],
    expect: [{ _id: 'o3' }, { _id: 'o4' }, { _id: 'o1' }, { _id: 'o2' }, { _id: 'o1' }],
  },
];

export const badPipelines: { name: string; pipeline: unknown }[] = [
  { name: 'a stage with two operators', pipeline: [{ $match: {}, $limit: 1 }] },
  { name: 'an unknown stage', pipeline: [{ $nope: {} }] },
  { name: 'not an array', pipeline: { $match: {} } },
];
