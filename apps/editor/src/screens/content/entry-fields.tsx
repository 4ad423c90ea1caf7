import { type ReactNode, useId, useRef, useState } from 'react';
import { api, path } from '../../app/api';
import { useLocale, useT } from '../../app/i18n';
import { Button, useAsync } from '../../app/ui';
import { MediaChip, MediaPicker } from './media';
import { messages } from './messages';
import {
  type Entry,
  entryLabel,
  type Field,
  isoToLocalInput,
  localInputToIso,
  type Model,
  titleOf,
} from './model';

interface ControlProps {
  appId: string;
  field: Field;
  models: Model[];
  label: string;
  value: unknown;
  disabled: boolean;
  errorId?: string;
  invalid: boolean;
  onChange: (value: unknown) => void;
}

/** One field of the entry form: its label, control (by type), help text and server problems. */
export function EntryField({
  appId,
  field,
  models,
  value,
  locale,
  disabled,
  problems,
  onChange,
}: {
  appId: string;
  field: Field;
  models: Model[];
  value: unknown;
  /** The locale being edited, shown next to localised fields. */
  locale: string | null;
  disabled: boolean;
  problems: string[];
  onChange: (value: unknown) => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const id = useId();
  const label = `${titleOf(field, ui)}${field.localised && locale ? ` (${locale})` : ''}`;
  const errorId = `${id}-error`;
  const grouped =
    field.type === 'boolean' ||
    field.type === 'geo' ||
    field.type === 'media' ||
    field.type === 'richText' ||
    field.type === 'image' ||
    field.type === 'file' ||
    (field.type === 'reference' && field.many);
  return (
    <div className={`field cms-entry-field${problems.length ? ' invalid' : ''}`} data-field={field.name}>
      {grouped ? (
        <span className="cms-label" id={`${id}-label`}>
          {label}
          {field.required ? ' *' : ''}
        </span>
      ) : (
        <label htmlFor={id}>
          {label}
          {field.required ? ' *' : ''}
        </label>
      )}
      <Control
        id={id}
        labelId={`${id}-label`}
        appId={appId}
        field={field}
        models={models}
        label={label}
        value={value}
        disabled={disabled}
        invalid={problems.length > 0}
        {...(problems.length ? { errorId } : {})}
        onChange={onChange}
      />
      {field.description ? <div className="field-hint">{field.description}</div> : null}
      {field.type === 'autoNumber' ? <div className="field-hint">{t('autoNumberHint')}</div> : null}
      {problems.length > 0 ? (
        <div id={errorId} className="field-error" role="alert">
          {problems.join('; ')}
        </div>
      ) : null}
    </div>
  );
}

/** The HTML input type of each field type that is edited as plain text in one input. */
const TEXT_INPUT_TYPES = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  url: 'url',
  date: 'date',
  time: 'time',
} as const;

function Control(props: ControlProps & { id: string; labelId: string }): ReactNode {
  const { id, field, value, disabled, onChange, errorId, invalid } = props;
  const aria = {
    'aria-invalid': invalid || undefined,
    'aria-describedby': errorId,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  switch (field.type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
    case 'date':
    case 'time':
      return (
        <input
          id={id}
          type={TEXT_INPUT_TYPES[field.type]}
          value={text}
          disabled={disabled}
          {...aria}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'longText':
    case 'markdown':
      return (
        <textarea
          id={id}
          rows={field.type === 'markdown' ? 8 : 4}
          value={text}
          disabled={disabled}
          {...aria}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'json':
    case 'object':
    case 'array':
      return (
        <textarea
          id={id}
          rows={5}
          className="code-area"
          value={text}
          disabled={disabled}
          spellCheck={false}
          {...aria}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          type="number"
          value={typeof value === 'number' ? value : ''}
          disabled={disabled}
          {...aria}
          onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
        />
      );
    case 'autoNumber':
      return <input id={id} type="text" value={text} readOnly disabled />;
    case 'boolean':
      return (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value === true}
            disabled={disabled}
            aria-labelledby={props.labelId}
            {...aria}
            onChange={(event) => onChange(event.target.checked)}
          />
        </label>
      );
    case 'datetime':
      return (
        <input
          id={id}
          type="datetime-local"
          value={isoToLocalInput(text)}
          disabled={disabled}
          {...aria}
          onChange={(event) => onChange(localInputToIso(event.target.value))}
        />
      );
    case 'enum':
      return (
        <select
          id={id}
          value={value === undefined || value === null ? '' : String(value)}
          disabled={disabled}
          {...aria}
          onChange={(event) => {
            const chosen = field.options?.find((o) => String(o) === event.target.value);
            onChange(chosen ?? null);
          }}
        >
          <option value="">—</option>
          {(field.options ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
    case 'geo':
      return <GeoControl {...props} />;
    case 'image':
    case 'file':
    case 'media':
      return <MediaControl {...props} />;
    case 'reference':
      return <ReferenceControl {...props} />;
    case 'richText':
      return <RichText {...props} />;
    default:
      return null;
  }
}

function GeoControl({
  field,
  value,
  disabled,
  onChange,
  labelId,
}: ControlProps & { labelId: string }): ReactNode {
  const t = useT(messages);
  const point = (value && typeof value === 'object' ? value : {}) as { lat?: number; lng?: number };
  const set = (key: 'lat' | 'lng', text: string) => {
    const next = { ...point, [key]: text === '' ? undefined : Number(text) };
    onChange(next.lat === undefined && next.lng === undefined ? null : next);
  };
  return (
    <fieldset className="cms-inline" aria-labelledby={labelId} data-name={field.name}>
      <label>
        {t('lat')}
        <input
          type="number"
          step="any"
          value={point.lat ?? ''}
          disabled={disabled}
          onChange={(event) => set('lat', event.target.value)}
        />
      </label>
      <label>
        {t('lng')}
        <input
          type="number"
          step="any"
          value={point.lng ?? ''}
          disabled={disabled}
          onChange={(event) => set('lng', event.target.value)}
        />
      </label>
    </fieldset>
  );
}

function MediaControl({
  appId,
  field,
  label,
  value,
  disabled,
  onChange,
  labelId,
}: ControlProps & { labelId: string }): ReactNode {
  const t = useT(messages);
  const [picking, setPicking] = useState(false);
  const gallery = field.type === 'media';
  const ids = gallery
    ? Array.isArray(value)
      ? (value as string[])
      : []
    : typeof value === 'string' && value
      ? [value]
      : [];
  return (
    <fieldset className="cms-media-control" aria-labelledby={labelId}>
      {ids.length === 0 ? <span className="field-hint">{t('noValue')}</span> : null}
      {ids.map((id) => (
        <span key={id} className="cms-chip-row">
          <MediaChip appId={appId} id={id} />
          {!disabled ? (
            <Button
              variant="ghost"
              aria-label={t('removeItem', { name: `${label} ${id}` })}
              onClick={() => onChange(gallery ? ids.filter((x) => x !== id) : null)}
            >
              ×
            </Button>
          ) : null}
        </span>
      ))}
      <Button
        disabled={disabled}
        aria-label={`${gallery ? t('addMedia') : t('chooseMedia')}: ${label}`}
        onClick={() => setPicking(true)}
      >
        {gallery ? t('addMedia') : t('chooseMedia')}
      </Button>
      {picking ? (
        <MediaPicker
          appId={appId}
          imagesOnly={field.type === 'image'}
          onClose={() => setPicking(false)}
          onPick={(file) => {
            setPicking(false);
            onChange(gallery ? [...ids.filter((x) => x !== file.id), file.id] : file.id);
          }}
        />
      ) : null}
    </fieldset>
  );
}

function ReferenceControl({
  id,
  appId,
  field,
  models,
  value,
  disabled,
  onChange,
  labelId,
  errorId,
  invalid,
}: ControlProps & { id: string; labelId: string }): ReactNode {
  const t = useT(messages);
  const target = models.find((m) => m.name === field.model);
  const options = useAsync(
    async (signal) =>
      target
        ? (
            await api.get<{ data: Entry[] }>(
              `${path('/api/apps/:appId/cms/models/:model/entries', { appId, model: target.name })}?limit=100`,
              { signal },
            )
          ).data
        : [],
    [appId, target?.name],
  );
  const entries = options.data ?? [];
  if (field.many) {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset className="cms-inline cms-refs" aria-labelledby={labelId}>
        {entries.length === 0 ? <span className="field-hint">{t('noValue')}</span> : null}
        {entries.map((entry) => (
          <label key={entry._id} className="checkbox">
            <input
              type="checkbox"
              disabled={disabled}
              checked={chosen.includes(entry._id)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...chosen, entry._id] : chosen.filter((x) => x !== entry._id),
                )
              }
            />
            {target ? entryLabel(target, entry) : entry._id}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <select
      id={id}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-describedby={errorId}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">—</option>
      {typeof value === 'string' && value && !entries.some((e) => e._id === value) ? (
        <option value={value}>{value}</option>
      ) : null}
      {entries.map((entry) => (
        <option key={entry._id} value={entry._id}>
          {target ? entryLabel(target, entry) : entry._id}
        </option>
      ))}
    </select>
  );
}

/** A small rich-text editor (contenteditable); the server sanitises the HTML on save. */
function RichText({
  value,
  disabled,
  onChange,
  labelId,
  label,
  errorId,
  invalid,
}: ControlProps & { labelId: string }): ReactNode {
  const t = useT(messages);
  const ref = useRef<HTMLDivElement>(null);
  const html = typeof value === 'string' ? value : '';
  // Keep the DOM as the source of truth while typing; reset it only when the value changes from outside.
  if (ref.current && ref.current.innerHTML !== html && document.activeElement !== ref.current)
    ref.current.innerHTML = html;
  const command = (name: string, argument?: string) => {
    ref.current?.focus();
    document.execCommand(name, false, argument);
    onChange(ref.current?.innerHTML ?? '');
  };
  return (
    <div className="cms-rich">
      <div className="cms-rich-bar" role="toolbar" aria-label={t('formatting', { field: label })}>
        <Button variant="ghost" disabled={disabled} aria-label={t('bold')} onClick={() => command('bold')}>
          <b>B</b>
        </Button>
        <Button
          variant="ghost"
          disabled={disabled}
          aria-label={t('italic')}
          onClick={() => command('italic')}
        >
          <i>I</i>
        </Button>
        <Button
          variant="ghost"
          disabled={disabled}
          aria-label={t('bulletList')}
          onClick={() => command('insertUnorderedList')}
        >
          •
        </Button>
        <Button
          variant="ghost"
          disabled={disabled}
          aria-label={t('link')}
          onClick={() => {
            const url = globalThis.prompt(t('linkUrl'));
            if (url && /^(https?:|mailto:|tel:)/i.test(url)) command('createLink', url);
          }}
        >
          🔗
        </Button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: rich text needs contenteditable, which a textarea is not */}
      <div
        ref={(node) => {
          ref.current = node;
          if (node && node.innerHTML === '' && html) node.innerHTML = html;
        }}
        className="cms-rich-area"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-invalid={invalid || undefined}
        aria-describedby={errorId}
        tabIndex={0}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={(event) => onChange((event.target as HTMLDivElement).innerHTML)}
      />
    </div>
  );
}
