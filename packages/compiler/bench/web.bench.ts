// Web benchmarks: `compile.web.ms` (full production web build of the generated 50-page,
// 2,000-node app) beside `compile.baseline.ms` (esbuild alone bundling an equivalent hand-written
// React app with the same options) and their ratio: after one warm-up each, the two builds take
// turns 7 times; the times are medians and the ratio is the median of each turn's ratio, so a
// slow patch of the machine falls on both sides of it; and the first load of
// a template's home page (`output.web.firstload.kb`, gzipped JS) beside React alone (`output.react.kb`);
// and watch mode (`compile.incremental.ms`): one Text prop changed on the same 2,000-node app,
// median of 21 updates of a live watcher (the editor's preview build, development mode).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { compile, watch } from '../src/index';
import { compileWeb } from '../src/web/index';
import { countNodes, generateApp } from './generate-app';

const print = (name: string, value: number, unit: string) => console.log(`bench: ${name} = ${value} ${unit}`);
const nodeModules = fileURLToPath(new URL('../node_modules', import.meta.url));

const middle = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

/**
 * Two tasks taking turns `runs` times after one warm-up run each: the median wall time of each,
 * and the median of each turn's ratio (first / second).
 */
async function alternating(
  runs: number,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<{ first: number; second: number; ratio: number }> {
  await first(); // warm-up: module loading and esbuild's service start
  await second();
  const times: [number, number][] = [];
  const time = async (task: () => Promise<unknown>) => {
    const started = performance.now();
    await task();
    return performance.now() - started;
  };
  for (let i = 0; i < runs; i++) times.push([await time(first), await time(second)]);
  return {
    first: middle(times.map(([a]) => a)),
    second: middle(times.map(([, b]) => b)),
    ratio: middle(times.map(([a, b]) => a / b)),
  };
}

/** What a developer would write by hand for one generated page: the same elements, state and handlers. */
function handWrittenPage(page: { id: string; root: { children: Record<string, unknown>[] } }): string {
  const lines: string[] = [];
  for (const child of page.root.children) {
    const props = (child.props ?? {}) as Record<string, unknown>;
    const text = props.text;
    if (child.component === 'Form') {
      lines.push(`h('form', { onSubmit: (e) => { e.preventDefault(); if (!form.name) setErrors({ name: 'Name is required' }); else { setErrors({}); toast('Saved'); } } },
        h('label', { htmlFor: '${page.id}-name' }, 'Name'), h('input', { id: '${page.id}-name', value: form.name, required: true, 'aria-describedby': '${page.id}-name-error', onChange: (e) => setForm({ ...form, name: e.target.value }) }),
        h('p', { id: '${page.id}-name-error', role: 'alert' }, errors.name || ''),
        h('label', { htmlFor: '${page.id}-phone' }, 'Phone'), h('input', { id: '${page.id}-phone', type: 'tel', value: form.phone, onChange: (e) => setForm({ ...form, phone: e.target.value }) }),
        h('button', { type: 'submit' }, 'Save'))`);
    } else if (child.repeat) {
      lines.push(
        `...items.map((item, index) => h('div', { key: item.id }, h('p', null, item.title + ' #' + index), h('button', { type: 'button', onClick: () => setItems(items.filter((x) => x.id !== item.id)) }, 'Remove')))`,
      );
    } else if (child.component === 'Button') {
      const n = Number(String(text).replace(/\D/g, ''));
      lines.push(
        `h('button', { type: 'button', onClick: () => setCount(count + ${n}) }, ${JSON.stringify(text)})`,
      );
    } else if (child.component === 'Heading') {
      const n = /> (\d+)/.exec(JSON.stringify(text))?.[1] ?? '0';
      lines.push(`count >= 0 ? h('h3', null, count > ${n} ? 'big' : 'small') : null`);
    } else if (typeof text === 'string') {
      lines.push(`h('p', { style: { padding: 8, color: '#333' } }, ${JSON.stringify(text)})`);
    } else {
      const n = /\* (\d+)/.exec(JSON.stringify(text))?.[1] ?? '1';
      lines.push(`h('p', null, 'Count ' + count * ${n})`);
    }
  }
  return `import { createElement as h, useState } from 'react';
import { toast } from './toast.js';
export default function Page() {
  const [count, setCount] = useState(0);
  const [items, setItems] = useState([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]);
  const [form, setForm] = useState({ name: '', phone: '' });
  const [errors, setErrors] = useState({});
  return h('main', null,
    ${lines.join(',\n    ')});
}
`;
}

async function compileTimes(): Promise<void> {
  const app = generateApp(50, 40);
  console.log(`# generated app: ${(app.pages as unknown[]).length} pages, ${countNodes(app)} nodes`);
  const dir = await mkdtemp(join(tmpdir(), 'tessera-bench-web-'));
  try {
    const pages = app.pages as { id: string; path: string; root: { children: Record<string, unknown>[] } }[];
    for (const page of pages) await writeFile(join(dir, `${page.id}.js`), handWrittenPage(page));
    await writeFile(
      join(dir, 'toast.js'),
      'export const toast = (message) => { document.title = message; };\n',
    );
    await writeFile(
      join(dir, 'main.js'),
      `import { createElement as h, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
const pages = { ${pages.map((page) => `${JSON.stringify(page.path)}: lazy(() => import('./${page.id}.js'))`).join(', ')} };
createRoot(document.getElementById('app')).render(h(Suspense, { fallback: null }, h(pages[location.pathname] ?? pages['/'])));
`,
    );
    const baselineBuild = () =>
      esbuild.build({
        entryPoints: [join(dir, 'main.js')],
        bundle: true,
        write: false,
        outdir: join(dir, 'out'),
        format: 'esm',
        splitting: true,
        minify: true,
        target: 'es2020',
        metafile: true,
        entryNames: '[name]-[hash]',
        chunkNames: 'chunk-[hash]',
        nodePaths: [nodeModules],
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
    const measured = await alternating(7, () => compile(app, { target: 'web' }), baselineBuild);
    print('compile.web.ms', Math.round(measured.first), 'ms');
    print('compile.baseline.ms', Math.round(measured.second), 'ms');
    print('compile.web.ratio', Math.round(measured.ratio * 100) / 100, 'x');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const gzipKb = (texts: string[]) =>
  Math.round((texts.reduce((sum, text) => sum + gzipSync(text, { level: 9 }).length, 0) / 1024) * 10) / 10;

async function firstLoad(): Promise<void> {
  const template = JSON.parse(
    await readFile(new URL('../../../templates/showcase/app.json', import.meta.url), 'utf8'),
  );
  const output = await compileWeb(template, { mode: 'production' });
  const home = [
    ...new Set([...output.chunks.entry, ...(output.chunks.pages[template.navigation.home] ?? [])]),
  ];
  print('output.web.firstload.kb', gzipKb(home.map((file) => output.files[file] ?? '')), 'KB');
  const react = await esbuild.build({
    stdin: {
      contents:
        "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\nexport { createElement, createRoot };\n",
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  print('output.react.kb', gzipKb(react.outputFiles.map((file) => file.text)), 'KB');
}

async function incremental(): Promise<void> {
  let app = generateApp(50, 40) as { pages: { root: { children: { props?: Record<string, unknown> }[] } }[] };
  const watcher = await watch(app, { target: 'web' });
  try {
    const times: number[] = [];
    for (let i = 0; i < 22; i++) {
      // A different page each time, like an editor session moving around the app.
      const next = structuredClone(app);
      const text = next.pages[(i * 7) % next.pages.length]?.root.children[4];
      if (!text) throw new Error('the generated app changed shape: no 5th node to edit');
      text.props = { ...text.props, text: `Edited ${i}` };
      const update = await watcher.update(next);
      app = next;
      if (update.pages.length !== 1) throw new Error(`expected one page rebuilt, got ${update.pages.length}`);
      if (i > 0) times.push(update.ms); // the first update warms the caches
    }
    times.sort((a, b) => a - b);
    print('compile.incremental.ms', Math.round(times[Math.floor(times.length / 2)] ?? 0), 'ms');
  } finally {
    await watcher.dispose();
  }
}

await compileTimes();
await incremental();
await firstLoad();
