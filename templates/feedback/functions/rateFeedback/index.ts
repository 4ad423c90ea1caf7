import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string } | null;
}

const RATEABLE = ['replied', 'closed'];

export async function main(event: Record<string, unknown>, context: Context) {
  const uid = context.auth?.uid;
  if (!uid) return { ok: false, code: 'unauthenticated', message: '请先登录（Please sign in first）' };
  const trackingNo = typeof event.trackingNo === 'string' ? event.trackingNo.trim().toUpperCase() : '';
  if (!/^F[0-9]{8}-[0-9A-Z]{6}$/.test(trackingNo))
    return { ok: false, code: 'bad-number', message: '受理编号格式不正确（Not a tracking number）' };
  const rating = Number(event.rating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    return { ok: false, code: 'bad-rating', message: '请选择 1–5 分（Choose 1 to 5）' };
  const comment = typeof event.comment === 'string' ? event.comment.trim().slice(0, 300) : '';

  const feedback = db.admin().collection('feedback');
  // One conditional update: only the submitter, only after a reply, only once.
  const { matchedCount } = await feedback.updateMany(
    { _id: trackingNo, _openid: uid, status: { $in: RATEABLE }, rating: { $exists: false } },
    { $set: { rating, ratingComment: comment, ratedAt: Date.now() } },
  );
  if (matchedCount === 1) return { ok: true, rating };
  const doc = await feedback.findOne({ _id: trackingNo });
  if (!doc || doc._openid !== uid)
    return {
      ok: false,
      code: 'not-yours',
      message: '只能评价自己提交的反映（You can only rate your own feedback）',
    };
  if (doc.rating != null) return { ok: false, code: 'already', message: '您已评价过（Already rated）' };
  return { ok: false, code: 'not-replied', message: '答复后才能评价（You can rate once it is replied）' };
}
