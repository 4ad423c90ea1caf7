import { db } from '@tessera/function-sdk';

interface Context {
  appId: string;
  auth: { uid: string; roles?: string[] } | null;
}

const KINDS = ['complaint', 'suggestion'];
const CATEGORIES = ['environment', 'traffic', 'noise', 'facilities', 'services', 'other'];
// No 0/O, 1/I/L: numbers are read out over the phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

type Outcome = { ok: true; trackingNo: string } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Outcome => ({ ok: false, code, message });

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}

/** F + the date in China time + 6 random characters: unguessable, so the number alone may show progress. */
function trackingNumber(now: number): string {
  const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `F${day}-${suffix}`;
}

export async function main(event: Record<string, unknown>, context: Context): Promise<Outcome> {
  const uid = context.auth?.uid;
  if (!uid) return refuse('unauthenticated', '请先登录（Please sign in first）');
  const kind = typeof event.kind === 'string' && KINDS.includes(event.kind) ? event.kind : null;
  if (!kind) return refuse('bad-kind', '请选择反映类型（Choose complaint or suggestion）');
  const category =
    typeof event.category === 'string' && CATEGORIES.includes(event.category) ? event.category : null;
  if (!category) return refuse('bad-category', '请选择问题分类（Choose a category）');
  const location = text(event.location, 120);
  if (!location)
    return refuse('bad-location', '请填写事发地点，最多 120 字（Say where, up to 120 characters）');
  const content = text(event.content, 1000);
  if (!content)
    return refuse('bad-content', '请填写具体内容，最多 1000 字（Describe it, up to 1000 characters）');
  const contact =
    event.contact === undefined || event.contact === null || event.contact === ''
      ? ''
      : text(event.contact, 20);
  if (contact === null || (contact && !/^\+?[0-9][0-9 -]{4,18}$/.test(contact)))
    return refuse('bad-contact', '联系电话格式不正确（The phone number is not valid）');
  const photos = event.photos === undefined || event.photos === null ? [] : event.photos;
  const ownPhoto = `cloud://${context.appId}/feedback/`;
  if (
    !Array.isArray(photos) ||
    photos.length > 3 ||
    !photos.every((p) => typeof p === 'string' && p.startsWith(ownPhoto) && p.length <= 600)
  )
    return refuse('bad-photos', '最多 3 张本应用上传的照片（Up to 3 photos uploaded here）');

  const feedback = db.admin().collection('feedback');
  const now = Date.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const trackingNo = trackingNumber(now);
    try {
      await feedback.insertOne({
        _id: trackingNo,
        _openid: uid,
        trackingNo,
        kind,
        category,
        location,
        content,
        contact,
        photos,
        status: 'submitted',
        history: [{ status: 'submitted', at: now }],
        createdAt: now,
      });
      return { ok: true, trackingNo };
    } catch {
      // The same number was drawn twice (the _id is unique): draw again.
    }
  }
  return refuse('busy', '系统繁忙，请稍后再试（Please try again）');
}
