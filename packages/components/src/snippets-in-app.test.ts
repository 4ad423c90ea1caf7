import { readFileSync } from 'node:fs';
import { validateApp } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue';
import { everySnippet, withIds } from './every-snippet-app';

const blank = JSON.parse(readFileSync(new URL('../../../templates/blank/app.json', import.meta.url), 'utf8'));

/** A page whose root holds what dropping each component from the palette inserts. */
function appWithEverySnippet() {
  const children = everySnippet();
  const home = { ...blank.pages[0], root: { ...blank.pages[0].root, children } };
  const me = { id: 'me', path: '/me', title: 'Me', root: { id: 'me_root', component: 'Page' } };
  return { ...blank, pages: [home, me] };
}

describe('palette snippets inside an app', () => {
  it('pass full validation with the catalogue', () => {
    const result = validateApp(appWithEverySnippet(), { catalogue });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('are checked against the catalogue (a snippet-shaped mistake is reported)', () => {
    const app = appWithEverySnippet();
    const at =
      app.pages[0].root.children.push(
        withIds({ component: 'Tabs', children: [{ component: 'Text' }] }, 'bad'),
      ) - 1;
    const result = validateApp(app, { catalogue });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.pointer)).toEqual([
      `/pages/0/root/children/${at}/children/0/component`,
    ]);
  });
});
