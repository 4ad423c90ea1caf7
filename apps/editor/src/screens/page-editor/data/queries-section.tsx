// Queries of a page or of the app, with a form per source (schemas/query.schema.json): collection
// and CMS queries with a filter builder and sort, function queries with arguments, HTTP queries.
import type { QueryMap, QuerySchema, Value } from '@tessera/schema';
import { type ReactNode, useId, useState } from 'react';
import { useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import { Button } from '../../../app/ui';
import type { EditorDocument, EditorStore } from '../../../store';
import { ValueField, ValueMapEditor } from '../inspector/fields';
import { messages } from './messages';
import { nameProblem } from './names';
import { RenameButton, RenameStatus } from './rename-form';
import { definedEntries } from './scope';

type QueryType = QuerySchema['type'];
const TYPES: QueryType[] = ['collection', 'cms', 'function', 'http'];
const TYPE_LABEL = {
  collection: 'typeCollection',
  cms: 'typeCms',
  function: 'typeFunction',
  http: 'typeHttp',
} as const;

function newQuery(type: QueryType, doc: EditorDocument): QuerySchema {
  switch (type) {
    case 'collection':
      return { type, collection: Object.keys(doc.app.collections ?? {})[0] ?? 'items', limit: 20 };
    case 'cms':
      return { type, model: 'articles', limit: 20 };
    case 'function':
      return { type, function: Object.keys(doc.app.functions ?? {})[0] ?? 'main' };
    case 'http':
      return { type, url: 'https://' };
  }
}

type Json = Record<string, unknown>;

export function QueryList({
  store,
  doc,
  pageId,
  queries,
  title,
  scope,
}: {
  store: EditorStore;
  doc: EditorDocument;
  pageId: string | undefined;
  queries: QueryMap | undefined;
  title: string;
  scope: ExpressionScope;
}): ReactNode {
  const t = useT(messages);
  const headingId = useId();
  const list = definedEntries(queries);
  const set = (name: string, query: QuerySchema | undefined) =>
    store.dispatch({ type: 'setQuery', ...(pageId !== undefined ? { pageId } : {}), name, query });
  const [name, setName] = useState('');
  const [type, setType] = useState<QueryType>('collection');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  return (
    <section className="data-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {list.length === 0 ? <p className="field-hint">{t('noQueries')}</p> : null}
      <ul className="data-list">
        {list.map(([queryName, query]) => (
          <li key={queryName} className="data-item">
            <details open>
              <summary>
                <code>{queryName}</code> · {t(TYPE_LABEL[query.type])}
              </summary>
              <QueryForm
                name={queryName}
                query={query}
                doc={doc}
                scope={scope}
                onChange={(next) => set(queryName, next)}
              />
              <div className="data-item-head">
                <RenameButton
                  name={queryName}
                  label={t('renameQuery', { name: queryName })}
                  // an app query and a page query of one name: the store refuses with its reason
                  taken={list.map(([each]) => each)}
                  doc={doc}
                  onRename={(to) =>
                    store.dispatch({
                      type: 'renameQuery',
                      ...(pageId !== undefined ? { pageId } : {}),
                      from: queryName,
                      to,
                    })
                  }
                  onNotice={setNotice}
                />
                <Button variant="danger" onClick={() => set(queryName, undefined)}>
                  {t('removeQuery', { name: queryName })}
                </Button>
              </div>
            </details>
          </li>
        ))}
      </ul>
      <RenameStatus text={notice} />
      <form
        className="data-add"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = name.trim();
          const problem = nameProblem(
            trimmed,
            list.map(([existing]) => existing),
          );
          if (problem) return setError(t(problem, { name: trimmed }));
          setError(undefined);
          setName('');
          set(trimmed, newQuery(type, doc));
        }}
      >
        <input
          type="text"
          aria-label={t('queryName', { where: title })}
          placeholder={t('name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <select
          aria-label={t('queryType', { where: title })}
          value={type}
          onChange={(event) => setType(event.target.value as QueryType)}
        >
          {TYPES.map((each) => (
            <option key={each} value={each}>
              {t(TYPE_LABEL[each])}
            </option>
          ))}
        </select>
        <Button type="submit">{t('addQuery')}</Button>
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
    </section>
  );
}

function QueryForm({
  name,
  query,
  doc,
  scope,
  onChange,
}: {
  name: string;
  query: QuerySchema;
  doc: EditorDocument;
  scope: ExpressionScope;
  onChange(query: QuerySchema): void;
}): ReactNode {
  const t = useT(messages);
  const fields = query as unknown as Json;
  const set = (key: string, value: unknown) => {
    const next: Json = { ...fields };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next as unknown as QuerySchema);
  };
  const label = (text: string) => `${text} (${name})`;
  const field = (key: string, text: string, kind: 'string' | 'number' | 'boolean', bindable = false) => (
    <ValueField
      label={label(text)}
      kind={kind}
      bindable={bindable}
      scope={scope}
      value={fields[key] as Value | undefined}
      onChange={(value) => set(key, value)}
    />
  );
  const map = (key: string, text: string) => (
    <ValueMapEditor
      label={label(text)}
      value={fields[key] as Record<string, Value> | undefined}
      scope={scope}
      onChange={(value) => set(key, value)}
    />
  );
  const names = (map: object | undefined) => Object.keys(map ?? {});
  const choice = (key: string, text: string, options: string[]) =>
    options.length > 0 ? (
      <ValueField
        label={label(text)}
        kind="select"
        bindable={false}
        scope={scope}
        value={fields[key] as Value | undefined}
        options={[...new Set([...options, String(fields[key] ?? '')])]
          .filter(Boolean)
          .map((value) => ({ value, label: value }))}
        onChange={(value) => set(key, value)}
      />
    ) : (
      field(key, text, 'string')
    );
  const paging = (
    <>
      {map('filter', t('filter'))}
      <SortEditor
        name={name}
        value={fields.sort as Record<string, 'asc' | 'desc'> | undefined}
        onChange={(value) => set('sort', value)}
      />
      {field('limit', t('limit'), 'number', true)}
      {field('skip', t('skip'), 'number', true)}
    </>
  );
  return (
    <div className="query-form">
      {query.type === 'collection' ? (
        <>
          {choice('collection', t('collection'), names(doc.app.collections))}
          {paging}
          <ValueField
            label={label(t('fields'))}
            kind="string"
            bindable={false}
            scope={scope}
            value={Array.isArray(fields.fields) ? (fields.fields as string[]).join(', ') : undefined}
            onChange={(value) => {
              const list = String(value ?? '')
                .split(',')
                .map((each) => each.trim())
                .filter(Boolean);
              set('fields', list.length ? [...new Set(list)] : undefined);
            }}
          />
        </>
      ) : null}
      {query.type === 'cms' ? (
        <>
          {field('model', t('model'), 'string')}
          {paging}
          {field('locale', t('locale'), 'string')}
        </>
      ) : null}
      {query.type === 'function' ? (
        <>
          {choice('function', t('function'), names(doc.app.functions))}
          {map('data', t('data'))}
        </>
      ) : null}
      {query.type === 'http' ? (
        <>
          {field('url', t('url'), 'string', true)}
          <ValueField
            label={label(t('method'))}
            kind="select"
            bindable={false}
            scope={scope}
            value={fields.method as Value | undefined}
            defaultValue="GET"
            options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({ value, label: value }))}
            onChange={(value) => set('method', value)}
          />
          {map('headers', t('headers'))}
          {map('query', t('queryString'))}
          <ValueField
            label={label(t('body'))}
            kind="json"
            scope={scope}
            value={fields.body as Value | undefined}
            onChange={(value) => set('body', value)}
          />
        </>
      ) : null}
      <ValueField
        label={label(t('auto'))}
        kind="boolean"
        bindable={false}
        scope={scope}
        value={fields.auto as Value | undefined}
        defaultValue={true}
        onChange={(value) => set('auto', value === true ? undefined : value)}
      />
      {field('description', t('description'), 'string')}
    </div>
  );
}

function SortEditor({
  name,
  value,
  onChange,
}: {
  name: string;
  value: Record<string, 'asc' | 'desc'> | undefined;
  onChange(value: Record<string, 'asc' | 'desc'> | undefined): void;
}): ReactNode {
  const t = useT(messages);
  const rows = Object.entries(value ?? {});
  const write = (next: [string, 'asc' | 'desc'][]) =>
    onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <fieldset className="vmap">
      <legend>
        {t('sort')} ({name})
      </legend>
      {rows.map(([field, order], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row keeps its place while its field is typed
        <div className="vmap-row" key={i}>
          <input
            type="text"
            aria-label={t('sortField', { n: i + 1 })}
            value={field}
            onChange={(event) => write(rows.map((row, j) => (j === i ? [event.target.value, row[1]] : row)))}
          />
          <select
            aria-label={t('sortOrder', { name: field })}
            value={order}
            onChange={(event) =>
              write(rows.map((row, j) => (j === i ? [row[0], event.target.value as 'asc' | 'desc'] : row)))
            }
          >
            <option value="asc">{t('asc')}</option>
            <option value="desc">{t('desc')}</option>
          </select>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('removeSort', { name: field })}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <Button
        variant="ghost"
        onClick={() => {
          let n = rows.length + 1;
          while (rows.some(([key]) => key === `field${n}`)) n++;
          write([...rows, [`field${n}`, 'asc']]);
        }}
      >
        + {t('addSort')}
      </Button>
    </fieldset>
  );
}
