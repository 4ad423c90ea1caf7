import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string } | null;
}

/** Removing the sign-up document decides who gives the place back: two cancels at once free one place. */
export async function main(event: { activityId?: unknown }, context: Context) {
  const uid = context.auth?.uid;
  if (!uid) return { ok: false, code: 'unauthenticated', message: '请先登录（Please sign in first）' };
  const activityId = typeof event?.activityId === 'string' ? event.activityId : '';
  if (!/^[A-Za-z0-9_-]{1,39}$/.test(activityId))
    return { ok: false, code: 'bad-request', message: '缺少活动编号（No activity given）' };
  const admin = db.admin();
  // deleteMany matches and removes in one write transaction (deleteOne looks the id up first).
  const { deletedCount } = await admin.collection('signups').deleteMany({ _id: `${activityId}-${uid}` });
  if (deletedCount !== 1)
    return { ok: false, code: 'not-signed-up', message: '您未报名该活动（You are not signed up）' };
  await admin
    .collection('activities')
    .updateMany({ _id: activityId, signedUp: { $gt: 0 } }, { $inc: { signedUp: -1 } });
  return { ok: true };
}
