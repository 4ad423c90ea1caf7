// The 12345 feedback template end to end: a real server creates an app from the template folder,
// and the app's web build runs in Chromium against it. A citizen sends a complaint with a photo and
// gets a tracking number, looks it up; a staff member (end-user role `staff`) signs in, replies and
// changes the status; the citizen sees the reply and rates it. The API-level checks show that the
// security rules and the functions, not the pages, keep the data to the right people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Json, TestServer } from '../../../apps/server/test/harness';
import { watchedPage } from '../../../packages/compiler/test/browser';
import type { Browser, Page, TemplateApp } from '../../test-support';
import { anonymousUser, startTemplateApp, userAccount } from '../../test-support';

// A 16×16 PNG, small enough to keep inline.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGO4YsFLEmIY1TCqYfhqAAArURkQH02MNwAAAABJRU5ErkJggg==',
  'base64',
);
const TRACKING_NO = /^F\d{8}-[0-9A-Z]{6}$/;

let app: TemplateApp;
let server: TestServer;
let appId: string;
let browser: Browser;

/** Re-reads until it matches: actions, queries and function calls finish asynchronously. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const call = (user: Client, name: string, data: Json) =>
  user.post(`/app-api/${appId}/functions/${name}`, { data });

const anonymous = () => anonymousUser(app);

/** A username account; with `staff` the builder gives it the staff role first. */
const account = (roles: string[] = []) => userAccount(app, { prefix: 'clerk', roles });

const complaint = {
  kind: 'complaint',
  category: 'noise',
  location: '人民路 88 号',
  content: '夜间施工噪音扰民。',
};

beforeAll(async () => {
  app = await startTemplateApp({ template: 'feedback', name: '12345 市民热线', functionWorkers: 2 });
  ({ server, appId, browser } = app);
}, 90_000);

afterAll(() => app?.close());

const open = (page: Page, path: string) => app.open(page, path);

describe('the template installs and guards its data', () => {
  it('deploys the functions and sets the rules', async () => {
    const functions = await server.admin.get(`/api/apps/${appId}/functions`);
    expect(functions.body.functions.map((f: Json) => f.name).sort()).toEqual([
      'lookupFeedback',
      'rateFeedback',
      'replyFeedback',
      'submitFeedback',
    ]);
    const rules = await server.admin.get(`/api/apps/${appId}/db/rules/feedback`);
    expect(rules.body).toMatchObject({ create: 'false', update: 'false', delete: 'false' });
  });

  it('answers bad input with a message and keeps feedback to its submitter and staff', async () => {
    const citizen = await anonymous();
    for (const bad of [
      { ...complaint, kind: 'praise' },
      { ...complaint, category: 'weather' },
      { ...complaint, location: '' },
      { ...complaint, content: 'x'.repeat(1001) },
      { ...complaint, contact: 'call me' },
      { ...complaint, photos: ['https://example.com/a.png'] },
    ]) {
      const reply = await call(citizen, 'submitFeedback', bad);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.result).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) });
    }
    const sent = await call(citizen, 'submitFeedback', complaint);
    expect(sent.body.result.trackingNo).toMatch(TRACKING_NO);
    const trackingNo = sent.body.result.trackingNo;

    // Nobody writes feedback around the functions; another citizen reads none of it.
    const direct = await citizen.post(`/app-api/${appId}/db/feedback/docs`, { data: complaint });
    expect(direct.status).toBe(403);
    const other = await anonymous();
    expect((await other.post(`/app-api/${appId}/db/feedback/query`, {})).body.data).toEqual([]);
    expect((await citizen.post(`/app-api/${appId}/db/feedback/query`, {})).body.data).toHaveLength(1);
    // The number shows progress to whoever holds it, but never the phone number.
    const looked = await call(other, 'lookupFeedback', { trackingNo: trackingNo.toLowerCase() });
    expect(looked.body.result).toMatchObject({ ok: true, mine: false, canRate: false });
    expect(looked.body.result.item).not.toHaveProperty('contact');
    // Nor the photos' file ids: only the submitter gets those.
    expect(looked.body.result.item.photos).toEqual([]);
    for (const trackingNo of ['', 'F2026', 'F20261125-000000', { $gt: '' }]) {
      const miss = await call(other, 'lookupFeedback', { trackingNo });
      expect(miss.body.result).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) });
    }
    // Only staff reply; only the submitter rates, and only after a reply.
    const notStaff = await call(citizen, 'replyFeedback', { id: trackingNo, status: 'replied', reply: '好' });
    expect(notStaff.body.result).toMatchObject({ ok: false, code: 'forbidden' });
    const early = await call(citizen, 'rateFeedback', { trackingNo, rating: 5 });
    expect(early.body.result).toMatchObject({ ok: false, code: 'not-replied' });
    const { client: staff } = await account(['staff']);
    expect((await staff.post(`/app-api/${appId}/db/feedback/query`, {})).body.data.length).toBeGreaterThan(0);
    const badStatus = await call(staff, 'replyFeedback', {
      id: trackingNo,
      status: 'submitted',
      reply: '好',
    });
    expect(badStatus.body.result).toMatchObject({ ok: false, code: 'bad-status' });
    const replied = await call(staff, 'replyFeedback', {
      id: trackingNo,
      status: 'replied',
      reply: '已责令停工。',
    });
    expect(replied.body.result).toMatchObject({ ok: true });
    const stranger = await call(other, 'rateFeedback', { trackingNo, rating: 1 });
    expect(stranger.body.result).toMatchObject({ ok: false, code: 'not-yours' });
    const ratings = await Promise.all([
      call(citizen, 'rateFeedback', { trackingNo, rating: 4 }),
      call(citizen, 'rateFeedback', { trackingNo, rating: 1 }),
    ]);
    expect(ratings.map((r) => r.body.result.ok).sort()).toEqual([false, true]);
  });
});

describe('in the browser', () => {
  let trackingNo = '';
  let citizen: Awaited<ReturnType<typeof watchedPage>>;

  it('a citizen sends a complaint with a photo, gets a tracking number and looks it up', async () => {
    citizen = await watchedPage(browser);
    const { page, problems } = citizen;
    await open(page, '/submit');
    await page.getByLabel('投诉').check();
    await page.locator('#submit_category-input').selectOption({ label: '市容环境' });
    await page.getByLabel('事发地点').fill('解放路 12 号门口');
    await page.getByLabel('具体内容').fill('人行道井盖破损，存在安全隐患。');
    await page.getByLabel('联系电话（选填，仅工作人员可见）').fill('13900000000');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#submit_photos-input').click();
    await (await chooser).setFiles({ name: 'manhole.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => page.locator('#submit_photos li').count()).toBe(1);
    await page.locator('#submit_send').click();
    await eventually(async () => (await page.locator('#submit_tracking_no').textContent()) ?? '').toMatch(
      TRACKING_NO,
    );
    trackingNo = (await page.locator('#submit_tracking_no').textContent()) ?? '';

    const stored = await server.admin.get(`/api/apps/${appId}/db/data/feedback/docs/${trackingNo}`);
    expect(stored.body.data).toMatchObject({
      kind: 'complaint',
      category: 'environment',
      status: 'submitted',
    });
    expect(stored.body.data.photos[0]).toMatch(new RegExp(`^cloud://${appId}/feedback/.+manhole\\.png$`));

    // From the receipt to the lookup page, then by typing the number.
    await page.locator('#submit_receipt_track').click();
    await page.waitForURL(`**/lookup?no=${trackingNo}`);
    await eventually(() => page.locator('#lookup_result').textContent()).toContain('解放路 12 号门口');
    expect(await page.locator('#lookup_status_value_submitted').textContent()).toBe('已受理');
    await open(page, '/lookup');
    await page.getByLabel('受理编号').fill(trackingNo);
    await page.locator('#lookup_go').click();
    await eventually(() => page.locator('#lookup_result').textContent()).toContain('人行道井盖破损');
    // The submitter sees the photo itself, from a temporary URL of the app's storage.
    const photo = page.locator('img[alt="反映问题的现场照片"]');
    await eventually(() => photo.count()).toBe(1);
    await photo.scrollIntoViewIfNeeded();
    await eventually(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
      0,
    );
    expect(await page.locator('#lookup_photos_value').count()).toBe(0);
    expect(await page.locator('#lookup_rate').count()).toBe(0);
    expect(problems.csp).toEqual([]);
    expect(problems.errors).toEqual([]);
  });

  it('staff sign in, reply and change the status; others cannot use the desk', async () => {
    const outsider = await account();
    const staff = await account(['staff']);
    const { page, problems, close } = await watchedPage(browser);
    try {
      await open(page, '/staff');
      await page.getByLabel('用户名').fill(outsider.username);
      await page.getByLabel('密码').fill(outsider.password);
      await page.locator('#staff_sign_in').click();
      await eventually(() => page.getByText('该账号没有工作人员权限').count()).toBe(1);
      expect(await page.locator('#staff_desk').count()).toBe(0);

      await page.getByLabel('用户名').fill(staff.username);
      await page.getByLabel('密码').fill(staff.password);
      await page.locator('#staff_sign_in').click();
      await page.getByRole('link', { name: `处理 / Handle ${trackingNo}` }).click();
      await page.waitForURL(`**/staff/${trackingNo}`);
      await eventually(() => page.locator('#staff_detail_card').textContent()).toContain('13900000000');
      const staffPhoto = page.locator('img[alt="反映问题的现场照片"]');
      await eventually(() => staffPhoto.count()).toBe(1);
      await staffPhoto.scrollIntoViewIfNeeded();
      await eventually(() =>
        staffPhoto.evaluate((img) => (img as HTMLImageElement).naturalWidth),
      ).toBeGreaterThan(0);
      await page.locator('#reply_status-input').selectOption({ label: '已答复' });
      await page.getByLabel('答复内容').fill('已通知市政部门，井盖将于 3 日内更换。');
      await page.locator('#reply_send').click();
      await eventually(() => page.locator('#staff_detail_status_value_replied').count()).toBe(1);

      // The staff member may open the citizen's photo; another citizen may not.
      const { body } = await server.admin.get(`/api/apps/${appId}/db/data/feedback/docs/${trackingNo}`);
      expect(body.data).toMatchObject({ status: 'replied', reply: '已通知市政部门，井盖将于 3 日内更换。' });
      const photo = { fileList: [body.data.photos[0]] };
      const forStaff = await staff.client.post(`/app-api/${appId}/storage/temp-urls`, photo);
      expect(forStaff.body.fileList[0].code).toBe('SUCCESS');
      const forOther = await (await anonymous()).post(`/app-api/${appId}/storage/temp-urls`, photo);
      expect(forOther.body.fileList[0].code).not.toBe('SUCCESS');
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the citizen sees the reply and rates it once', async () => {
    const { page, problems, close } = citizen;
    try {
      await open(page, `/lookup?no=${trackingNo}`);
      await eventually(() => page.locator('#lookup_reply_text').textContent()).toBe(
        '已通知市政部门，井盖将于 3 日内更换。',
      );
      expect(await page.locator('#lookup_status_value_replied').textContent()).toBe('已答复');
      // The progress list shows each step the staff took.
      expect(await page.locator('[id^="lookup_step_status_"]').allTextContents()).toEqual([
        '已受理',
        '已答复',
      ]);
      await page.getByLabel('满意', { exact: true }).check();
      await page.getByLabel('补充意见（选填）').fill('处理及时。');
      await page.locator('#rate_send').click();
      await eventually(() => page.locator('#lookup_rated_value_4').count()).toBe(1);
      expect(await page.locator('#lookup_rate').count()).toBe(0);
      const { body } = await server.admin.get(`/api/apps/${appId}/db/data/feedback/docs/${trackingNo}`);
      expect(body.data).toMatchObject({ rating: 4, ratingComment: '处理及时。' });
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
