// Templates are the fixtures of valid apps: they pass with and without the catalogue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AppSchema, type ComponentCatalogue, validateApp, validators, walkNodes } from '../src/index';

const root = join(import.meta.dirname, '..', '..', '..');
const catalogue = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalogue.json'), 'utf8'),
) as ComponentCatalogue;
const template = (name: string) =>
  JSON.parse(readFileSync(join(root, 'templates', name, 'app.json'), 'utf8')) as AppSchema;

describe('templates', () => {
  it.each(['blank', 'showcase'])('%s is valid', (name) => {
    expect(validateApp(template(name)).errors).toEqual([]);
    expect(validateApp(template(name), { catalogue }).errors).toEqual([]);
  });

  it('the fixture catalogue follows the component metadata schema', () => {
    for (const [name, meta] of Object.entries(catalogue)) {
      expect(
        validators.componentMeta(meta),
        `${name}: ${JSON.stringify(validators.componentMeta.errors)}`,
      ).toBe(true);
      expect(meta.name).toBe(name);
    }
  });

  it('showcase exercises every action type, every query kind and the other features', () => {
    const app = template('showcase');
    const text = JSON.stringify(app);
    const actionTypes = [
      'setState',
      'navigate',
      'navigateBack',
      'callFunction',
      'runQuery',
      'dbInsert',
      'dbUpdate',
      'dbDelete',
      'showToast',
      'showModal',
      'openUrl',
      'uploadFile',
      'login',
      'logout',
      'validateForm',
      'submitForm',
      'runCode',
      'branch',
    ];
    for (const type of actionTypes) expect(text, type).toContain(`"type":"${type}"`);
    for (const kind of ['collection', 'cms', 'function', 'http'])
      expect(text, kind).toContain(`"type":"${kind}"`);
    let nestedRepeat = false;
    let slots = false;
    let conditions = false;
    walkNodes(app, ({ node, parent }) => {
      if (node.repeat && parent?.repeat) nestedRepeat = true;
      if (node.slots) slots = true;
      if (node.if) conditions = true;
    });
    expect({ nestedRepeat, slots, conditions }).toEqual({
      nestedRepeat: true,
      slots: true,
      conditions: true,
    });
    expect(text).toContain('"$i18n"');
    expect(
      app.theme && app.state && app.navigation.tabBar && app.codeBlocks && app.functions && app.collections,
    ).toBeTruthy();
  });
});
