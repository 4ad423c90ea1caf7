import type { KeyboardEvent } from 'react';
import type { WebComponentProps } from './types';

export const str = (value: unknown, fallback = ''): string =>
  value === undefined || value === null ? fallback : typeof value === 'string' ? value : String(value);

export const num = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
};

export const cls = (...names: (string | false | undefined)[]): string => names.filter(Boolean).join(' ');

/** Props that make a tappable non-button element reachable and usable from the keyboard. */
export function tappable(c: WebComponentProps, event = 'tap') {
  if (!c.has(event)) return {};
  return {
    role: 'button',
    tabIndex: 0,
    onClick: () => c.fire(event),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        c.fire(event);
      }
    },
  };
}

export interface Option {
  label: string;
  value: unknown;
  /** The option is shown but cannot be chosen. */
  disabled?: boolean;
}

/** Options as `{ label, value, disabled? }`; plain strings or numbers are their own label. */
export function options(value: unknown): Option[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    if (entry === null || typeof entry !== 'object') return { label: str(entry), value: entry };
    const option = entry as Option;
    return {
      label: str(option.label ?? option.value),
      value: option.value,
      ...(option.disabled === true ? { disabled: true } : {}),
    };
  });
}
