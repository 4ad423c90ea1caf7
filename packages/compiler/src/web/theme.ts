import type { Theme } from '@tessera/schema';

// A theme value never leaves its CSS declaration.
const clean = (value: unknown) => String(value).replace(/[;{}<>\\]/g, '');

function channels(hex: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match?.[1]) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio of a colour against white (WCAG 2). */
export function contrastOnWhite(hex: string): number {
  const rgb = channels(hex);
  return rgb ? 1.05 / (luminance(rgb) + 0.05) : 21;
}

/**
 * The colour darkened just enough for text on white or light grey page backgrounds (and white
 * text on it) to reach WCAG AA 4.5:1; colours that pass, or that are not hex, are kept as given.
 */
export function readable(hex: string): string {
  let rgb = channels(hex);
  if (!rgb) return hex;
  // #eeeeee: the lightest grey a page background is assumed to be darker than.
  const background = luminance([238, 238, 238]);
  for (let i = 0; i < 60 && (background + 0.05) / (luminance(rgb) + 0.05) < 4.5; i++)
    rgb = rgb.map((c) => Math.floor(c * 0.95)) as [number, number, number];
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The app theme as CSS variables on :root (what the web components' styles read). */
export function themeCss(theme: Theme | undefined): string {
  const t = (theme ?? {}) as Record<string, unknown>;
  const colors = (t.colors ?? {}) as Record<string, unknown>;
  const vars: Record<string, string> = {
    '--t-primary': readable(clean(t.primaryColor ?? '#1677ff')),
    '--t-danger': readable(clean(colors.danger ?? '#d9363e')),
    '--t-muted': readable(clean(colors.muted ?? '#6b6b6b')),
    '--t-text': clean(colors.text ?? '#1f1f1f'),
    '--t-border': clean(colors.border ?? '#d9d9d9'),
    '--t-background': clean(colors.background ?? '#ffffff'),
    '--t-font-family': clean(t.fontFamily ?? 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
    '--t-font-size': `${Number(t.fontSize ?? 14) || 14}px`,
    '--t-radius': `${Number(t.radius ?? 6) || 0}px`,
    '--t-spacing': `${Number(t.spacing ?? 8) || 8}px`,
  };
  return `:root{${Object.entries(vars)
    .map(([name, value]) => `${name}:${value}`)
    .join(';')}}`;
}
