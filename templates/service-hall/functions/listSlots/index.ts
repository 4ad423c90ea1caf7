// Appointment times of a service on a day: the schedule (seed/schedules.json) gives the times and
// the capacity; slot documents, created by the first booking, hold the places left.
import { db } from '@tessera/function-sdk';

interface Schedule {
  _id: string;
  capacity: number;
  times: string[];
  weekdays: number[];
  horizonDays: number;
}

/** Today in China Standard Time (UTC+8), as YYYY-MM-DD. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

export async function main(event: { service?: unknown; date?: unknown }) {
  const service = typeof event.service === 'string' ? event.service : '';
  const date = typeof event.date === 'string' ? event.date : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  const schedule = (await db.admin().collection('schedules').findOne({ _id: service })) as Schedule | null;
  if (!schedule) return [];
  const today = todayInChina();
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (date < today || date > addDays(today, schedule.horizonDays) || !schedule.weekdays.includes(weekday))
    return [];
  const taken = await db.admin().collection('slots').find({ service, date }, { limit: 100 });
  const left = new Map(taken.map((slot) => [slot.time as string, slot.remaining as number]));
  return schedule.times.map((time) => {
    const remaining = left.get(time) ?? schedule.capacity;
    return { time, remaining, capacity: schedule.capacity, full: remaining <= 0 };
  });
}
