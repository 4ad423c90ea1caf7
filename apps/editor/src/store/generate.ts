// A large generated page (tests and benchmarks): sections of exactly 200 nodes each under one Page root.
import type { AppSchema, NodeSchema } from '@tessera/schema';

/** An app whose home page holds `sections` sections of 200 nodes (`section_<i>`), plus the Page root. */
export function generateLargeApp(sections = 10): AppSchema {
  const section = (s: number): NodeSchema => ({
    id: `section_${s}`,
    component: 'Container',
    children: [
      { id: `s${s}_title`, component: 'Text', props: { text: `Section ${s}` } },
      ...Array.from({ length: 9 }, (_, g) => ({
        id: `s${s}_g${g}`,
        component: 'Container',
        style: { padding: 8 },
        children: Array.from({ length: 21 }, (_, t) => ({
          id: `s${s}_g${g}_t${t}`,
          component: 'Text',
          props: { text: { $expr: `'Row ' + ${t} + ' ' + state.count` } },
        })),
      })),
    ],
  });
  return {
    schemaVersion: 2,
    id: 'large-page',
    name: 'Large page',
    locales: { default: 'en', supported: ['en'] },
    pages: [
      {
        id: 'home',
        path: '/',
        title: 'Home',
        state: { count: { type: 'number', initial: 0 } },
        root: {
          id: 'home_root',
          component: 'Page',
          children: Array.from({ length: sections }, (_, s) => section(s)),
        },
      },
    ],
    navigation: { home: 'home' },
  } as AppSchema;
}
