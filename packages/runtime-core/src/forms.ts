import type { FormFieldDescriptor } from './types';
import { pickLocale, toText } from './values';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{6,15}$/;
const ID_CARD = /^\d{17}[\dXx]$/;

const MESSAGES: Record<string, Record<string, string>> = {
  required: { 'zh-CN': '请填写{label}', en: '{label} is required' },
  pattern: { 'zh-CN': '{label}格式不正确', en: '{label} is not in the expected format' },
  maxLength: { 'zh-CN': '{label}最多 {n} 个字符', en: '{label} must be at most {n} characters' },
  min: { 'zh-CN': '{label}不能小于 {n}', en: '{label} must be at least {n}' },
  max: { 'zh-CN': '{label}不能大于 {n}', en: '{label} must be at most {n}' },
};

function message(rule: string, label: string, locale: string, n?: number): string {
  const text = pickLocale(MESSAGES[rule] ?? {}, locale, 'en');
  return text.replace('{label}', label).replace('{n}', String(n ?? ''));
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The first problem with one field's value, or undefined when it is valid. `label` and
 * `errorMessage` are already resolved to text.
 */
export function checkField(
  field: FormFieldDescriptor,
  value: unknown,
  text: { label: string; errorMessage: string },
  locale: string,
): string | undefined {
  const custom = text.errorMessage || undefined;
  const label = text.label || field.name;
  if (isEmpty(value)) return field.required ? (custom ?? message('required', label, locale)) : undefined;
  const asText = toText(value);
  if (field.maxLength && asText.length > field.maxLength)
    return custom ?? message('maxLength', label, locale, field.maxLength);
  if (field.pattern && !safeTest(field.pattern, asText)) return custom ?? message('pattern', label, locale);
  const format =
    field.inputType === 'email'
      ? EMAIL
      : field.inputType === 'tel'
        ? PHONE
        : field.inputType === 'idcard'
          ? ID_CARD
          : undefined;
  if (format && !format.test(asText)) return custom ?? message('pattern', label, locale);
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min)
      return custom ?? message('min', label, locale, field.min);
    if (field.max !== undefined && value > field.max)
      return custom ?? message('max', label, locale, field.max);
  }
  return undefined;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // An invalid pattern is a schema problem reported by validation; never block the user on it.
    return true;
  }
}
