// Page editor in Chromium on a generated 2,000-node page: load, prop edit, select, delete and
// duplicate of a 200-node subtree, and frame times while dragging over the canvas. Timings are
// taken in the page (performance.now, MutationObserver, requestAnimationFrame), not over the
// Playwright connection. `pnpm bench editor-ui`.
import { generateLargeApp } from '../src/store/generate';
import { startEditorHarness } from '../test/harness';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: number[]) => percentile(values, 50);
const print = (name: string, value: number) => console.log(`bench: ${name} = ${value.toFixed(1)} ms`);

const harness = await startEditorHarness();
try {
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Large page',
    schema: generateLargeApp(10),
  });
  if (created.status !== 201) throw new Error(`creating the app failed: ${created.text}`);
  const appId = created.body.id as string;
  const page = await harness.newPage();
  page.on('pageerror', (error) => console.error(error));
  // tsx keeps function names with a __name helper that the page does not have
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await harness.signIn(page);
  const url = `${harness.server.url}/apps/${appId}/edit`;

  // load: navigation start → the last node of the page on the canvas, and a frame painted
  const loads: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('s9_g8_t20') !== null, undefined, {
      timeout: 60_000,
    });
    loads.push(
      await page.evaluate(
        () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
      ),
    );
  }
  const nodes = await page.evaluate(() => document.querySelectorAll('.tsr-canvas [id]').length);
  if (nodes < 2000) throw new Error(`only ${nodes} nodes on the canvas`);

  // prop edit: setProp dispatched (what the inspector does) → the canvas DOM shows the new text
  const propEdits = await page.evaluate(async () => {
    const { store } = (globalThis as unknown as { __tesseraEditor: { store: EditorStoreLike } })
      .__tesseraEditor;
    const times: number[] = [];
    for (let i = 0; i < 120; i++) {
      const id = `s${i % 10}_g${i % 9}_t${i % 21}`;
      const element = document.getElementById(id)!;
      const text = `edited ${i}`;
      const done = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (element.textContent === text) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(element, { childList: true, characterData: true, subtree: true });
      });
      const start = performance.now();
      store.dispatch({ type: 'setProp', id, name: 'text', value: text });
      times.push((await done) - start);
      await new Promise((r) => setTimeout(r, 5));
    }
    return times;
  });

  // select: a click on a canvas node → the inspector rendered for it (its layout effect marks
  // 'inspector:rendered') and the selection overlay in the DOM, whichever comes last
  const selection = await page.evaluate(async () => {
    const times: number[] = [];
    let withoutInspector = 0;
    for (let i = 0; i < 60; i++) {
      const id = `s${(i * 3) % 10}_g${i % 9}_t${(i * 7) % 21}`;
      const element = document.getElementById(id)!;
      element.scrollIntoView({ block: 'center' });
      await new Promise((r) => requestAnimationFrame(r));
      const overlay = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(`[data-overlay-for="${id}"]`)) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
      const start = performance.now();
      element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      const overlayAt = await overlay;
      await new Promise((r) => setTimeout(r, 200));
      const mark = performance
        .getEntriesByName('inspector:rendered')
        .find((entry) => entry.startTime >= start);
      if (!mark) withoutInspector++;
      times.push(Math.max(overlayAt, mark?.startTime ?? 0) - start);
    }
    return { times, withoutInspector };
  });
  const selects = selection.times;

  // delete / duplicate a 200-node section: dispatched → the canvas DOM changed; undone after each
  const structure = await page.evaluate(async () => {
    const { store } = (globalThis as unknown as { __tesseraEditor: { store: EditorStoreLike } })
      .__tesseraEditor;
    const until = (test: () => boolean) =>
      new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (test()) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.querySelector('.tsr-canvas')!, { childList: true, subtree: true });
      });
    const deletes: number[] = [];
    const duplicates: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = `section_${(i % 8) + 1}`;
      let done = until(() => document.getElementById(id) === null);
      let start = performance.now();
      store.dispatch({ type: 'remove', ids: [id] });
      deletes.push((await done) - start);
      store.dispatch({ type: 'undo' });
      await new Promise((r) => setTimeout(r, 50));

      const count = document.querySelectorAll('.tsr-canvas [id]').length;
      done = until(() => document.querySelectorAll('.tsr-canvas [id]').length >= count + 200);
      start = performance.now();
      store.dispatch({ type: 'duplicate', ids: [id] });
      duplicates.push((await done) - start);
      store.dispatch({ type: 'undo' });
      await new Promise((r) => setTimeout(r, 50));
    }
    return { deletes, duplicates };
  });

  // drag: a palette item dragged with real pointer moves across the canvas; frame times in the page
  await page.evaluate(() => document.querySelector('.canvas-viewport')?.scrollTo(0, 0));
  const from = (await page.locator('[data-component="Button"]').boundingBox())!;
  const canvas = (await page.locator('.tsr-canvas').boundingBox())!;
  await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[]; __framing: boolean };
    w.__frames = [];
    w.__framing = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(from.x + 10, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
  const top = Math.max(canvas.y + 10, 80);
  for (let i = 0; i < 150; i++) {
    const x = canvas.x + 30 + ((i * 37) % Math.max(40, canvas.width - 60));
    const y = top + ((i * 23) % 700);
    await page.mouse.move(x, y);
  }
  await page.keyboard.press('Escape');
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[]; __framing: boolean };
    w.__framing = false;
    return w.__frames.slice(5);
  });

  print('editor.load.ms', median(loads));
  print('editor.propedit.p95.ms', percentile(propEdits.slice(10), 95));
  print('editor.select.p95.ms', percentile(selects.slice(5), 95));
  print('editor.delete200.ms', median(structure.deletes));
  print('editor.duplicate200.ms', median(structure.duplicates));
  print('editor.drag.frame.p95.ms', percentile(frames, 95));
  if (selection.withoutInspector > 0)
    console.log(
      `# select: ${selection.withoutInspector} clicks had no 'inspector:rendered' mark (measured to the overlay)`,
    );
  console.log(
    `# ${nodes} canvas elements; loads ${loads.map((n) => n.toFixed(0)).join(', ')} ms; prop edit median ${median(propEdits).toFixed(1)} ms; select median ${median(selects).toFixed(1)} ms; ${frames.length} frames while dragging (median ${median(frames).toFixed(1)} ms)`,
  );
} finally {
  await harness.close();
}

interface EditorStoreLike {
  dispatch(action: Record<string, unknown>): { ok: boolean };
}
