import type { AppSchema } from '@tessera/schema';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The app's name in a locale: plain text, or the locale's entry of an i18n value. */
export function appName(app: AppSchema, locale: string): string {
  const name = app.name as unknown;
  if (typeof name === 'string') return name;
  const texts = (name as { $i18n?: Record<string, string> })?.$i18n ?? {};
  return texts[locale] ?? texts[app.locales.default] ?? Object.values(texts)[0] ?? app.id;
}

/** index.html: language, title, viewport, the stylesheet and the entry script (no inline script, for CSP). */
export function indexHtml(
  app: AppSchema,
  options: {
    locale: string;
    base: string;
    entry: string;
    css: string;
    preload: string[];
    manifest?: string;
    scripts?: string[];
  },
): string {
  const { base } = options;
  return (
    [
      '<!doctype html>',
      `<html lang="${escapeHtml(options.locale)}">`,
      '<head>',
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
      '<link rel="icon" href="data:,">',
      `<title>${escapeHtml(appName(app, options.locale))}</title>`,
      app.description ? `<meta name="description" content="${escapeHtml(app.description)}">` : '',
      options.manifest ? `<link rel="manifest" href="${base}${options.manifest}">` : '',
      `<link rel="stylesheet" href="${base}${options.css}">`,
      ...options.preload.map((file) => `<link rel="modulepreload" href="${base}${file}">`),
      `<script type="module" src="${base}${options.entry}"></script>`,
      ...(options.scripts ?? []).map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`),
      '</head>',
      '<body>',
      '<div id="app"></div>',
      `<noscript>${escapeHtml(options.locale.startsWith('zh') ? '请启用 JavaScript 以使用本应用。' : 'Please turn on JavaScript to use this app.')}</noscript>`,
      '</body>',
      '</html>',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n'
  );
}
