// Store-level editor benchmarks on a generated 2,000-node page (the browser benchmarks of
// issue 7 add rendering on top of these): a prop edit, deleting and duplicating a 200-node subtree.
import { performance } from 'node:perf_hooks';
import { createEditorStore } from '../src/store';
import { generateLargeApp } from '../src/store/generate';

const store = createEditorStore(generateLargeApp(10));
let notified = 0;
store.subscribe(() => {
  notified++;
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: number[]) => percentile(values, 50);

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function mustSucceed(result: ReturnType<typeof store.dispatch>): void {
  if (!result.ok) throw new Error(`benchmark action refused: ${result.reason}`);
}

// bench: editor.store.propedit.p95.ms — one setProp dispatch (patches, history, notify), different nodes each time
const propEdits: number[] = [];
for (let i = 0; i < 600; i++) {
  const id = `s${i % 10}_g${i % 9}_t${i % 21}`;
  const ms = time(() =>
    mustSucceed(store.dispatch({ type: 'setProp', id, name: 'text', value: `edit ${i}` })),
  );
  if (i >= 100) propEdits.push(ms); // the first edits warm the JIT up
}
console.log(`bench: editor.store.propedit.p95.ms = ${percentile(propEdits, 95).toFixed(3)} ms`);

// bench: editor.store.delete200.ms — remove a 200-node section (median of runs, each undone after)
const deletes: number[] = [];
for (let i = 0; i < 25; i++) {
  const id = `section_${i % 10}`;
  deletes.push(time(() => mustSucceed(store.dispatch({ type: 'remove', ids: [id] }))));
  mustSucceed(store.dispatch({ type: 'undo' }));
}
console.log(`bench: editor.store.delete200.ms = ${median(deletes.slice(5)).toFixed(3)} ms`);

// bench: editor.store.duplicate200.ms — duplicate a 200-node section with fresh ids (median, each undone after)
const duplicates: number[] = [];
for (let i = 0; i < 25; i++) {
  const id = `section_${i % 10}`;
  duplicates.push(time(() => mustSucceed(store.dispatch({ type: 'duplicate', ids: [id] }))));
  mustSucceed(store.dispatch({ type: 'undo' }));
}
console.log(`bench: editor.store.duplicate200.ms = ${median(duplicates.slice(5)).toFixed(3)} ms`);

// bench: editor.store.undo.propedit.ms — undo of one prop edit (median)
const undos: number[] = [];
for (let i = 0; i < 200; i++) {
  mustSucceed(store.dispatch({ type: 'setIf', id: `s${i % 10}_title`, condition: i % 2 === 0 }));
  undos.push(time(() => mustSucceed(store.dispatch({ type: 'undo' }))));
}
console.log(`bench: editor.store.undo.propedit.ms = ${median(undos.slice(50)).toFixed(3)} ms`);

if (Object.keys(store.getState().doc.nodes).length !== 2001 || notified === 0)
  throw new Error('benchmark left the document in an unexpected state');
