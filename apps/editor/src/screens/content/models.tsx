import { type ReactNode, useId, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { useLocale, useT } from '../../app/i18n';
import {
  Button,
  CheckboxField,
  EmptyState,
  ErrorState,
  SelectField,
  TableHead,
  TextField,
  useToast,
} from '../../app/ui';
import type { ContentRights } from './index';
import { messages } from './messages';
import {
  cleanField,
  FIELD_TYPES,
  type Field,
  ITEM_TYPES,
  type Model,
  newField,
  titleOf,
  UNIQUE_TYPES,
} from './model';

/** The list of content models, with the designer for a new or an existing one. */
export function Models({
  appId,
  models,
  rights,
  onChanged,
}: {
  appId: string;
  models: Model[];
  rights: ContentRights;
  onChanged: () => void;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const toast = useToast();
  const reasonId = useId();
  const [editing, setEditing] = useState<Model | 'new' | null>(null);
  const base = path('/api/apps/:appId/cms/models', { appId });
  const locked = rights.design
    ? {}
    : { disabled: true, 'aria-describedby': reasonId, title: t('onlyDevelopers') };

  const remove = async (model: Model) => {
    if (!globalThis.confirm(t('confirmDeleteModel', { name: model.name }))) return;
    const url = `${base}/${encodeURIComponent(model.name)}`;
    try {
      try {
        await api.del(url);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 409)) throw error;
        if (!globalThis.confirm(t('confirmDropEntries', { message: error.message }))) return;
        await api.del(`${url}?dropEntries=true`);
      }
      toast(t('modelDeleted', { name: model.name }), 'success');
      onChanged();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  };

  if (editing)
    return (
      <ModelDesigner
        appId={appId}
        initial={editing === 'new' ? null : editing}
        models={models}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          toast(t('modelSaved', { name }), 'success');
          setEditing(null);
          onChanged();
        }}
      />
    );

  return (
    <section aria-label={t('modelList')}>
      <div className="toolbar">
        <h2 className="cms-heading">{t('modelList')}</h2>
        <Button variant="primary" onClick={() => setEditing('new')} {...locked}>
          {t('newModel')}
        </Button>
        {rights.design ? null : (
          <span id={reasonId} className="cms-note">
            {t('onlyDevelopers')}
          </span>
        )}
      </div>
      {models.length === 0 ? <EmptyState title={t('noModels')}>{t('noModelsHint')}</EmptyState> : null}
      {models.length > 0 ? (
        <table className="table">
          <TableHead
            columns={[t('modelName'), t('titleEn'), t('fields')]}
            actions={t('editModel', { name: '' })}
          />
          <tbody>
            {models.map((model) => (
              <tr key={model.name}>
                <td>
                  <code>{model.name}</code>
                  {model.publicRead ? <span className="cms-badge">public</span> : null}
                </td>
                <td>{titleOf(model, locale)}</td>
                <td>{t('fieldsCount', { count: model.fields.length })}</td>
                <td className="row-actions">
                  <Button
                    variant="ghost"
                    aria-label={t('editModel', { name: model.name })}
                    onClick={() => setEditing(model)}
                    {...locked}
                  >
                    {t('editModel', { name: '' }).trim()}
                  </Button>
                  <Button
                    variant="ghost"
                    aria-label={t('deleteModel', { name: model.name })}
                    onClick={() => void remove(model)}
                    {...locked}
                  >
                    {t('deleteModel', { name: '' }).trim()}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

interface Preview {
  field: string;
  change: string;
  affected: number;
}

/** Creates or changes a model: its settings and a field builder (one fieldset per field). */
function ModelDesigner({
  appId,
  initial,
  models,
  onClose,
  onSaved,
}: {
  appId: string;
  initial: Model | null;
  models: Model[];
  onClose: () => void;
  onSaved: (name: string) => void;
}): ReactNode {
  const t = useT(messages);
  const [model, setModel] = useState<Model>(
    () =>
      initial ?? {
        name: '',
        title: {},
        publicRead: false,
        locales: ['zh-CN', 'en'],
        defaultLocale: 'zh-CN',
        fields: [{ name: 'title', type: 'text', required: true }],
      },
  );
  const [localesText, setLocalesText] = useState((initial?.locales ?? ['zh-CN', 'en']).join(', '));
  const [defaults, setDefaults] = useState<string[]>(() =>
    model.fields.map((f) => (f.default === undefined ? '' : JSON.stringify(f.default))),
  );
  const [nested, setNested] = useState<string[]>(() =>
    model.fields.map((f) => JSON.stringify(f.fields ?? f.items?.fields ?? [], null, 2)),
  );
  const [error, setError] = useState<unknown>();
  const [preview, setPreview] = useState<Preview[] | null>(null);
  const [busy, setBusy] = useState(false);
  const base = path('/api/apps/:appId/cms/models', { appId });

  const setField = (index: number, change: Partial<Field>) =>
    setModel((m) => ({
      ...m,
      fields: m.fields.map((f, i) => (i === index ? ({ ...f, ...change } as Field) : f)),
    }));
  const moveField = (index: number, by: number) => {
    const swap = <T,>(list: T[]): T[] => {
      const copy = [...list];
      const [item] = copy.splice(index, 1);
      copy.splice(index + by, 0, item as T);
      return copy;
    };
    setModel((m) => ({ ...m, fields: swap(m.fields) }));
    setDefaults(swap);
    setNested(swap);
  };
  const removeField = (index: number) => {
    setModel((m) => ({ ...m, fields: m.fields.filter((_, i) => i !== index) }));
    setDefaults((list) => list.filter((_, i) => i !== index));
    setNested((list) => list.filter((_, i) => i !== index));
  };

  /** The model as the server wants it, or a message saying which JSON box is wrong. */
  const build = (): Model | string => {
    const locales = localesText
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const fields: Field[] = [];
    for (const [index, raw] of model.fields.entries()) {
      const field: Field = { ...raw };
      const defaultText = defaults[index]?.trim() ?? '';
      delete field.default;
      if (defaultText) {
        try {
          field.default = JSON.parse(defaultText);
        } catch (e) {
          return t('badJson', {
            what: `${t('fieldN', { n: index + 1 })} ${t('defaultValue')}`,
            message: (e as Error).message,
          });
        }
      }
      const nestedNeeded =
        field.type === 'object' || (field.type === 'array' && field.items?.type === 'object');
      if (nestedNeeded) {
        try {
          const list = JSON.parse(nested[index] || '[]') as Field[];
          if (field.type === 'object') field.fields = list;
          else if (field.items) field.items = { ...field.items, fields: list };
        } catch (e) {
          return t('badJson', {
            what: `${t('fieldN', { n: index + 1 })} ${t('nestedFields')}`,
            message: (e as Error).message,
          });
        }
      }
      if (field.type === 'array' && field.items) {
        const items = { ...field.items };
        if (items.type !== 'enum') delete items.options;
        if (items.type !== 'reference') delete items.model;
        if (items.type !== 'object') delete items.fields;
        field.items = items;
      }
      fields.push(cleanField(field));
    }
    const title = Object.fromEntries(Object.entries(model.title ?? {}).filter(([, v]) => v));
    const out: Model = {
      name: model.name,
      ...(Object.keys(title).length > 0 ? { title } : {}),
      ...(model.description ? { description: model.description } : {}),
      publicRead: Boolean(model.publicRead),
      locales,
      defaultLocale:
        model.defaultLocale && locales.includes(model.defaultLocale)
          ? model.defaultLocale
          : (locales[0] ?? 'zh-CN'),
      fields,
    };
    return out;
  };

  const save = async (drop?: string[]) => {
    const body = build();
    if (typeof body === 'string') {
      setError(new Error(body));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (initial)
        await api.put(`${base}/${encodeURIComponent(initial.name)}`, {
          model: body,
          ...(drop ? { migration: { drop } } : {}),
        });
      else await api.post(base, body);
      onSaved(body.name);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && Array.isArray(e.body.preview))
        setPreview((e.body.preview as Preview[]).filter((p) => p.affected > 0));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Problems at /fields/<index>/... (POST) or /model/fields/<index>/... (PUT) belong to that field.
  const detailsAt = (index: number): string[] =>
    error instanceof ApiError
      ? error.details
          .filter((d) => new RegExp(`^(/model)?/fields/${index}(/|$)`).test(d.pointer))
          .map((d) => d.message)
      : [];

  const typeOptions = FIELD_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }));
  const otherModels = models.filter((m) => m.name !== model.name).map((m) => m.name);
  const refOptions = [
    { value: '', label: '—' },
    ...[model.name, ...otherModels].filter(Boolean).map((n) => ({ value: n, label: n })),
  ];
  const locales = localesText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  return (
    <form
      className="cms-designer"
      aria-label={initial ? t('editModel', { name: initial.name }) : t('newModel')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="toolbar">
        <h2 className="cms-heading">{initial ? t('editModel', { name: initial.name }) : t('newModel')}</h2>
      </div>
      <div className="cms-grid">
        <TextField
          label={t('modelName')}
          hint={t('modelNameHint')}
          value={model.name}
          required
          readOnly={initial !== null}
          pattern="^[a-z][a-zA-Z0-9_]{0,63}$"
          onChange={(event) => setModel({ ...model, name: event.target.value })}
        />
        <TextField
          label={t('titleEn')}
          value={model.title?.en ?? ''}
          onChange={(event) => setModel({ ...model, title: { ...model.title, en: event.target.value } })}
        />
        <TextField
          label={t('titleZh')}
          value={model.title?.['zh-CN'] ?? ''}
          onChange={(event) => setModel({ ...model, title: { ...model.title, 'zh-CN': event.target.value } })}
        />
        <TextField
          label={t('description')}
          value={model.description ?? ''}
          onChange={(event) => setModel({ ...model, description: event.target.value })}
        />
        <TextField
          label={t('locales')}
          value={localesText}
          onChange={(event) => setLocalesText(event.target.value)}
        />
        <SelectField
          label={t('defaultLocale')}
          value={model.defaultLocale ?? locales[0] ?? ''}
          options={locales.map((l) => ({ value: l, label: l }))}
          onChange={(event) => setModel({ ...model, defaultLocale: event.target.value })}
        />
      </div>
      <CheckboxField
        label={t('publicRead')}
        checked={Boolean(model.publicRead)}
        onChange={(event) => setModel({ ...model, publicRead: event.target.checked })}
      />

      <h3>{t('fields')}</h3>
      {model.fields.map((field, index) => {
        const n = index + 1;
        const problems = detailsAt(index);
        const v = field.validation ?? {};
        const setValidation = (key: keyof NonNullable<Field['validation']>, text: string) =>
          setField(index, {
            validation: {
              ...v,
              [key]: key === 'pattern' ? text || undefined : text === '' ? undefined : Number(text),
            },
          });
        const isText = ['text', 'longText', 'richText', 'markdown'].includes(field.type);
        const counts = ['number', 'array', 'media', 'reference'].includes(field.type);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: fields are edited in place; their names change while typing
          <fieldset key={index} className={`cms-field${problems.length ? ' invalid' : ''}`}>
            <legend>
              {t('fieldN', { n })}
              {field.name ? ` · ${field.name}` : ''}
            </legend>
            <div className="cms-grid">
              <TextField
                label={t('fieldName')}
                value={field.name}
                required
                onChange={(event) => setField(index, { name: event.target.value })}
              />
              <SelectField
                label={t('fieldType')}
                value={field.type}
                options={typeOptions}
                onChange={(event) => {
                  const type = event.target.value as Field['type'];
                  setField(index, {
                    type,
                    ...(type === 'enum' && !field.options ? { options: ['a', 'b'] } : {}),
                    ...(type === 'array' && !field.items ? { items: { type: 'text' } } : {}),
                  });
                }}
              />
              <TextField
                label={t('labelEn')}
                value={field.title?.en ?? ''}
                onChange={(event) => setField(index, { title: { ...field.title, en: event.target.value } })}
              />
              <TextField
                label={t('labelZh')}
                value={field.title?.['zh-CN'] ?? ''}
                onChange={(event) =>
                  setField(index, { title: { ...field.title, 'zh-CN': event.target.value } })
                }
              />
              <TextField
                label={t('helpText')}
                value={field.description ?? ''}
                onChange={(event) => setField(index, { description: event.target.value })}
              />
              {field.type !== 'autoNumber' ? (
                <TextField
                  label={t('defaultValue')}
                  className="code-input"
                  value={defaults[index] ?? ''}
                  onChange={(event) =>
                    setDefaults((list) => list.map((d, i) => (i === index ? event.target.value : d)))
                  }
                />
              ) : null}
            </div>
            <div className="cms-checks">
              {(
                [
                  ['required', true],
                  ['unique', UNIQUE_TYPES.has(field.type) && !field.localised],
                  ['localised', field.type !== 'autoNumber'],
                  ['hidden', true],
                ] as const
              ).map(([key, allowed]) =>
                allowed ? (
                  <CheckboxField
                    key={key}
                    label={t(key)}
                    checked={Boolean(field[key])}
                    onChange={(event) => setField(index, { [key]: event.target.checked })}
                  />
                ) : null,
              )}
              {field.type === 'reference' ? (
                <CheckboxField
                  label={t('many')}
                  checked={Boolean(field.many)}
                  onChange={(event) => setField(index, { many: event.target.checked })}
                />
              ) : null}
            </div>
            <div className="cms-grid">
              {counts ? (
                <>
                  <TextField
                    label={t('minValue')}
                    type="number"
                    value={v.min ?? ''}
                    onChange={(event) => setValidation('min', event.target.value)}
                  />
                  <TextField
                    label={t('maxValue')}
                    type="number"
                    value={v.max ?? ''}
                    onChange={(event) => setValidation('max', event.target.value)}
                  />
                </>
              ) : null}
              {isText ? (
                <>
                  <TextField
                    label={t('minLength')}
                    type="number"
                    min={0}
                    value={v.minLength ?? ''}
                    onChange={(event) => setValidation('minLength', event.target.value)}
                  />
                  <TextField
                    label={t('maxLength')}
                    type="number"
                    min={0}
                    value={v.maxLength ?? ''}
                    onChange={(event) => setValidation('maxLength', event.target.value)}
                  />
                  <TextField
                    label={t('pattern')}
                    className="code-input"
                    value={v.pattern ?? ''}
                    onChange={(event) => setValidation('pattern', event.target.value)}
                  />
                </>
              ) : null}
              {field.type === 'enum' ? (
                <OptionsField
                  label={t('enumOptions')}
                  options={field.options ?? []}
                  onChange={(options) => setField(index, { options })}
                />
              ) : null}
              {field.type === 'reference' ? (
                <SelectField
                  label={t('refModel')}
                  value={field.model ?? ''}
                  options={refOptions}
                  onChange={(event) => setField(index, { model: event.target.value || undefined })}
                />
              ) : null}
              {field.type === 'array' ? (
                <>
                  <SelectField
                    label={t('itemType')}
                    value={field.items?.type ?? 'text'}
                    options={ITEM_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
                    onChange={(event) =>
                      setField(index, {
                        items: {
                          ...field.items,
                          type: event.target.value as NonNullable<Field['items']>['type'],
                        },
                      })
                    }
                  />
                  {field.items?.type === 'enum' ? (
                    <OptionsField
                      label={t('enumOptions')}
                      options={field.items.options ?? []}
                      onChange={(options) =>
                        setField(index, { items: { type: 'enum', ...field.items, options } })
                      }
                    />
                  ) : null}
                  {field.items?.type === 'reference' ? (
                    <SelectField
                      label={t('refModel')}
                      value={field.items.model ?? ''}
                      options={refOptions}
                      onChange={(event) =>
                        setField(index, {
                          items: {
                            type: 'reference',
                            ...field.items,
                            model: event.target.value || undefined,
                          },
                        })
                      }
                    />
                  ) : null}
                </>
              ) : null}
            </div>
            {field.type === 'object' || (field.type === 'array' && field.items?.type === 'object') ? (
              <NestedFields
                label={t('nestedFields')}
                value={nested[index] ?? '[]'}
                onChange={(text) => setNested((list) => list.map((d, i) => (i === index ? text : d)))}
              />
            ) : null}
            {problems.length > 0 ? (
              <ul className="field-error" role="alert">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
            <div className="toolbar cms-field-actions">
              <Button
                variant="ghost"
                aria-label={t('moveUp', { n })}
                disabled={index === 0}
                onClick={() => moveField(index, -1)}
              >
                ↑
              </Button>
              <Button
                variant="ghost"
                aria-label={t('moveDown', { n })}
                disabled={index === model.fields.length - 1}
                onClick={() => moveField(index, 1)}
              >
                ↓
              </Button>
              <Button variant="ghost" aria-label={t('removeField', { n })} onClick={() => removeField(index)}>
                {t('removeField', { n: '' }).trim()}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div className="toolbar">
        <Button
          onClick={() => {
            setModel((m) => ({ ...m, fields: [...m.fields, newField(m.fields)] }));
            setDefaults((list) => [...list, '']);
            setNested((list) => [...list, '[]']);
          }}
        >
          {t('addField')}
        </Button>
      </div>
      {error ? <ErrorState error={error} /> : null}
      {preview && preview.length > 0 ? (
        <div className="card cms-preview" role="alert">
          <p>{t('dataLoss')}</p>
          <ul>
            {preview.map((p) => (
              <li key={p.field}>
                {t('dataLossItem', { field: p.field, change: p.change, affected: p.affected })}
              </li>
            ))}
          </ul>
          <Button variant="danger" busy={busy} onClick={() => void save(preview.map((p) => p.field))}>
            {t('dropAndSave')}
          </Button>
        </div>
      ) : null}
      <div className="toolbar cms-sticky">
        <Button type="submit" variant="primary" busy={busy}>
          {t('saveModel')}
        </Button>
        <Button onClick={onClose}>{t('cancel')}</Button>
      </div>
    </form>
  );
}

function OptionsField({
  label,
  options,
  onChange,
}: {
  label: string;
  options: (string | number)[];
  onChange: (options: (string | number)[]) => void;
}): ReactNode {
  const id = useId();
  const [text, setText] = useState(options.join('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(
            event.target.value
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        }}
      />
    </div>
  );
}

function NestedFields({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        className="code-area"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
