// A realistic large app for benchmarks: pages of cards with bound texts, buttons with action
// chains, lists and repeats. Deterministic, valid against the fixture catalogue.
import type { AppSchema, NodeSchema, PageSchema } from '../src/index';

export function generateApp(totalNodes: number, pageCount = 10): AppSchema {
  let next = 0;
  const perPage = Math.floor(totalNodes / pageCount);
  const pages: PageSchema[] = [];
  for (let p = 0; p < pageCount; p++) {
    const id = `page${p}`;
    const children: NodeSchema[] = [];
    let count = 1; // the root
    while (count + 5 <= perPage) {
      const k = next;
      children.push({
        id: `card${next++}`,
        component: 'Card',
        props: { title: { $i18n: { 'zh-CN': `卡片 ${k}`, en: `Card ${k}` } }, bordered: true },
        style: { marginTop: 8, color: { $expr: `state.count > ${k % 7} ? '#333' : '#999'` } },
        children: [
          {
            id: `text${next++}`,
            component: 'Text',
            props: { text: { $expr: `'Total: ' + state.count * ${k % 5}` } },
          },
          {
            id: `list${next++}`,
            component: 'List',
            props: { data: { $expr: 'queries.items.data' }, itemKey: '_id' },
            children: [
              {
                id: `item${next++}`,
                component: 'Text',
                props: { text: { $expr: 'item.name + " #" + index' } },
              },
            ],
          },
          {
            id: `button${next++}`,
            component: 'Button',
            if: { $expr: 'auth.uid != null' },
            props: { text: 'Open', variant: 'primary' },
            events: {
              tap: [
                { type: 'setState', name: 'count', value: { $expr: 'state.count + 1' } },
                {
                  type: 'callFunction',
                  function: 'track',
                  data: { card: k },
                  onSuccess: [{ type: 'navigate', page: `page${(p + 1) % pageCount}` }],
                  onError: [{ type: 'showToast', message: { $expr: 'event.error.message' }, icon: 'error' }],
                },
              ],
            },
          },
        ],
      });
      count += 5;
    }
    while (count < perPage) {
      children.push({ id: `spacer${next++}`, component: 'Spacer', props: { size: 8 } });
      count++;
    }
    pages.push({
      id,
      path: p === 0 ? '/' : `/p${p}`,
      title: { $i18n: { 'zh-CN': `页面 ${p}`, en: `Page ${p}` } },
      state: { count: { type: 'number', initial: 0 } },
      queries: { items: { type: 'collection', collection: 'items', limit: 20, sort: { createdAt: 'desc' } } },
      root: { id: `root${next++}`, component: 'Page', children },
    });
  }
  return {
    schemaVersion: 2,
    id: 'bench-app',
    name: 'Benchmark app',
    locales: { default: 'zh-CN', supported: ['zh-CN', 'en'] },
    pages,
    navigation: { home: 'page0' },
    functions: { track: { description: 'Counts taps' } },
    collections: { items: { rules: { preset: 'public-read' } } },
  };
}
