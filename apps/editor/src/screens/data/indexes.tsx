import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import {
  Button,
  CheckboxField,
  ErrorState,
  Loading,
  SelectField,
  TableHead,
  TextField,
  useAsync,
  useConfirmedDelete,
  useSubmit,
  useToast,
} from '../../app/ui';
import { messages } from './messages';

type Order = 'asc' | 'desc';
interface IndexField {
  field: string;
  order: Order;
}
interface CollectionIndex {
  name: string;
  fields: IndexField[];
  unique: boolean;
  builtIn: boolean;
}

/** As many fields as the server allows in one index (as in a sort). */
const MAX_FIELDS = 8;

/** A collection's indexes: what exists, a form to add one, and dropping one (developers and owners). */
export function IndexesPanel({
  appId,
  collection,
  canWrite,
}: {
  appId: string;
  collection: string;
  canWrite: boolean;
}): ReactNode {
  const t = useT(messages);
  const url = path('/api/apps/:appId/db/indexes/:collection', { appId, collection });
  const list = useAsync((signal) => api.get<{ indexes: CollectionIndex[] }>(url, { signal }), [url]);
  const confirmDelete = useConfirmedDelete();
  const describe = (fields: IndexField[]) =>
    fields
      .map((f) => `${f.field} ${f.order === 'desc' ? t('orderDescShort') : t('orderAscShort')}`)
      .join(', ');

  return (
    <div className="data-indexes">
      <p className="field-hint">{t('indexesHint')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <table className="table">
          <caption className="visually-hidden">{t('indexesOf', { collection })}</caption>
          <TableHead
            columns={[t('indexName'), t('indexFields'), t('indexUnique')]}
            actions={canWrite ? t('actions') : undefined}
          />
          <tbody>
            {list.data.indexes.map((index) => (
              <tr key={index.name}>
                <td>
                  <code>{index.name}</code>
                  {index.builtIn ? <span className="field-hint"> {t('builtIn')}</span> : null}
                </td>
                <td>{describe(index.fields)}</td>
                <td>{index.unique ? t('yes') : '—'}</td>
                {canWrite ? (
                  <td className="row-actions">
                    {index.builtIn ? null : (
                      <Button
                        variant="ghost"
                        aria-label={t('dropIndexNamed', { name: index.name })}
                        onClick={() =>
                          void confirmDelete({
                            question: t('confirmDropIndex', { name: index.name }),
                            url: `${url}/${encodeURIComponent(index.name)}`,
                            done: t('indexDropped', { name: index.name }),
                            after: list.reload,
                          })
                        }
                      >
                        {t('dropIndex')}
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? (
        <NewIndexForm url={url} onCreated={list.reload} />
      ) : (
        <p className="field-hint">{t('indexesReadOnly')}</p>
      )}
    </div>
  );
}

function NewIndexForm({ url, onCreated }: { url: string; onCreated: () => void }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const submit = useSubmit();
  const [fields, setFields] = useState<IndexField[]>([{ field: '', order: 'asc' }]);
  const [unique, setUnique] = useState(false);
  const [name, setName] = useState('');
  const change = (i: number, patch: Partial<IndexField>) =>
    setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const [missing, setMissing] = useState(false);
  // The row whose path gets the focus after a row is added or removed (the button that was
  // pressed may be gone).
  const focusRow = useRef<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusRow.current === null) return;
    form.current?.querySelectorAll<HTMLInputElement>('.data-index-field input')[focusRow.current]?.focus();
    focusRow.current = null;
  });
  /** The server's message for a part of the form (by its JSON pointer), shown beside that field. */
  const problem = (pointer: string): string | undefined =>
    submit.error instanceof ApiError
      ? submit.error.details.find((detail) => detail.pointer === pointer)?.message
      : undefined;

  return (
    <form
      className="card data-new-index"
      aria-label={t('newIndex')}
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const empty = fields.findIndex((f) => f.field.trim() === '');
        setMissing(empty >= 0);
        if (empty >= 0) {
          form.current?.querySelectorAll<HTMLInputElement>('.data-index-field input')[empty]?.focus();
          return;
        }
        void submit.run(async () => {
          const created = await api.post<CollectionIndex>(url, {
            fields: fields.map((f) => ({ field: f.field.trim(), order: f.order })),
            ...(unique ? { unique: true } : {}),
            ...(name.trim() ? { name: name.trim() } : {}),
          });
          toast(t('indexCreated', { name: created.name }), 'success');
          setFields([{ field: '', order: 'asc' }]);
          setUnique(false);
          setName('');
          onCreated();
        });
      }}
    >
      <h3>{t('newIndex')}</h3>
      {fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the index, edited in place
        <div key={i} className="data-index-field">
          <TextField
            label={t('indexFieldPath', { n: i + 1 })}
            hint={i === 0 ? t('indexFieldHint') : undefined}
            value={f.field}
            maxLength={256}
            error={
              missing && f.field.trim() === ''
                ? t('indexFieldMissing')
                : (problem(`/fields/${i}/field`) ?? (i === 0 ? problem('/fields') : undefined))
            }
            onChange={(event) => change(i, { field: event.target.value })}
          />
          <SelectField
            label={t('indexOrder', { n: i + 1 })}
            value={f.order}
            onChange={(event) => change(i, { order: event.target.value as Order })}
            options={[
              { value: 'asc', label: t('orderAsc') },
              { value: 'desc', label: t('orderDesc') },
            ]}
          />
          {fields.length > 1 ? (
            <Button
              aria-label={t('removeIndexField', { n: i + 1 })}
              onClick={() => {
                focusRow.current = Math.min(i, fields.length - 2);
                setFields((all) => all.filter((_, j) => j !== i));
              }}
            >
              ×
            </Button>
          ) : null}
        </div>
      ))}
      {fields.length < MAX_FIELDS ? (
        <Button
          onClick={() => {
            focusRow.current = fields.length;
            setFields((all) => [...all, { field: '', order: 'asc' }]);
          }}
        >
          {t('addIndexField')}
        </Button>
      ) : null}
      <CheckboxField
        label={t('uniqueIndex')}
        checked={unique}
        onChange={(event) => setUnique(event.target.checked)}
      />
      <TextField
        label={t('indexNameOptional')}
        value={name}
        maxLength={64}
        error={problem('/name')}
        onChange={(event) => setName(event.target.value)}
      />
      {submit.error ? <ErrorState error={submit.error} /> : null}
      <Button type="submit" variant="primary" busy={submit.busy}>
        {t('createIndex')}
      </Button>
    </form>
  );
}
