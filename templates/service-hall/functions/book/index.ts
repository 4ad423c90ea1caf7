// Books an appointment. The place is taken with one conditional update on the slot document
// ({ remaining > 0 } → remaining - 1), which the store runs as a transaction: of two people asking
// for the last place at the same moment, exactly one gets it.
import { db } from '@tessera/function-sdk';

interface Schedule {
  _id: string;
  title?: { 'zh-CN'?: string; en?: string };
  capacity: number;
  times: string[];
  weekdays: number[];
  horizonDays: number;
}

interface Input {
  service?: unknown;
  date?: unknown;
  time?: unknown;
  name?: unknown;
  phone?: unknown;
}

interface Context {
  auth: { uid: string; anonymous: boolean } | null;
}

type Result =
  | { ok: true; reference: string; service: string; date: string; time: string; remaining: number }
  | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Result => ({ ok: false, code, message });

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** SH-<date>-<6 letters/digits>: short enough to read out on the phone. */
function referenceFor(date: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 6; i += 1) code += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `SH-${date.replace(/-/g, '')}-${code}`;
}

export async function main(event: Input, context: Context): Promise<Result> {
  if (!context.auth) return refuse('signed-out', '请先登录 / Please sign in first');
  const service = typeof event.service === 'string' ? event.service : '';
  const date = typeof event.date === 'string' ? event.date : '';
  const time = typeof event.time === 'string' ? event.time : '';
  const name = typeof event.name === 'string' ? event.name.trim() : '';
  const phone = typeof event.phone === 'string' ? event.phone.trim() : '';
  if (!name || name.length > 50) return refuse('invalid', '请填写姓名 / Please give your name');
  if (!/^1\d{10}$/.test(phone))
    return refuse('invalid', '请填写 11 位手机号 / Please give an 11-digit mobile number');

  const admin = db.admin();
  const schedule = (await admin.collection('schedules').findOne({ _id: service })) as Schedule | null;
  if (!schedule) return refuse('unknown-service', '该事项不支持预约 / This service cannot be booked');
  const today = todayInChina();
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const bookable =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    date >= today &&
    date <= addDays(today, schedule.horizonDays) &&
    schedule.weekdays.includes(weekday) &&
    schedule.times.includes(time);
  if (!bookable) return refuse('unavailable', '该时段不可预约 / This time cannot be booked');

  const slotId = `${service}_${date}_${time.replace(':', '')}`;
  const mine = await admin
    .collection('appointments')
    .findOne({ _openid: context.auth.uid, slot: slotId, status: { $ne: 'cancelled' } });
  if (mine) return refuse('duplicate', '您已预约该时段 / You already booked this time');

  // The first booking of a slot creates it; a racing first booking makes this insert fail, which is fine.
  if (!(await admin.collection('slots').findOne({ _id: slotId }))) {
    try {
      await admin.collection('slots').insertOne({
        _id: slotId,
        service,
        date,
        time,
        capacity: schedule.capacity,
        remaining: schedule.capacity,
      });
    } catch {
      // Another booking created it first.
    }
  }
  const taken = await admin
    .collection('slots')
    .updateMany({ _id: slotId, remaining: { $gt: 0 } }, { $inc: { remaining: -1 } });
  if (taken.matchedCount !== 1) return refuse('full', '该时段已约满 / This time is fully booked');

  const reference = referenceFor(date);
  const now = new Date().toISOString();
  await admin.collection('appointments').insertOne({
    _openid: context.auth.uid,
    reference,
    service,
    serviceTitle: schedule.title ?? { 'zh-CN': service, en: service },
    slot: slotId,
    date,
    time,
    name,
    phone,
    status: 'booked',
    steps: [{ status: 'booked', at: now }],
    createdAt: now,
  });
  const slot = await admin.collection('slots').findOne({ _id: slotId });
  return { ok: true, reference, service, date, time, remaining: Number(slot?.remaining ?? 0) };
}
