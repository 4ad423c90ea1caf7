// The page editor's data features in Chromium against a real server: uploading an image from the
// image picker, repeating a node over a state array, renaming a state variable.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { createHomeApp } from './page-editor-helpers';
import { draftOf, inspector, open, typeExpression } from './panels-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An app with an Image (photo), a Text bound to state.count (total), a Container with a Text (row,
 * row_text) and a Text reading the page's query `news` (news_state).
 */
const createDataApp = () =>
  createHomeApp(harness, 'Data features', {
    state: {
      count: { type: 'number', initial: 7 },
      countX: { type: 'number', initial: 1 },
      fruits: { type: 'array', initial: ['apple', 'pear', 'plum'] },
    },
    queries: { news: { type: 'collection', collection: 'news', limit: 5 } },
    children: [
      { id: 'photo', component: 'Image', props: { src: '', alt: 'Photo' } },
      {
        id: 'total',
        component: 'Text',
        props: { text: { $expr: "'n=' + state.count + '/' + state.countX" } },
      },
      {
        id: 'row',
        component: 'Container',
        children: [{ id: 'row_text', component: 'Text', props: { text: 'fruit' } }],
      },
      {
        id: 'news_state',
        component: 'Text',
        props: { text: { $expr: "queries.news.loading ? 'loading' : 'news'" } },
      },
    ],
  });

async function select(page: Page, id: string, heading: string) {
  await page.locator(`.tsr-canvas #${id}`).first().click();
  await inspector(page).getByRole('heading', { name: heading }).waitFor();
}

describe('page editor data features', () => {
  it('uploads an image from the picker, refuses a non-image clearly, and shows the upload in the canvas', async () => {
    const appId = await createDataApp();
    const page = await harness.newPage();
    const violations = await open(harness, page, appId);
    await select(page, 'photo', 'Image');
    await inspector(page).getByRole('button', { name: 'Choose from storage' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose an image' });
    await picker.getByText('No images in this app’s storage yet: upload one.').waitFor();

    // a text file is refused before anything is sent
    await picker.getByTestId('image-upload').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await picker.getByRole('alert').getByText('notes.txt is not an image (its type is text/plain)').waitFor();
    // an image type the server does not accept: its message is shown
    await picker.getByTestId('image-upload').setInputFiles({
      name: 'logo.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await picker
      .getByRole('alert')
      .getByText(/The server does not accept logo\.svg: Files of type "image\/svg\+xml" are not accepted/)
      .waitFor();

    await picker
      .getByTestId('image-upload')
      .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    await picker.waitFor({ state: 'hidden' });
    const fileID = `cloud://${appId}/images/cover.png`;
    expect(await inspector(page).getByRole('textbox', { name: 'Source', exact: true }).inputValue()).toBe(
      fileID,
    );
    // the canvas loads the stored file
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.tsr-canvas img#photo');
      return img?.complete === true && img.naturalWidth === 1;
    });
    await expect
      .poll(async () => (await draftOf(harness, appId)).pages[0].root.children[0].props.src, {
        timeout: 10_000,
      })
      .toBe(fileID);

    // dropping a second image with the same name keeps the first and picks the new one
    await inspector(page).getByRole('button', { name: 'Choose from storage' }).click();
    await picker.getByRole('button', { name: 'images/cover.png' }).waitFor();
    const drop = await page.evaluateHandle(
      (bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'cover.png', { type: 'image/png' }));
        return data;
      },
      [...PNG],
    );
    await picker.locator('.vf-picker').dispatchEvent('drop', { dataTransfer: drop });
    await picker.waitFor({ state: 'hidden' });
    expect(await inspector(page).getByRole('textbox', { name: 'Source', exact: true }).inputValue()).toBe(
      `cloud://${appId}/images/cover-2.png`,
    );
    const listed = await harness.server.admin.get(`/api/apps/${appId}/storage/files?prefix=images/`);
    expect(listed.body.files.map((file: { path: string }) => file.path)).toEqual([
      'images/cover-2.png',
      'images/cover.png',
    ]);

    // a file id an expression gives shows too: the canvas resolves cloud:// wherever it comes from
    await typeExpression(page, 'Source', `'cloud://${appId}/images/' + 'cover.png'`);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.tsr-canvas img#photo');
      return img?.src.includes('path=images%2Fcover.png') && img.complete && img.naturalWidth === 1;
    });
    expect(violations).toEqual([]);
  }, 120_000);

  it('repeats a Container over a state array: the canvas shows each item, and the subtree completes the item name', async () => {
    const appId = await createDataApp();
    const page = await harness.newPage();
    const violations = await open(harness, page, appId);
    // the Text fills the Container: select it in the outline
    await page.getByRole('tab', { name: 'Outline' }).click();
    await page.locator('[data-row-id="row"] > .outline-row').click();
    await inspector(page).getByRole('heading', { name: 'Container' }).waitFor();
    const section = inspector(page).getByRole('region', { name: 'Condition and repeat' });
    await section.getByRole('button', { name: 'Repeat this component' }).click();
    // the item name is checked as it is typed, and the store keeps only valid ones
    await section.getByLabel('Item name').fill('state');
    await section.getByRole('alert').getByText('“state” would hide the standard name state').waitFor();
    await section.getByLabel('Item name').fill('fruit');
    await section.locator('.expr-editor[data-ready]').click();
    await page.keyboard.type('state.fr', { delay: 20 });
    await page
      .locator('.suggest-widget .monaco-list-row', { hasText: /^fruits/ })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tsr-canvas [id^="row_text--"]').count()).toBe(3);
    await expect
      .poll(async () => (await draftOf(harness, appId)).pages[0].root.children[2].repeat, { timeout: 10_000 })
      .toEqual({ items: { $expr: 'state.fruits' }, item: 'fruit' });

    // inside the repeat, the Text reads the item: completion offers it and the canvas shows each one
    await page.locator('.tsr-canvas #row_text--1').click();
    await inspector(page).getByRole('heading', { name: 'Text' }).waitFor();
    await typeExpression(page, 'Text', 'fr');
    await page
      .locator('.suggest-widget .monaco-list-row', { hasText: /^fruit/ })
      .first()
      .waitFor();
    await page.keyboard.type('uit', { delay: 20 });
    await expect
      .poll(() => page.locator('.tsr-canvas [id^="row_text--"]').allTextContents())
      .toEqual(['apple', 'pear', 'plum']);

    // renaming the item renames its uses: the Text keeps showing each fruit
    await page.locator('[data-row-id="row"] > .outline-row').click();
    await inspector(page).getByRole('heading', { name: 'Container' }).waitFor();
    await section.getByLabel('Item name').fill('name');
    await expect
      .poll(async () => (await draftOf(harness, appId)).pages[0].root.children[2], { timeout: 10_000 })
      .toMatchObject({
        repeat: { items: { $expr: 'state.fruits' }, item: 'name' },
        children: [{ props: { text: { $expr: 'name' } } }],
      });
    expect(await page.locator('.tsr-canvas [id^="row_text--"]').allTextContents()).toEqual([
      'apple',
      'pear',
      'plum',
    ]);

    // stopping the repeat says which nodes still read the item; Undo brings the rows back
    await section.getByRole('button', { name: 'Stop repeating' }).click();
    await section
      .getByRole('alert')
      .getByText('Stopped repeating, but row_text still read its item or index (name, index)')
      .waitFor();
    await expect.poll(() => page.locator('.tsr-canvas [id^="row_text"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.tsr-canvas [id^="row_text--"]').count()).toBe(3);
    expect(violations).toEqual([]);
  }, 120_000);

  it('renames a state variable: the bound Text still shows its value and the draft reads the new name', async () => {
    const appId = await createDataApp();
    const page = await harness.newPage();
    const violations = await open(harness, page, appId);
    await expect.poll(() => page.locator('.tsr-canvas #total').textContent()).toBe('n=7/1');
    await page.getByRole('tab', { name: 'Data' }).click();
    const data = page.getByRole('region', { name: 'Data' });
    await data.getByRole('button', { name: 'Rename variable count', exact: true }).click();
    const field = data.getByRole('textbox', { name: 'New name for count' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    // a taken name is refused with its reason
    await field.fill('countX');
    await field.press('Enter');
    await data.getByRole('alert').getByText('“countX” is already used here.').waitFor();
    await field.fill('total');
    await field.press('Enter');
    await data
      .getByRole('status')
      .getByText(/^Renamed count to total/)
      .waitFor();
    await data.getByRole('button', { name: 'Rename variable total', exact: true }).waitFor();
    await expect.poll(() => page.locator('.tsr-canvas #total').textContent()).toBe('n=7/1');
    await expect
      .poll(
        async () => {
          const app = await draftOf(harness, appId);
          return [Object.keys(app.pages[0].state), app.pages[0].root.children[1].props.text];
        },
        { timeout: 10_000 },
      )
      .toEqual([['total', 'countX', 'fruits'], { $expr: "'n=' + state.total + '/' + state.countX" }]);
    expect(violations).toEqual([]);
  }, 120_000);

  it('shows a component only when its condition holds, and renames a query and a variable everywhere they are read', async () => {
    const appId = await createDataApp();
    const page = await harness.newPage();
    const violations = await open(harness, page, appId);
    await select(page, 'photo', 'Image');
    await typeExpression(page, 'Show when', 'state.count > 10');
    // count is 7: the canvas hides the photo, as the app would
    await expect.poll(() => page.locator('.tsr-canvas #photo').count()).toBe(0);
    await expect
      .poll(async () => (await draftOf(harness, appId)).pages[0].root.children[0].if, { timeout: 10_000 })
      .toEqual({ $expr: 'state.count > 10' });

    await page.getByRole('tab', { name: 'Data' }).click();
    const data = page.getByRole('region', { name: 'Data' });
    await data.getByRole('button', { name: 'Rename query news', exact: true }).click();
    const query = data.getByRole('textbox', { name: 'New name for news' });
    await expect.poll(() => query.evaluate((el) => el === document.activeElement)).toBe(true);
    await query.fill('feed');
    await query.press('Enter');
    await data.getByRole('button', { name: 'Rename query feed', exact: true }).waitFor();
    await data.getByRole('button', { name: 'Rename variable count', exact: true }).click();
    const variable = data.getByRole('textbox', { name: 'New name for count' });
    await expect.poll(() => variable.evaluate((el) => el === document.activeElement)).toBe(true);
    await variable.fill('visits');
    await variable.press('Enter');
    await data.getByRole('button', { name: 'Rename variable visits', exact: true }).waitFor();
    await expect
      .poll(
        async () => {
          const home = (await draftOf(harness, appId)).pages[0];
          return [Object.keys(home.queries), home.root.children[0].if, home.root.children[3].props.text];
        },
        { timeout: 10_000 },
      )
      .toEqual([
        ['feed'],
        { $expr: 'state.visits > 10' },
        { $expr: "queries.feed.loading ? 'loading' : 'news'" },
      ]);
    // still hidden: the renamed condition reads the same value
    expect(await page.locator('.tsr-canvas #photo').count()).toBe(0);
    expect(violations).toEqual([]);
  }, 120_000);
});
