import { type ReactNode, useCallback, useId, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { useLocale, useT } from '../../app/i18n';
import { useLeaveGuard } from '../../app/router';
import {
  Button,
  CheckboxField,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  LoadStatus,
  Pager,
  SelectField,
  TableHead,
  TextField,
  useAsync,
  useConfirmedDelete,
  useToast,
} from '../../app/ui';
import { EntryField } from './entry-fields';
import type { ContentRights } from './index';
import { messages } from './messages';
import {
  defaultLocaleOf,
  type Entry,
  entryLabel,
  entryPayload,
  errorsByField,
  formValues,
  isoToLocalInput,
  labelField,
  localesOf,
  localInputToIso,
  type Model,
  titleOf,
} from './model';

const PAGE_SIZE = 20;
type StatusFilter = 'all' | 'draft' | 'published' | 'changed' | 'scheduled';

const statusFilter = (status: StatusFilter): Record<string, unknown> | undefined =>
  status === 'all' ? undefined : status === 'scheduled' ? { _scheduledAt: { $gt: '' } } : { _status: status };

/** Entries of one model: a list with search, status filter, sort and pages; the entry editor. */
export function Entries({
  appId,
  models,
  rights,
  onGoToModels,
}: {
  appId: string;
  models: Model[];
  rights: ContentRights;
  onGoToModels: () => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const [modelName, setModelName] = useState(models[0]?.name ?? '');
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const model = models.find((m) => m.name === modelName) ?? models[0];
  if (!model)
    return (
      <EmptyState title={t('noModels')}>
        <p>{t('noModelsHint')}</p>
        <Button onClick={onGoToModels}>{t('models')}</Button>
      </EmptyState>
    );
  return (
    <div className="cms-entries">
      <nav className="cms-models-nav" aria-label={t('model')}>
        <ul>
          {models.map((m) => (
            <li key={m.name}>
              <button
                type="button"
                aria-current={m.name === model.name ? 'true' : undefined}
                onClick={() => {
                  setModelName(m.name);
                  setOpen(null);
                }}
              >
                {titleOf(m, ui)} <code>{m.name}</code>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="cms-entries-main">
        {open ? (
          <EntryEditor
            key={`${model.name}:${open}`}
            appId={appId}
            model={model}
            models={models}
            entryId={open === 'new' ? null : open}
            rights={rights}
            onOpen={setOpen}
            onClose={() => setOpen(null)}
          />
        ) : (
          <EntryList key={model.name} appId={appId} model={model} rights={rights} onOpen={setOpen} />
        )}
      </div>
    </div>
  );
}

function EntryList({
  appId,
  model,
  rights,
  onOpen,
}: {
  appId: string;
  model: Model;
  rights: ContentRights;
  onOpen: (id: string | 'new') => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const totalId = useId();
  const searchField = labelField(model);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [sort, setSort] = useState('_updatedAt');
  const [descending, setDescending] = useState(true);
  const [query, setQuery] = useState({
    search: '',
    status: 'all' as StatusFilter,
    sort: '_updatedAt',
    descending: true,
  });
  const [page, setPage] = useState(0);
  const base = path('/api/apps/:appId/cms/models/:model/entries', { appId, model: model.name });
  const list = useAsync(
    (signal) => {
      const conditions: Record<string, unknown>[] = [];
      const byStatus = statusFilter(query.status);
      if (byStatus) conditions.push(byStatus);
      if (query.search && searchField) {
        const regex = { $regex: query.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
        conditions.push(
          searchField.localised
            ? { $or: localesOf(model).map((l) => ({ [`${searchField.name}.${l}`]: regex })) }
            : { [searchField.name]: regex },
        );
      }
      const params = new URLSearchParams({
        limit: String(PAGE_SIZE),
        skip: String(page * PAGE_SIZE),
        sort: `${query.descending ? '-' : ''}${query.sort}`,
      });
      if (conditions.length > 0)
        params.set('filter', JSON.stringify(conditions.length === 1 ? conditions[0] : { $and: conditions }));
      return api.get<{ data: Entry[]; total: number }>(`${base}?${params}`, { signal });
    },
    [base, query, page],
  );
  const sortable = [
    '_updatedAt',
    '_createdAt',
    '_publishedAt',
    ...model.fields
      .filter(
        (f) => !f.localised && ['text', 'number', 'date', 'datetime', 'autoNumber', 'enum'].includes(f.type),
      )
      .map((f) => f.name),
  ];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const entries = list.data?.data ?? [];
  return (
    <section aria-label={t('entries')}>
      <form
        className="toolbar cms-query"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(0);
          setQuery({ search, status, sort, descending });
        }}
      >
        {searchField ? (
          <TextField
            label={t('searchIn', { field: titleOf(searchField, ui) })}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        ) : null}
        <SelectField
          label={t('status')}
          value={status}
          options={(['all', 'draft', 'published', 'changed', 'scheduled'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
        />
        <SelectField
          label={t('sortBy')}
          value={sort}
          options={sortable.map((name) => ({
            value: name,
            label: name.startsWith('_')
              ? t(`sort.${name}` as 'sort._updatedAt')
              : titleOf(model.fields.find((f) => f.name === name) ?? { name }, ui),
          }))}
          onChange={(event) => setSort(event.target.value)}
        />
        <CheckboxField
          label={t('descending')}
          checked={descending}
          onChange={(event) => setDescending(event.target.checked)}
        />
        <Button type="submit">{t('apply')}</Button>
      </form>
      <div className="toolbar">
        <Button
          variant="primary"
          disabled={!rights.editContent}
          title={rights.editContent ? undefined : t('readOnly')}
          onClick={() => onOpen('new')}
        >
          {t('newEntry')}
        </Button>
        <span id={totalId} className="data-total">
          {list.data ? t('total', { count: list.data.total }) : ''}
        </span>
      </div>
      <LoadStatus state={list} empty={entries.length === 0} emptyTitle={t('noEntries')} />
      {entries.length > 0 ? (
        <table className="table" aria-describedby={totalId}>
          <TableHead
            columns={[searchField ? titleOf(searchField, ui) : 'id', t('status'), t('version'), t('updated')]}
          />
          <tbody>
            {entries.map((entry) => (
              <tr key={entry._id}>
                <td>
                  <button type="button" className="link-btn" onClick={() => onOpen(entry._id)}>
                    {entryLabel(model, entry)}
                  </button>
                </td>
                <td>
                  <StatusBadge entry={entry} />
                </td>
                <td>{entry._version}</td>
                <td>{new Date(entry._updatedAt).toLocaleString(ui)}</td>
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
    </section>
  );
}

function StatusBadge({ entry }: { entry: Entry }): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  return (
    <span className={`cms-status cms-status-${entry._status}`}>
      {t(`status.${entry._status}`)}
      {entry._scheduledAt
        ? ` · ${t('scheduledFor', { at: new Date(entry._scheduledAt).toLocaleString(ui) })}`
        : ''}
    </span>
  );
}

interface HistoryItem {
  version: number;
  action: string;
  at: string;
  by: string | null;
  fields: Record<string, unknown>;
}

/** The form of one entry, generated from the model's fields, with the publishing actions. */
function EntryEditor({
  appId,
  model,
  models,
  entryId,
  rights,
  onOpen,
  onClose,
}: {
  appId: string;
  model: Model;
  models: Model[];
  entryId: string | null;
  rights: ContentRights;
  onOpen: (id: string) => void;
  onClose: () => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const toast = useToast();
  const base = path('/api/apps/:appId/cms/models/:model/entries', { appId, model: model.name });
  const locales = localesOf(model);
  const [locale, setLocale] = useState(defaultLocaleOf(model));
  const [form, setForm] = useState<Record<string, unknown>>(() => (entryId ? {} : formValues(model, null)));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [scheduleAt, setScheduleAt] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const hasLocalised = model.fields.some((f) => f.localised);
  const disabled = !rights.editContent;

  const loaded = useAsync(
    async (signal) => {
      if (!entryId) return null;
      const entry = await api.get<Entry>(`${base}/${entryId}`, { signal });
      setForm(formValues(model, entry));
      setScheduleAt(isoToLocalInput(entry._scheduledAt));
      setDirty(false);
      return entry;
    },
    [base, entryId],
  );
  const entry = loaded.data ?? null;

  useLeaveGuard(useCallback(() => (dirty ? t('unsaved') : undefined), [dirty, t]));

  const setValue = (name: string, localised: boolean, value: unknown) => {
    setDirty(true);
    setForm((current) => ({
      ...current,
      [name]: localised ? { ...((current[name] as Record<string, unknown>) ?? {}), [locale]: value } : value,
    }));
  };

  const act = async (name: string, run: () => Promise<Entry>, done: (e: Entry) => string) => {
    setBusy(name);
    setError(undefined);
    setConflict(false);
    try {
      const result = await run();
      setProblems({});
      toast(done(result), 'success');
      if (!entryId) onOpen(result._id);
      else {
        loaded.setData(result);
        setForm(formValues(model, result));
        setScheduleAt(isoToLocalInput(result._scheduledAt));
        setDirty(false);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        setProblems(errorsByField(e.details));
        if (e.status === 409 && typeof e.body.currentVersion === 'number') {
          setConflict(true);
          setError(new Error(t('conflict', { version: e.body.currentVersion })));
        } else setError(e);
      } else setError(e);
    } finally {
      setBusy(null);
    }
  };

  /** Saves the form (create or a new version); `publish` publishes in the same request. */
  const save = (publish: boolean) => {
    const payload = entryPayload(model, form, !entryId);
    if (Object.keys(payload.problems).length > 0) {
      setProblems(payload.problems);
      setError(new Error(t('fixErrors')));
      return;
    }
    void act(
      publish ? 'publish' : 'save',
      () =>
        entryId
          ? api.patch<Entry>(`${base}/${entryId}`, {
              fields: payload.fields,
              ...(entry ? { expectedVersion: entry._version } : {}),
              ...(publish ? { publish: true } : {}),
            })
          : api.post<Entry>(base, { fields: payload.fields, ...(publish ? { publish: true } : {}) }),
      (e) => (publish ? t('published') : t('saved', { version: e._version })),
    );
  };

  const confirmDelete = useConfirmedDelete();
  const remove = async () => {
    if (!entryId) return;
    await confirmDelete({
      question: t('confirmDeleteEntry'),
      url: `${base}/${entryId}`,
      done: t('entryDeleted'),
      after: () => {
        setDirty(false);
        onClose();
      },
    });
  };

  if (entryId && loaded.loading && !entry) return <Loading />;
  if (entryId && loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;

  const generalProblems = problems[''] ?? [];
  return (
    <form
      className="cms-entry"
      aria-label={
        entryId
          ? t('entryTitle', { model: model.name, id: entryId })
          : t('newEntryTitle', { model: model.name })
      }
      onSubmit={(event) => {
        event.preventDefault();
        if (!disabled) save(false);
      }}
    >
      <div className="toolbar">
        <Button variant="ghost" onClick={onClose}>
          ← {t('back')}
        </Button>
        <h2 className="cms-heading">
          {entry ? entryLabel(model, entry) : t('newEntryTitle', { model: titleOf(model, ui) })}
        </h2>
        {entry ? <StatusBadge entry={entry} /> : null}
        {entry ? <span className="field-hint">{`${t('version')} ${entry._version}`}</span> : null}
      </div>
      {hasLocalised ? (
        <div className="cms-locale" role="radiogroup" aria-label={t('locale')}>
          <span className="cms-label">{t('locale')}</span>
          {locales.map((l) => (
            <label key={l} className="checkbox">
              <input
                type="radio"
                name="cms-locale"
                value={l}
                checked={locale === l}
                onChange={() => setLocale(l)}
              />
              {l}
            </label>
          ))}
          <span className="field-hint">{t('localisedHint', { locale })}</span>
        </div>
      ) : null}
      <div className="cms-entry-fields">
        {model.fields.map((field) => {
          const raw = form[field.name];
          const value = field.localised
            ? ((raw as Record<string, unknown> | undefined)?.[locale] ?? undefined)
            : raw;
          return (
            <EntryField
              key={field.name}
              appId={appId}
              field={field}
              models={models}
              value={value}
              locale={field.localised ? locale : null}
              disabled={disabled}
              problems={problems[field.name] ?? []}
              onChange={(next) => setValue(field.name, Boolean(field.localised), next)}
            />
          );
        })}
      </div>
      {error ? (
        <div className="state-error cms-form-error" role="alert">
          <p className="state-title">{(error as Error).message}</p>
          {generalProblems.length > 0 ? (
            <ul className="error-details">
              {generalProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {conflict ? (
            <Button
              onClick={() => {
                setError(undefined);
                setConflict(false);
                loaded.reload();
              }}
            >
              {t('reload')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="toolbar cms-sticky">
        <Button type="submit" variant="primary" busy={busy === 'save'} disabled={disabled}>
          {t('saveDraft')}
        </Button>
        <Button busy={busy === 'publish'} disabled={disabled} onClick={() => save(true)}>
          {t('publish')}
        </Button>
        {entry && entry._status !== 'draft' ? (
          <Button
            busy={busy === 'unpublish'}
            disabled={disabled}
            onClick={() =>
              void act(
                'unpublish',
                () => api.post<Entry>(`${base}/${entry._id}/unpublish`),
                () => t('unpublished'),
              )
            }
          >
            {t('unpublish')}
          </Button>
        ) : null}
        {entry ? (
          <>
            <span className="cms-schedule">
              <TextField
                label={t('scheduleAt')}
                type="datetime-local"
                value={scheduleAt}
                disabled={disabled}
                onChange={(event) => setScheduleAt(event.target.value)}
              />
              <Button
                busy={busy === 'schedule'}
                disabled={disabled || !scheduleAt}
                onClick={() =>
                  void act(
                    'schedule',
                    () =>
                      api.post<Entry>(`${base}/${entry._id}/schedule`, { at: localInputToIso(scheduleAt) }),
                    () => t('scheduled'),
                  )
                }
              >
                {t('schedule')}
              </Button>
              {entry._scheduledAt ? (
                <Button
                  disabled={disabled}
                  onClick={() =>
                    void act(
                      'schedule',
                      () => api.post<Entry>(`${base}/${entry._id}/schedule`, { at: null }),
                      () => t('unscheduled'),
                    )
                  }
                >
                  {t('cancelSchedule')}
                </Button>
              ) : null}
            </span>
            <Button onClick={() => setShowHistory(true)}>{t('history')}</Button>
            <Button variant="danger" disabled={disabled} onClick={() => void remove()}>
              {t('deleteEntry')}
            </Button>
          </>
        ) : null}
      </div>
      {showHistory && entry ? (
        <HistoryDialog
          url={`${base}/${entry._id}/history`}
          current={entry._version}
          canRestore={!disabled}
          onClose={() => setShowHistory(false)}
          onRestore={(version) => {
            setShowHistory(false);
            void act(
              'restore',
              () => api.post<Entry>(`${base}/${entry._id}/history/${version}/restore`),
              () => t('restored', { version }),
            );
          }}
        />
      ) : null}
    </form>
  );
}

function HistoryDialog({
  url,
  current,
  canRestore,
  onClose,
  onRestore,
}: {
  url: string;
  current: number;
  canRestore: boolean;
  onClose: () => void;
  onRestore: (version: number) => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const history = useAsync((signal) => api.get<{ data: HistoryItem[] }>(url, { signal }), [url]);
  const items = history.data?.data ?? [];
  return (
    <Dialog title={t('history')} open onClose={onClose}>
      <LoadStatus state={history} empty={items.length <= 1} emptyTitle={t('noHistory')} />
      {items.length > 0 ? (
        <table className="table cms-history">
          <TableHead columns={[t('version'), t('action'), t('at')]} actions={t('restore', { version: '' })} />
          <tbody>
            {items.map((item) => (
              <tr key={item.version}>
                <td>{item.version}</td>
                <td>
                  {item.action}
                  <details>
                    <summary>JSON</summary>
                    <pre>{JSON.stringify(item.fields, null, 2)}</pre>
                  </details>
                </td>
                <td>{new Date(item.at).toLocaleString(ui)}</td>
                <td>
                  {item.version !== current ? (
                    <Button disabled={!canRestore} onClick={() => onRestore(item.version)}>
                      {t('restore', { version: item.version })}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
