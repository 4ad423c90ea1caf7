import { createElement as h, type ReactNode, useState } from 'react';
import { unavailable, useImage } from './image-source';
import { cls, num, options, str } from './shared';
import type { WebComponentProps } from './types';

export function Form(c: WebComponentProps) {
  return h(
    'form',
    {
      id: c.id,
      className: cls('t-form', `t-form--${str(c.props.layout, 'vertical')}`),
      style: c.style,
      noValidate: true,
      onSubmit: (e: { preventDefault(): void }) => {
        e.preventDefault();
        c.form.submit();
      },
      onReset: (e: { preventDefault(): void }) => {
        e.preventDefault();
        c.form.reset();
      },
    },
    h('fieldset', { disabled: c.props.disabled === true, className: 't-form__fields' }, c.children),
  );
}

/** Label, control and error message wired together for screen readers. */
function field(
  c: WebComponentProps,
  control: (ids: { input: string; described?: string; invalid: boolean }) => ReactNode,
  asGroup = false,
) {
  const input = `${c.id}-input`;
  const errorId = `${c.id}-error`;
  const error = c.field.error;
  const label = str(c.props.label);
  const required = c.props.required === true;
  const labelContent = [
    label,
    required ? h('span', { key: 'r', className: 't-required', 'aria-hidden': true }, ' *') : null,
  ];
  const ids = { input, described: error ? errorId : undefined, invalid: Boolean(error) };
  const errorNode = h(
    'p',
    { id: errorId, className: 't-field__error', role: error ? 'alert' : undefined },
    error,
  );
  if (asGroup)
    return h(
      'fieldset',
      {
        id: c.id,
        className: 't-field',
        style: c.style,
        'aria-describedby': ids.described,
        'aria-invalid': ids.invalid || undefined,
      },
      h('legend', { className: 't-field__label' }, ...labelContent),
      control(ids),
      errorNode,
    );
  return h(
    'div',
    { id: c.id, className: 't-field', style: c.style },
    h('label', { htmlFor: input, className: 't-field__label' }, ...labelContent),
    control(ids),
    errorNode,
  );
}

const common = (c: WebComponentProps, ids: { input: string; described?: string; invalid: boolean }) => ({
  id: ids.input,
  name: str(c.props.name) || undefined,
  disabled: c.props.disabled === true,
  required: c.props.required === true,
  'aria-invalid': ids.invalid || undefined,
  'aria-describedby': ids.described,
  onFocus: c.has('focus') ? () => c.fire('focus') : undefined,
  onBlur: c.has('blur') ? () => c.fire('blur') : undefined,
});

const INPUT_TYPES: Record<string, string> = {
  text: 'text',
  number: 'number',
  tel: 'tel',
  email: 'email',
  password: 'password',
  idcard: 'text',
  digit: 'number',
  url: 'url',
};

export function Input(c: WebComponentProps) {
  const maxLength = num(c.props.maxLength, 0);
  return field(c, (ids) =>
    h('input', {
      ...common(c, ids),
      className: 't-input',
      type: INPUT_TYPES[str(c.props.inputType, 'text')] ?? 'text',
      value: str(c.field.value),
      placeholder: str(c.props.placeholder) || undefined,
      readOnly: c.props.readonly === true,
      maxLength: maxLength > 0 ? maxLength : undefined,
      onChange: (e: { target: { value: string } }) => c.field.set(e.target.value),
      onKeyDown: (e: { key: string }) => {
        if (e.key === 'Enter' && c.has('confirm')) c.fire('confirm', { value: c.field.value });
      },
    }),
  );
}

export function Textarea(c: WebComponentProps) {
  const maxLength = num(c.props.maxLength, 0);
  const value = str(c.field.value);
  return field(c, (ids) => [
    h('textarea', {
      key: 'a',
      ...common(c, ids),
      className: 't-input t-textarea',
      rows: num(c.props.rows, 4),
      value,
      placeholder: str(c.props.placeholder) || undefined,
      maxLength: maxLength > 0 ? maxLength : undefined,
      onChange: (e: { target: { value: string } }) => c.field.set(e.target.value),
    }),
    c.props.showCount !== false && maxLength > 0
      ? h('span', { key: 'n', className: 't-count', 'aria-live': 'polite' }, `${value.length}/${maxLength}`)
      : null,
  ]);
}

export function NumberInput(c: WebComponentProps) {
  return field(c, (ids) =>
    h('input', {
      ...common(c, ids),
      className: 't-input',
      type: 'number',
      inputMode: 'decimal',
      min: num(c.props.min, 0),
      max: num(c.props.max, 999999),
      step: num(c.props.step, 1),
      value: c.field.value === null || c.field.value === undefined ? '' : str(c.field.value),
      onChange: (e: { target: { value: string } }) =>
        c.field.set(e.target.value === '' ? null : Number(e.target.value)),
    }),
  );
}

export function Select(c: WebComponentProps) {
  const list = options(c.props.options);
  const multiple = c.props.multiple === true;
  const current = c.field.value;
  const indexOf = (value: unknown) =>
    list.findIndex((option) => Object.is(option.value, value) || String(option.value) === String(value));
  return field(c, (ids) =>
    h(
      'select',
      {
        ...common(c, ids),
        className: 't-input t-select',
        multiple,
        value: multiple
          ? Array.isArray(current)
            ? current.map((v) => String(indexOf(v)))
            : []
          : String(indexOf(current)),
        onChange: (e: { target: { value: string; selectedOptions: ArrayLike<{ value: string }> } }) => {
          if (multiple)
            c.field.set(Array.from(e.target.selectedOptions, (o) => list[Number(o.value)]?.value));
          else c.field.set(list[Number(e.target.value)]?.value ?? null);
        },
      },
      multiple ? null : h('option', { value: '-1', disabled: true }, str(c.props.placeholder)),
      ...list.map((option, i) => h('option', { key: i, value: String(i) }, option.label)),
    ),
  );
}

export function RadioGroup(c: WebComponentProps) {
  const list = options(c.props.options);
  return field(
    c,
    (ids) =>
      h(
        'div',
        {
          className: cls('t-choices', `t-choices--${str(c.props.direction, 'horizontal')}`),
          role: 'radiogroup',
        },
        ...list.map((option, i) =>
          h(
            'label',
            { key: i, className: 't-choice' },
            h('input', {
              type: 'radio',
              name: `${ids.input}`,
              id: i === 0 ? ids.input : undefined,
              disabled: c.props.disabled === true || option.disabled === true,
              checked: Object.is(c.field.value, option.value),
              onChange: () => c.field.set(option.value),
            }),
            ` ${option.label}`,
          ),
        ),
      ),
    true,
  );
}

export function CheckboxGroup(c: WebComponentProps) {
  const list = options(c.props.options);
  const chosen = Array.isArray(c.field.value) ? (c.field.value as unknown[]) : [];
  const max = num(c.props.max, 0);
  return field(
    c,
    (ids) =>
      h(
        'div',
        { className: cls('t-choices', `t-choices--${str(c.props.direction, 'horizontal')}`) },
        ...list.map((option, i) => {
          const checked = chosen.some((v) => Object.is(v, option.value));
          return h(
            'label',
            { key: i, className: 't-choice' },
            h('input', {
              type: 'checkbox',
              id: i === 0 ? ids.input : undefined,
              disabled:
                c.props.disabled === true ||
                option.disabled === true ||
                (!checked && max > 0 && chosen.length >= max),
              checked,
              onChange: () =>
                c.field.set(
                  checked ? chosen.filter((v) => !Object.is(v, option.value)) : [...chosen, option.value],
                ),
            }),
            ` ${option.label}`,
          );
        }),
      ),
    true,
  );
}

export function Switch(c: WebComponentProps) {
  return field(c, (ids) =>
    h('input', {
      ...common(c, ids),
      className: 't-switch',
      type: 'checkbox',
      role: 'switch',
      checked: c.field.value === true,
      'aria-checked': c.field.value === true,
      onChange: (e: { target: { checked: boolean } }) => c.field.set(e.target.checked),
    }),
  );
}

export function DatePicker(c: WebComponentProps) {
  const mode = str(c.props.mode, 'date');
  return field(c, (ids) =>
    h('input', {
      ...common(c, ids),
      className: 't-input',
      type:
        mode === 'time'
          ? 'time'
          : mode === 'datetime'
            ? 'datetime-local'
            : mode === 'month'
              ? 'month'
              : 'date',
      min: str(c.props.min) || undefined,
      max: str(c.props.max) || undefined,
      value: str(c.field.value),
      onChange: (e: { target: { value: string } }) => c.field.set(e.target.value),
    }),
  );
}

/** One uploaded file: a thumbnail for images (its cloud id resolved to an address), else its name. */
function UploadedFile({ file, image, locale }: { file: unknown; image: boolean; locale: string }) {
  const record = (file ?? {}) as { name?: unknown; fileID?: unknown };
  const id = typeof file === 'string' ? file : str(record.fileID);
  const name = str(record.name) || id.split('/').at(-1) || id;
  const shown = useImage(image ? file : null);
  // An address that fails to load (deleted file, expired link) shows as broken, as an Image does.
  const [failed, setFailed] = useState('');
  if (!image) return h('li', null, name);
  if (shown.state === 'broken' || (shown.state === 'ready' && failed === shown.src))
    return h('li', { className: 't-upload__file t-image--broken' }, `${name} (${unavailable(locale)})`);
  const src = shown.state === 'ready' ? shown.src : undefined;
  return h(
    'li',
    { className: 't-upload__file' },
    h('img', {
      className: shown.state === 'loading' ? 't-upload__thumb t-image--loading' : 't-upload__thumb',
      src,
      alt: name,
      'aria-busy': shown.state === 'loading' || undefined,
      onError: () => src && setFailed(src),
    }),
  );
}

export function Upload(c: WebComponentProps) {
  const files = Array.isArray(c.field.value) ? (c.field.value as unknown[]) : [];
  const maxCount = num(c.props.maxCount, 9);
  return field(c, (ids) => [
    h(
      'ul',
      { key: 'l', className: 't-upload__files' },
      ...files.map((file, i) =>
        h(UploadedFile, { key: i, file, image: str(c.props.accept, 'image') === 'image', locale: c.locale }),
      ),
    ),
    h(
      'button',
      {
        key: 'b',
        ...common(c, ids),
        type: 'button',
        className: 't-button',
        disabled: c.props.disabled === true || files.length >= maxCount,
        onClick: async () => {
          const fileID = await c.upload({
            accept: str(c.props.accept, 'image'),
            folder: str(c.props.folder, 'uploads'),
            maxSizeMB: num(c.props.maxSize, 10),
          });
          if (fileID) c.field.set([...files, fileID]);
        },
      },
      c.locale.startsWith('zh') ? '选择文件' : 'Choose a file',
    ),
  ]);
}
