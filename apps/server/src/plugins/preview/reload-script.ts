/**
 * The script every preview page loads (as a file: the CSP allows no inline script). It listens to
 * the app's preview events, reloads when a build newer than the one shown is ready, and shows
 * build errors over the page until the next good build. Its URL carries the shown version (`?v=`).
 */
export const RELOAD_SCRIPT = `// Tessera live preview: reload on rebuilds, show build errors.
const me = new URL(import.meta.url);
const shown = Number(me.searchParams.get('v') || 0);
const appId = decodeURIComponent(me.pathname.split('/')[2] || '');
const events = new EventSource('/api/apps/' + encodeURIComponent(appId) + '/preview/events');
let panel = null;

function showErrors(details) {
  if (!panel) {
    panel = document.createElement('section');
    panel.setAttribute('role', 'alert');
    panel.setAttribute('aria-label', 'Preview build errors');
    panel.id = 'tessera-preview-errors';
    panel.style.cssText =
      'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;' +
      'background:#fff1f0;color:#5c0011;border-top:2px solid #cf1322;padding:12px 16px;' +
      'font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap';
    document.body.appendChild(panel);
  }
  panel.textContent =
    'The draft cannot be built; the preview shows the last good version.\\n' +
    details.map((d) => (d.pointer || '/') + ': ' + d.message).join('\\n');
}

events.addEventListener('message', (message) => {
  const event = JSON.parse(message.data);
  if (event.type === 'rebuilt') {
    if (event.version !== shown) location.reload();
    else if (panel) {
      panel.remove();
      panel = null;
    }
  } else if (event.type === 'error') showErrors(event.details);
});
`;
