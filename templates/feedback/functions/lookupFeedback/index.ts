import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string; roles?: string[] } | null;
}

const TRACKING_NO = /^F[0-9]{8}-[0-9A-Z]{6}$/;
const RATEABLE = ['replied', 'closed'];

/**
 * The tracking number is the key: it is unguessable, so whoever holds it sees the progress and the
 * reply. The contact number and the photos stay with the submitter and staff (the read rule).
 */
export async function main(event: { trackingNo?: unknown }, context: Context) {
  const trackingNo = typeof event?.trackingNo === 'string' ? event.trackingNo.trim().toUpperCase() : '';
  if (!TRACKING_NO.test(trackingNo))
    return { ok: false, code: 'bad-number', message: '受理编号格式不正确（Not a tracking number）' };
  const doc = await db.admin().collection('feedback').findOne({ _id: trackingNo });
  if (!doc)
    return { ok: false, code: 'not-found', message: '未找到该受理编号（No feedback with this number）' };
  const mine = context.auth !== null && doc._openid === context.auth.uid;
  return {
    ok: true,
    mine,
    canRate: mine && RATEABLE.includes(String(doc.status)) && doc.rating == null,
    item: {
      trackingNo: doc.trackingNo,
      kind: doc.kind,
      category: doc.category,
      location: doc.location,
      content: doc.content,
      status: doc.status,
      photoCount: Array.isArray(doc.photos) ? doc.photos.length : 0,
      // File ids only for the submitter; the storage rules keep the files themselves private too.
      photos: mine && Array.isArray(doc.photos) ? doc.photos : [],
      createdAt: doc.createdAt,
      reply: doc.reply ?? null,
      repliedAt: doc.repliedAt ?? null,
      rating: doc.rating ?? null,
      history: Array.isArray(doc.history)
        ? doc.history.map((step: { status?: unknown; at?: unknown }) => ({
            status: step.status,
            at: step.at,
          }))
        : [],
    },
  };
}
