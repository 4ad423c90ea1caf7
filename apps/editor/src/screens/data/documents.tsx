import { type ReactNode, useId, useRef, useState } from 'react';
import { api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import {
  Button,
  CheckboxField,
  LoadStatus,
  Pager,
  TableHead,
  TextField,
  useAsync,
  useConfirmedDelete,
  useToast,
} from '../../app/ui';
import { JsonDialog } from './json-dialog';
import { messages } from './messages';
import { columnsOf, download, type Format, parseDocuments, toCsv } from './transfer';

const PAGE_SIZE = 20;
const EXPORT_BATCH = 1000;
const SHOWN_COLUMNS = 6;

type Doc = Record<string, unknown> & { _id?: string };

interface Query {
  filter: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
}

function preview(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** One collection's documents: filter, sort, pages, edit, delete, import and export. */
export function Documents({
  appId,
  collection,
  canWrite,
  onChanged,
}: {
  appId: string;
  collection: string;
  canWrite: boolean;
  onChanged: () => void;
}): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const base = path('/api/apps/:appId/db/data/:collection', { appId, collection });
  const [filterText, setFilterText] = useState('{}');
  const [sortField, setSortField] = useState('');
  const [descending, setDescending] = useState(false);
  const [query, setQuery] = useState<Query>({ filter: {} });
  const [filterError, setFilterError] = useState<string>();
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<Doc | 'new' | null>(null);
  const [progress, setProgress] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const descId = useId();

  const result = useAsync(
    async (signal) => {
      const [docs, count] = await Promise.all([
        api.post<{ data: Doc[] }>(
          `${base}/query`,
          { ...query, skip: page * PAGE_SIZE, limit: PAGE_SIZE },
          { signal },
        ),
        api.post<{ total: number }>(`${base}/count`, { filter: query.filter }, { signal }),
      ]);
      return { docs: docs.data, total: count.total };
    },
    [base, query, page],
  );

  const apply = () => {
    let filter: unknown;
    try {
      filter = JSON.parse(filterText || '{}');
    } catch (error) {
      setFilterError(t('badFilter', { message: (error as Error).message }));
      return;
    }
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      setFilterError(t('notObject'));
      return;
    }
    setFilterError(undefined);
    setPage(0);
    setQuery({
      filter: filter as Record<string, unknown>,
      ...(sortField ? { sort: { [sortField]: descending ? -1 : 1 } } : {}),
    });
  };

  const changed = () => {
    result.reload();
    onChanged();
  };

  const confirmDelete = useConfirmedDelete();
  const remove = (doc: Doc) =>
    confirmDelete({
      question: t('confirmDelete', { id: String(doc._id) }),
      url: `${base}/docs/${encodeURIComponent(String(doc._id))}`,
      done: t('deleted'),
      after: changed,
    });

  const importFile = async (file: File) => {
    let docs: Doc[];
    try {
      docs = parseDocuments(await file.text(), file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    } catch (error) {
      toast((error as Error).message, 'error');
      return;
    }
    let done = 0;
    for (const [index, doc] of docs.entries()) {
      setProgress(t('importing', { done, total: docs.length }));
      try {
        await api.post(`${base}/docs`, { data: doc });
      } catch (error) {
        setProgress(undefined);
        toast(t('importFailed', { index: index + 1, message: (error as Error).message, done }), 'error');
        changed();
        return;
      }
      done++;
    }
    setProgress(undefined);
    toast(t('imported', { count: done }), 'success');
    changed();
  };

  const exportAll = async (format: Format) => {
    const all: Doc[] = [];
    for (let skip = 0; ; skip += EXPORT_BATCH) {
      const batch = await api.post<{ data: Doc[] }>(`${base}/query`, {
        ...query,
        skip,
        limit: EXPORT_BATCH,
      });
      all.push(...batch.data);
      if (batch.data.length < EXPORT_BATCH) break;
    }
    if (format === 'csv') download(`${collection}.csv`, toCsv(all), 'text/csv');
    else download(`${collection}.json`, `${JSON.stringify(all, null, 2)}\n`, 'application/json');
  };

  const docs = result.data?.docs ?? [];
  const columns = columnsOf(docs).slice(0, SHOWN_COLUMNS);
  const pages = Math.max(1, Math.ceil((result.data?.total ?? 0) / PAGE_SIZE));

  return (
    <div className="data-documents">
      <form
        className="toolbar data-query"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <TextField
          label={t('filter')}
          className="code-input"
          value={filterText}
          error={filterError}
          onChange={(event) => setFilterText(event.target.value)}
        />
        <TextField
          label={t('sortBy')}
          value={sortField}
          onChange={(event) => setSortField(event.target.value)}
        />
        <CheckboxField
          label={t('descending')}
          checked={descending}
          onChange={(event) => setDescending(event.target.checked)}
        />
        <Button type="submit">{t('apply')}</Button>
      </form>
      <div className="toolbar">
        {canWrite ? (
          <>
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t('add')}
            </Button>
            <Button onClick={() => fileInput.current?.click()}>{t('importFile')}</Button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,.jsonl,.csv,application/json,text/csv"
              hidden
              aria-label={t('importFile')}
              data-testid="data-import"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </>
        ) : null}
        <Button onClick={() => void exportAll('json')}>{t('exportJson')}</Button>
        <Button onClick={() => void exportAll('csv')}>{t('exportCsv')}</Button>
        {progress ? (
          <span role="status" className="data-progress">
            {progress}
          </span>
        ) : null}
        <span className="data-total" id={descId}>
          {result.data ? t('total', { count: result.data.total }) : ''}
        </span>
      </div>
      <LoadStatus state={result} empty={docs.length === 0} emptyTitle={t('empty')} />
      {docs.length > 0 ? (
        <table className="table" aria-describedby={descId}>
          <TableHead columns={columns} actions={t('edit')} />
          <tbody>
            {docs.map((doc) => (
              <tr key={String(doc._id)}>
                {columns.map((column) => (
                  <td key={column}>
                    <code>{preview(doc[column])}</code>
                  </td>
                ))}
                <td className="row-actions">
                  <Button variant="ghost" onClick={() => setEditing(doc)}>
                    {t('edit')}
                  </Button>
                  {canWrite ? (
                    <Button variant="ghost" onClick={() => void remove(doc)}>
                      {t('delete')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager
        page={page}
        pages={pages}
        onPage={setPage}
        labels={{ previous: t('previous'), next: t('next'), position: t('page', { page: page + 1, pages }) }}
      />
      {editing ? (
        <JsonDialog
          title={editing === 'new' ? t('add') : `${t('edit')} ${String(editing._id)}`}
          initial={editing === 'new' ? {} : editing}
          onClose={() => setEditing(null)}
          onSave={async (value) => {
            if (editing === 'new') await api.post(`${base}/docs`, { data: value });
            else {
              const { _id: _ignored, ...rest } = value;
              await api.put(`${base}/docs/${encodeURIComponent(String(editing._id))}`, { data: rest });
            }
            toast(t('saved'), 'success');
            changed();
          }}
        />
      ) : null}
    </div>
  );
}
