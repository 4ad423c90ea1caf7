/**
 * A generated app of `pages` pages and about `nodesPerPage` nodes each, mixing the usual
 * content: bound texts, buttons with actions, a repeat, a condition and a form. Shared by the
 * compile benchmarks of every target so their figures compare the same app.
 */
export function generateApp(pages = 50, nodesPerPage = 40): Record<string, unknown> {
  const list = [];
  for (let p = 0; p < pages; p++) {
    const id = p === 0 ? 'home' : `page${p}`;
    const children: Record<string, unknown>[] = [];
    let n = 1; // the Page root
    const next = () => `${id}_n${n++}`;
    children.push({
      id: next(),
      component: 'Form',
      events: { submit: [{ type: 'showToast', message: 'Saved' }] },
      children: [
        { id: next(), component: 'Input', props: { name: 'name', label: 'Name', required: true } },
        { id: next(), component: 'Input', props: { name: 'phone', label: 'Phone', inputType: 'tel' } },
        { id: next(), component: 'Button', props: { text: 'Save', formType: 'submit' } },
      ],
    });
    children.push({
      id: next(),
      component: 'Container',
      repeat: { items: { $expr: 'state.items' }, key: 'id' },
      children: [
        { id: next(), component: 'Text', props: { text: { $expr: "item.title + ' #' + index" } } },
        {
          id: next(),
          component: 'Button',
          props: { text: 'Remove' },
          events: {
            tap: [
              {
                type: 'setState',
                name: 'items',
                value: { $expr: 'state.items.filter(x => x.id !== item.id)' },
              },
            ],
          },
        },
      ],
    });
    while (n < nodesPerPage) {
      const kind = n % 4;
      if (kind === 0)
        children.push({
          id: next(),
          component: 'Text',
          props: { text: { $expr: `'Count ' + state.count * ${n}` } },
        });
      else if (kind === 1)
        children.push({
          id: next(),
          component: 'Button',
          props: { text: `Add ${n}` },
          events: { tap: [{ type: 'setState', name: 'count', value: { $expr: `state.count + ${n}` } }] },
        });
      else if (kind === 2)
        children.push({
          id: next(),
          component: 'Text',
          props: { text: `Static text ${n}` },
          style: { padding: 8, color: '#333' },
        });
      else
        children.push({
          id: next(),
          component: 'Heading',
          props: { text: { $expr: `state.count > ${n} ? 'big' : 'small'` }, level: 3 },
          if: { $expr: 'state.count >= 0' },
        });
    }
    list.push({
      id,
      path: p === 0 ? '/' : `/p${p}`,
      title: `Page ${p}`,
      state: {
        count: { type: 'number', initial: 0 },
        items: {
          type: 'array',
          initial: [
            { id: 'a', title: 'A' },
            { id: 'b', title: 'B' },
          ],
        },
      },
      root: { id: `${id}_root`, component: 'Page', children },
    });
  }
  return {
    schemaVersion: 2,
    id: 'bench-app',
    name: 'Bench app',
    locales: { default: 'en', supported: ['en'] },
    pages: list,
    navigation: { home: 'home' },
  };
}

/** Counts the nodes of a generated app (to print beside the figures). */
export function countNodes(app: Record<string, unknown>): number {
  let count = 0;
  const visit = (node: { children?: unknown[] }) => {
    count++;
    for (const child of node.children ?? []) visit(child as { children?: unknown[] });
  };
  for (const page of app.pages as { root: { children?: unknown[] } }[]) visit(page.root);
  return count;
}
