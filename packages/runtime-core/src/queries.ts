import { toErrorInfo } from './errors';
import type { PageRuntime, QueryState } from './page';
import type { FindOptions } from './services';
import type { QueryDescriptor } from './types';

/**
 * Runs one data source through the services, reporting loading → data or error through
 * `update`. `params` are readable in the query's expressions as `params.<name>` on top of the
 * page's route params.
 */
export async function runQuery(
  page: PageRuntime,
  query: QueryDescriptor,
  params: Record<string, unknown>,
  update: (patch: Partial<QueryState>) => void,
): Promise<unknown> {
  update({ loading: true, error: null });
  try {
    const scope = page.scope();
    const locals = { params: { ...(scope.params as object), ...params } };
    const value = (field: string) => page.evaluate(query[field], locals);
    const services = page.app.services;
    let data: unknown;
    switch (query.type) {
      case 'collection':
        data = await services.find(String(query.collection), findOptions(value));
        break;
      case 'cms':
        data = await services.cmsFind(String(query.model), {
          ...findOptions(value),
          locale: (value('locale') as string | undefined) ?? page.locale,
        });
        break;
      case 'function':
        data = await services.callFunction(
          String(query.function),
          (value('data') as Record<string, unknown>) ?? {},
        );
        break;
      case 'http':
        data = await services.http({
          url: String(value('url')),
          method: (query.method as string | undefined) ?? 'GET',
          headers: stringMap(value('headers')),
          query: (value('query') as Record<string, unknown>) ?? {},
          body: value('body'),
        });
        break;
      default:
        throw new Error(`unknown query type "${String((query as { type: unknown }).type)}"`);
    }
    update({ data, loading: false, error: null });
    return data;
  } catch (error) {
    update({ loading: false, error: toErrorInfo(error) });
    throw error;
  }
}

function findOptions(value: (field: string) => unknown): FindOptions {
  const options: FindOptions = {};
  const filter = value('filter');
  if (filter && typeof filter === 'object') options.filter = filter as Record<string, unknown>;
  const sort = value('sort');
  if (sort && typeof sort === 'object') options.sort = sort as Record<string, 'asc' | 'desc'>;
  const limit = value('limit');
  if (typeof limit === 'number') options.limit = limit;
  const skip = value('skip');
  if (typeof skip === 'number') options.skip = skip;
  const fields = value('fields');
  if (Array.isArray(fields)) options.fields = fields.map(String);
  return options;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value))
      if (entry !== undefined && entry !== null) out[key] = String(entry);
  }
  return out;
}
