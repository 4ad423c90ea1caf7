import type { MpComponent, MpNodeContext } from './types';

// Label above, control, then the validation message: the same frame for every field.
const frame = (c: MpNodeContext, className: string, control: string) =>
  `<view${c.root(`t-field ${className}`)}><text class="t-field__label">${c.text('label')}</text>${control}<text class="t-field__error">${c.field().error}</text></view>`;

const fieldCss =
  '.t-field{margin-bottom:24rpx;}.t-field__label{display:block;color:var(--t-muted);font-size:26rpx;margin-bottom:8rpx;}.t-field__error{display:block;color:var(--t-danger);font-size:24rpx;}';

const inputType = (kind: unknown) =>
  kind === 'number'
    ? 'number'
    : kind === 'digit'
      ? 'digit'
      : kind === 'idcard'
        ? 'idcard'
        : kind === 'tel'
          ? 'number'
          : 'text';

export const Form: MpComponent = {
  wxml: (c) => `<view${c.root('t-form')} aria-role="form">${c.children()}</view>`,
  wxss: `.t-form{display:block;}${fieldCss}`,
};

export const Input: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-input-field',
      `<input class="t-input" value="${c.field().value}" type="${inputType(c.literal('inputType'))}" password="${c.literal('inputType') === 'password'}" placeholder="${c.attr('placeholder')}" disabled="${c.attr('disabled') || 'false'}" maxlength="${Number(c.literal('maxLength') ?? 0) > 0 ? c.attr('maxLength') : '-1'}"${c.field().change('input')}${c.on('focus', 'focus')}${c.on('blur', 'blur')}${c.on('confirm', 'confirm')}></input>`,
    ),
  wxss: '.t-input{border:1px solid var(--t-border);border-radius:var(--t-radius);padding:12rpx 16rpx;background:#fff;}',
};

export const Textarea: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-textarea-field',
      `<textarea class="t-textarea" value="${c.field().value}" placeholder="${c.attr('placeholder')}" disabled="${c.attr('disabled') || 'false'}" auto-height="${c.attr('autoHeight') || 'false'}" maxlength="${c.attr('maxLength') || '500'}"${c.field().change('input')}${c.on('focus', 'focus')}${c.on('blur', 'blur')}></textarea>`,
    ),
  wxss: '.t-textarea{border:1px solid var(--t-border);border-radius:var(--t-radius);padding:12rpx 16rpx;width:100%;box-sizing:border-box;background:#fff;}',
};

export const NumberInput: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-number-field',
      `<input class="t-input" type="digit" value="${c.field().value}" disabled="${c.attr('disabled') || 'false'}"${c.field().change('input')}${c.on('focus', 'focus')}${c.on('blur', 'blur')}></input>`,
    ),
  wxss: '',
};

export const Switch: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-switch-field',
      `<switch class="t-switch" checked="${c.field().value}" disabled="${c.attr('disabled') || 'false'}" color="var(--t-primary)"${c.field().change('change')}></switch>`,
    ),
  wxss: '',
};

export const Select: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-select-field',
      `<picker class="t-select" mode="selector" range="${c.attr('options')}" range-key="label" disabled="${c.attr('disabled') || 'false'}"${c.field().change('change')}><view class="t-select__value">${c.field().value}</view></picker>`,
    ),
  wxss: '.t-select{border:1px solid var(--t-border);border-radius:var(--t-radius);padding:12rpx 16rpx;background:#fff;}',
};

export const RadioGroup: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-radio-field',
      `<radio-group class="t-choices"${c.field().change('change')}><label wx:for="${c.attr('options')}" wx:key="value" class="t-choice"><radio value="{{item.value}}" checked="{{item.value === ${c.field().key}}}" disabled="{{item.disabled}}"></radio><text>{{item.label}}</text></label></radio-group>`,
    ),
  wxss: '.t-choices{display:flex;flex-wrap:wrap;gap:16rpx;}.t-choice{display:flex;align-items:center;}',
};

export const CheckboxGroup: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-checkbox-field',
      `<checkbox-group class="t-choices"${c.field().change('change')}><label wx:for="${c.attr('options')}" wx:key="value" class="t-choice"><checkbox value="{{item.value}}" disabled="{{item.disabled}}"></checkbox><text>{{item.label}}</text></label></checkbox-group>`,
    ),
  wxss: '',
};

export const DatePicker: MpComponent = {
  wxml: (c) =>
    frame(
      c,
      't-date-field',
      `<picker class="t-select" mode="${c.literal('mode') === 'time' ? 'time' : 'date'}" value="${c.field().value}" disabled="${c.attr('disabled') || 'false'}"${c.field().change('change')}><view class="t-select__value">${c.field().value}</view></picker>`,
    ),
  wxss: '',
};

export const Upload: MpComponent = {
  wxml: (c) => {
    const files = c.files();
    // Images show as thumbnails (cloud ids resolved by the runtime), other files by name.
    const list =
      (c.literal('accept') ?? 'image') === 'image'
        ? `<image wx:for="{{${files}}}" wx:for-item="$file" wx:key="index" class="t-upload__thumb t-image--{{$file.state}}" src="{{$file.src}}" data-src="{{$file.src}}" mode="aspectFill" aria-label="{{$file.name}}{{$file.note}}"${c.on('error', 'error')}></image>`
        : `<text wx:for="{{${files}}}" wx:for-item="$file" wx:key="index" class="t-upload__name">{{$file.name}}</text>`;
    return frame(
      c,
      't-upload-field',
      `<view class="t-upload">${list}<button class="t-button t-button--default" size="mini"${c.field().change('tap')}>+</button></view>`,
    );
  },
  wxss: '.t-upload{display:flex;flex-wrap:wrap;align-items:center;gap:16rpx;}.t-upload__thumb{width:144rpx;height:144rpx;border-radius:8rpx;background:#f2f3f5;}.t-upload__name{display:block;font-size:26rpx;}',
};
