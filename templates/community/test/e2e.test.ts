// The community template end to end: a real server creates an app from the template folder, the
// app's web build runs in Chromium against it as a resident would use it (read a notice with its
// picture, report a repair with a photo and watch its status change when the property office
// updates it, sign up for a volunteer activity), and the sign-up function never over-books when
// many residents ask for the last places at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Json, type TestServer } from '../../../apps/server/test/harness';
import { watchedPage } from '../../../packages/compiler/test/browser';
import type { Browser, Page, TemplateApp } from '../../test-support';
import { anonymousUser, startTemplateApp, userAccount } from '../../test-support';

// A 16×16 PNG, small enough to keep inline.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGO4YsFLEmIY1TCqYfhqAAArURkQH02MNwAAAABJRU5ErkJggg==',
  'base64',
);

let app: TemplateApp;
let server: TestServer;
let appId: string;
let browser: Browser;

/** Re-reads until it matches: actions, queries and function calls finish asynchronously. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const data = (rest: string) => `/api/apps/${appId}/db/data/${rest}`;

/** A fresh anonymous resident, signed in over the API. */
const resident = () => anonymousUser(app);

/** A username account with the staff role (set by the builder), for the property office desk. */
const staffAccount = () => userAccount(app, { prefix: 'office', roles: ['staff'] });

const signUp = (user: Client, activityId: string) =>
  user.post(`/app-api/${appId}/functions/signUpActivity`, { data: { activityId } });
const cancel = (user: Client, activityId: string) =>
  user.post(`/app-api/${appId}/functions/cancelSignUp`, { data: { activityId } });

beforeAll(async () => {
  app = await startTemplateApp({ template: 'community', name: '未来社区', functionWorkers: 2 });
  ({ server, appId, browser } = app);
}, 90_000);

afterAll(() => app?.close());

const open = (page: Page, path: string) => app.open(page, path);

describe('the template installs', () => {
  it('publishes the notices, seeds the activities, sets the rules and deploys the function', async () => {
    const notices = await server.anonymous.get(`/app-api/${appId}/cms/notice?sort=-publishDate`);
    expect(notices.status, notices.text).toBe(200);
    expect(notices.body.data.map((n: Json) => n.publishDate)).toEqual([
      '2026-11-20',
      '2026-11-18',
      '2026-11-15',
    ]);
    const activities = await server.admin.post(data('activities/query'), { sort: { startAt: 1 } });
    expect(activities.body.data.map((a: Json) => [a._id, a.limit, a.signedUp])).toEqual([
      ['waste-sorting-guide', 10, 0],
      ['elder-visit', 6, 0],
      ['park-clean-up', 20, 0],
    ]);
    const functions = await server.admin.get(`/api/apps/${appId}/functions`);
    expect(functions.body.functions.map((f: Json) => f.name).sort()).toEqual([
      'cancelSignUp',
      'signUpActivity',
      'updateRepair',
    ]);
    const rules = await server.admin.get(`/api/apps/${appId}/db/rules/repairs`);
    expect(rules.body.delete).toBe('false');
  });

  it('keeps residents to their own repair requests and the status to the property office', async () => {
    const mei = await resident();
    const lei = await resident();
    const request = { category: 'water', location: '1 栋 101', description: '水管漏水', status: 'submitted' };
    const added = await mei.post(`/app-api/${appId}/db/repairs/docs`, { data: request });
    expect(added.status, added.text).toBe(200);
    const id = added.body.id;
    // Another resident sees nothing; nobody files a request as already done or changes its status.
    expect((await lei.post(`/app-api/${appId}/db/repairs/query`, {})).body.data).toEqual([]);
    const done = await mei.post(`/app-api/${appId}/db/repairs/docs`, {
      data: { ...request, status: 'done' },
    });
    expect(done.status).toBe(403);
    const promoted = await mei.patch(`/app-api/${appId}/db/repairs/docs/${id}`, {
      update: { $set: { status: 'done' } },
    });
    expect(promoted.status).toBe(403);
    // Sign-ups are written by the function only.
    const forged = await mei.post(`/app-api/${appId}/db/signups/docs`, {
      data: { activityId: 'elder-visit' },
    });
    expect(forged.status).toBe(403);
  });
});

describe('in the browser', () => {
  it('reads a notice with its picture from the CMS', async () => {
    const media = await server.admin.request('POST', `/api/apps/${appId}/cms/media?name=cover.png`, {
      raw: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(media.status, media.text).toBe(201);
    const entry = await server.admin.post(`/api/apps/${appId}/cms/models/notice/entries`, {
      fields: {
        title: { 'zh-CN': '社区停车场划线施工', en: 'Car park repainting' },
        summary: { 'zh-CN': '周六停车场重新划线。', en: 'The car park is repainted on Saturday.' },
        body: {
          'zh-CN': '<p>施工期间请将车辆停放至临时停车区。</p>',
          en: '<p>Please park in the temporary area.</p>',
        },
        // A media library picture (its id): the app resolves it against the server's address.
        coverImage: media.body.id,
        coverAlt: { 'zh-CN': '停车场俯视图', en: 'The car park from above' },
        department: { 'zh-CN': '物业服务中心', en: 'Property office' },
        publishDate: '2026-11-24',
      },
      publish: true,
    });
    expect(entry.status, entry.text).toBe(201);

    const { page, problems, close } = await watchedPage(browser);
    try {
      await open(page, '/');
      const first = page.locator('[id^="home_notice_card--"]').first();
      await eventually(() => first.textContent()).toContain('社区停车场划线施工');
      const cover = first.getByRole('img', { name: '停车场俯视图' });
      await cover.scrollIntoViewIfNeeded();
      await eventually(() => cover.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(16);
      await page.getByRole('link', { name: '社区停车场划线施工' }).click();
      await page.waitForURL(`**/notices/${entry.body._id ?? entry.body.id}`);
      await eventually(() => page.locator('#notice_body').textContent()).toContain(
        '施工期间请将车辆停放至临时停车区',
      );
      await expect(page.getByRole('heading', { level: 1, name: '社区停车场划线施工' }).count()).resolves.toBe(
        1,
      );
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reports a repair with a photo and sees its status change when the property office updates it', async () => {
    const { page, problems, close } = await watchedPage(browser);
    try {
      await open(page, '/repair');
      await page.locator('#repair_category-input').selectOption({ label: '水电维修' });
      await page.getByLabel('报修地点').fill('3 栋 2 单元 501');
      await page.getByLabel('问题描述').fill('厨房水龙头漏水，关不紧。');
      await page.getByLabel('联系电话').fill('13800000000');
      const chooser = page.waitForEvent('filechooser');
      await page.locator('#repair_photos-input').click();
      await (await chooser).setFiles({ name: 'leak.png', mimeType: 'image/png', buffer: PNG });
      await eventually(() => page.locator('#repair_photos li').count()).toBe(1);
      await page.locator('#repair_submit').click();
      await page.waitForURL('**/my-repairs');
      const card = page.locator('[id^="my_repair_card--"]').first();
      await eventually(() => card.textContent()).toContain('3 栋 2 单元 501');
      expect(await card.locator('[id^="my_repair_status_submitted"]').textContent()).toBe('已提交');
      // The photo shows from a temporary URL of the app's storage (the resident may read their own).
      const photo = card.locator('img[alt="报修现场照片"]');
      await eventually(() => photo.count()).toBe(1);
      await photo.scrollIntoViewIfNeeded();
      await eventually(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
        0,
      );
      expect(await photo.getAttribute('src')).toMatch(
        /\/app-api\/[0-9a-f]{24}\/storage\/download\?path=repairs%2F/,
      );

      // The property office (a builder) takes the request up; the photo arrived in the app's storage.
      const stored = await server.admin.post(data('repairs/query'), {
        filter: { location: '3 栋 2 单元 501' },
      });
      const [request] = stored.body.data;
      expect(request).toMatchObject({ category: 'water', status: 'submitted', phone: '13800000000' });
      expect(request.photos).toHaveLength(1);
      expect(request.photos[0]).toMatch(new RegExp(`^cloud://${appId}/repairs/.+leak\\.png$`));
      for (const [status, label] of [
        ['accepted', '已受理'],
        ['in_progress', '处理中'],
      ]) {
        const update = {
          $set: { status, note: status === 'in_progress' ? '维修师傅下午 3 点上门。' : null },
        };
        const changed = await server.admin.patch(data(`repairs/docs/${request._id}`), { update });
        expect(changed.status, changed.text).toBe(200);
        await page.locator('#my_repairs_refresh').click();
        await eventually(() =>
          card.locator('[id^="my_repair_status_"]:not([id^="my_repair_status_label"])').allTextContents(),
        ).toEqual([label]);
      }
      await eventually(() => card.locator('[id^="my_repair_note_text"]').textContent()).toBe(
        '维修师傅下午 3 点上门。',
      );
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the property office signs in, sees every request and moves one to done', async () => {
    const staff = await staffAccount();
    const [request] = (
      await server.admin.post(data('repairs/query'), { filter: { location: '3 栋 2 单元 501' } })
    ).body.data;
    // Nobody updates requests through the database; the function checks the role and the values.
    const direct = await staff.client.patch(`/app-api/${appId}/db/repairs/docs/${request._id}`, {
      update: { $set: { status: 'done' } },
    });
    expect(direct.status).toBe(403);
    const update = (user: Client, body: Json) =>
      user.post(`/app-api/${appId}/functions/updateRepair`, { data: { id: request._id, ...body } });
    expect((await update(await resident(), { status: 'done' })).body.result.code).toBe('forbidden');
    expect((await update(staff.client, { status: 'lost' })).body.result.code).toBe('bad-status');
    expect((await update(staff.client, { status: 'done', note: 'x'.repeat(301) })).body.result.code).toBe(
      'bad-note',
    );

    const { page, problems, close } = await watchedPage(browser);
    try {
      await open(page, '/office');
      await page.getByLabel('用户名').fill(staff.username);
      await page.getByLabel('密码').fill(staff.password);
      await page.locator('#office_sign_in').click();
      await page.getByRole('link', { name: '处理 / Handle: 3 栋 2 单元 501' }).click();
      await page.waitForURL(`**/office/${request._id}`);
      await eventually(() => page.locator('#office_request_card').textContent()).toContain('13800000000');
      await page.locator('#office_status-input').selectOption({ label: '已完成' });
      await page.getByLabel('给居民的说明（选填）').fill('已更换水龙头。');
      await page.locator('#office_save').click();
      await eventually(() => page.locator('#office_request_status_value_done').count()).toBe(1);
      const { body } = await server.admin.get(data(`repairs/docs/${request._id}`));
      expect(body.data).toMatchObject({ status: 'done', note: '已更换水龙头。', phone: '13800000000' });
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('signs up for a volunteer activity and cancels', async () => {
    const { page, problems, close } = await watchedPage(browser);
    try {
      await open(page, '/activities');
      const card = page.locator('[id^="activity_card--"]', { hasText: '关爱长者上门陪伴' });
      await eventually(() => card.locator('[id^="activity_quota--"]').textContent()).toBe('0 / 6');
      await card.getByRole('button', { name: /^报名 .*关爱长者上门陪伴/ }).click();
      await eventually(() => card.locator('[id^="activity_signed--"]').count()).toBe(1);
      await eventually(() => card.locator('[id^="activity_quota--"]').textContent()).toBe('1 / 6');
      expect(await card.getByRole('button', { name: /^报名 .*关爱长者上门陪伴/ }).count()).toBe(0);

      // Giving the place back, after confirming.
      await card.getByRole('button', { name: /^取消报名 .*关爱长者上门陪伴/ }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await eventually(() => card.locator('[id^="activity_quota--"]').textContent()).toBe('0 / 6');
      expect(await card.locator('[id^="activity_signed--"]').count()).toBe(0);
      expect(problems.csp).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the sign-up limit', () => {
  it('holds under simultaneous sign-ups: exactly `limit` residents get a place', async () => {
    const added = await server.admin.post(data('activities/docs'), {
      data: { title: '最后几个名额', time: '2026-12-20 09:00', place: '社区服务站', limit: 3, signedUp: 0 },
    });
    expect(added.status, added.text).toBe(200);
    const activityId = added.body.id;
    const residents = await Promise.all(Array.from({ length: 8 }, () => resident()));
    const replies = await Promise.all(residents.map((user) => signUp(user, activityId)));
    for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    const outcomes = replies.map((reply) => (reply.body.result.ok ? 'ok' : reply.body.result.code));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'full')).toHaveLength(5);

    const activity = await server.admin.get(data(`activities/docs/${activityId}`));
    expect(activity.body.data.signedUp).toBe(3);
    const signups = await server.admin.post(data('signups/count'), { filter: { activityId } });
    expect(signups.body.total).toBe(3);
    // The ones who got a place are the ones with a sign-up document.
    const winners = residents.filter((_, i) => outcomes[i] === 'ok').map((r) => r.uid);
    const owners = await server.admin.post(data('signups/query'), { filter: { activityId } });
    expect(owners.body.data.map((s: Json) => s._openid).sort()).toEqual(winners.sort());

    // A place given back (twice at once) frees exactly one place, which the next resident takes.
    const winner = residents[outcomes.indexOf('ok')] as Client;
    const cancels = await Promise.all([cancel(winner, activityId), cancel(winner, activityId)]);
    expect(cancels.map((r) => r.body.result.ok).sort()).toEqual([false, true]);
    expect((await server.admin.get(data(`activities/docs/${activityId}`))).body.data.signedUp).toBe(2);
    const late = await Promise.all([resident(), resident()]);
    const lateReplies = await Promise.all(late.map((user) => signUp(user, activityId)));
    expect(lateReplies.map((r) => r.body.result.ok).sort()).toEqual([false, true]);
    expect((await server.admin.get(data(`activities/docs/${activityId}`))).body.data.signedUp).toBe(3);
  });

  it('gives one resident one place even when they tap twice at once', async () => {
    const added = await server.admin.post(data('activities/docs'), {
      data: { title: '双击报名', time: '2026-12-21 09:00', place: '社区服务站', limit: 5, signedUp: 0 },
    });
    const activityId = added.body.id;
    const mei = await resident();
    const replies = await Promise.all([signUp(mei, activityId), signUp(mei, activityId)]);
    expect(replies.map((r) => r.body.result.ok).sort()).toEqual([false, true]);
    expect(replies.find((r) => !r.body.result.ok)?.body.result.code).toBe('already');
    expect((await server.admin.get(data(`activities/docs/${activityId}`))).body.data.signedUp).toBe(1);
  });

  it('refuses bad input with a message, never a crash', async () => {
    const mei = await resident();
    for (const activityId of ['', 'no-such-activity', 'x'.repeat(200)]) {
      const reply = await signUp(mei, activityId);
      expect(reply.status).toBe(200);
      expect(reply.body.result.ok).toBe(false);
      expect(reply.body.result.message).toMatch(/\S/);
    }
    const signedOut = await new Client(server.url).post(`/app-api/${appId}/functions/signUpActivity`, {
      data: { activityId: 'elder-visit' },
    });
    expect(signedOut.status === 401 || signedOut.body.result?.code === 'unauthenticated').toBe(true);
  });
});
