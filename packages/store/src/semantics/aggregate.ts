// Aggregation pipelines: leading $match/$sort/$skip/$limit stages run through the adapter's own
// find (index use, MongoDB sort order); the rest runs in mingo, with $sort replaced by ours.
import { Aggregator } from 'mingo/aggregator';
import { ErrorCode, StoreError } from '../errors';
import type { Document, Filter, SortSpec } from '../types';
import { storeContext } from './context';
import { validateSort } from './order';
import { compileFilter, mingoOptions } from './query';

export interface PipelineSource {
  /** Finds documents of the aggregated collection (the pipeline's leading stages). */
  source(
    filter: Filter | undefined,
    sort: SortSpec | undefined,
    skip: number | undefined,
    limit: number | undefined,
  ): Document[];
  /** All documents of another collection of the same database, for $lookup. */
  resolveCollection(name: string): Document[];
}

const UNSUPPORTED = new Set([
  '$out',
  '$merge',
  '$currentOp',
  '$collStats',
  '$indexStats',
  '$listSessions',
  '$planCacheStats',
]);

export function validatePipeline(pipeline: unknown): asserts pipeline is Record<string, unknown>[] {
  if (!Array.isArray(pipeline))
    throw new StoreError(ErrorCode.BadValue, 'aggregate expects an array of pipeline stages');
  pipeline.forEach((stage, i) => {
    const keys =
      stage !== null && typeof stage === 'object' && !Array.isArray(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1 || !keys[0]?.startsWith('$')) {
      throw new StoreError(
        40323,
        `A pipeline stage specification object must contain exactly one field (stage ${i})`,
      );
    }
    if (UNSUPPORTED.has(keys[0]))
      throw new StoreError(ErrorCode.BadValue, `${keys[0]} is not supported by the store (stage ${i})`);
  });
}

export function runPipeline(pipeline: unknown, from: PipelineSource): Document[] {
  validatePipeline(pipeline);
  let i = 0;
  const matches: Filter[] = [];
  while (i < pipeline.length && '$match' in (pipeline[i] as object)) {
    const filter = (pipeline[i] as { $match: Filter }).$match;
    compileFilter(filter);
    matches.push(filter);
    i++;
  }
  let sort: SortSpec | undefined;
  if (i < pipeline.length && '$sort' in (pipeline[i] as object)) {
    sort = validateSort((pipeline[i] as { $sort: unknown }).$sort);
    i++;
  }
  let skip: number | undefined;
  let limit: number | undefined;
  while (i < pipeline.length) {
    const stage = pipeline[i] as Record<string, unknown>;
    if ('$skip' in stage && limit === undefined && isCount(stage.$skip))
      skip = (skip ?? 0) + (stage.$skip as number);
    else if ('$limit' in stage && isCount(stage.$limit) && (stage.$limit as number) > 0)
      limit = Math.min(limit ?? Number.POSITIVE_INFINITY, stage.$limit as number);
    else break;
    i++;
  }
  const filter = matches.length === 0 ? undefined : matches.length === 1 ? matches[0] : { $and: matches };
  const docs = from.source(filter, sort, skip, limit);
  const rest = pipeline.slice(i);
  if (rest.length === 0) return docs;
  try {
    const aggregator = new Aggregator(
      rest,
      mingoOptions({
        context: storeContext,
        collectionResolver: (name: string) => from.resolveCollection(name),
      }),
    );
    return aggregator.run(docs) as Document[];
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(ErrorCode.BadValue, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}
