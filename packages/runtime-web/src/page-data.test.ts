import { describe, expect, it } from 'vitest';
import { type PageDataModule, pageLoader } from './page-data';

const Text = () => null;

/** A data module as the compiler writes one: a Text bound to `state.name`. */
function dataModule(): PageDataModule {
  return {
    data: {
      defaults: { Text: { text: '', align: 'left' } },
      descriptor: { id: 'home', path: '/', forms: {} },
      root: { id: 'r', name: 'Text', props: { text: { $f: 0 } } },
    },
    functions: (rt) => [(scope: { state: unknown }) => rt.get(scope.state, 'name')],
  };
}

describe('pageLoader', () => {
  it('loads the data and component modules together, once, and hydrates the page', async () => {
    let imports = 0;
    const load = pageLoader(() => {
      imports++;
      return [Promise.resolve(dataModule()), Promise.resolve({ Text })];
    });
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    expect(await load()).toBe(first);
    expect(imports).toBe(1);
    expect(first.root.component).toBe(Text);
    expect(first.root.props.align).toBe('left');
    const text = first.root.props.text as (scope: unknown) => unknown;
    expect(text({ state: { name: 'Ada' } })).toBe('Ada');
  });

  it('tries again on the next call after a module failed to load', async () => {
    let attempt = 0;
    const load = pageLoader(() => {
      attempt++;
      const data =
        attempt === 1
          ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
          : Promise.resolve(dataModule());
      return [data, Promise.resolve({ Text })];
    });
    await expect(load()).rejects.toThrow(/Failed to fetch/);
    const page = await load();
    expect(attempt).toBe(2);
    expect(page.root.component).toBe(Text);
  });
});
