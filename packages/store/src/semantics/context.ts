// The operator set every mingo call uses: mingo's own, with ours in front where mingo departs
// from MongoDB. (mingo's Context merge keeps the first definition, so we build the whole set.)
import { Context } from 'mingo';
import { Lazy } from 'mingo/lazy';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { ErrorCode, StoreError } from '../errors';
import type { SortSpec } from '../types';
import { queryOperators } from './match';
import { sortDocuments, validateSort } from './order';

// Our $sort follows BSON order and MongoDB's array sort rules; mingo's does not.
const $sort = (coll: { collect(): unknown[] }, sort: SortSpec) =>
  Lazy(sortDocuments(coll.collect(), validateSort(sort)));

// MongoDB's $count emits nothing for an empty input; mingo emits a zero count.
const $count = (coll: { collect(): unknown[] }, field: unknown) => {
  if (typeof field !== 'string' || field === '' || field.startsWith('$') || field.includes('.')) {
    throw new StoreError(ErrorCode.BadValue, 'the $count field must be a non-empty string without $ or .');
  }
  const n = coll.collect().length;
  return Lazy(n === 0 ? [] : [{ [field]: n }]);
};

export const storeContext = Context.init({
  accumulator,
  expression,
  pipeline: { ...pipeline, $sort, $count } as never,
  projection,
  query: { ...query, ...queryOperators } as never,
  window,
});
