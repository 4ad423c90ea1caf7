import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string; roles?: string[] } | null;
}

type Outcome = { ok: true; signedUp: number; limit: number } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Outcome => ({ ok: false, code, message });

/**
 * One place per resident per activity. The sign-up document's _id is `<activity>-<uid>`, so a
 * second sign-up by the same resident fails on the unique _id; the place itself is taken with one
 * conditional update (`signedUp < limit` and `$inc` in the store's single write transaction), so
 * simultaneous sign-ups can never take more places than the limit.
 */
export async function main(event: { activityId?: unknown }, context: Context): Promise<Outcome> {
  const uid = context.auth?.uid;
  if (!uid) return refuse('unauthenticated', '请先登录后再报名（Please sign in first）');
  const activityId = typeof event?.activityId === 'string' ? event.activityId : '';
  if (!activityId || activityId.length > 39)
    return refuse('bad-request', '缺少活动编号（No activity given）');

  const admin = db.admin();
  const activity = await admin.collection('activities').findOne({ _id: activityId });
  if (!activity) return refuse('not-found', '活动不存在或已结束（No such activity）');
  const limit = Number(activity.limit);
  if (!Number.isInteger(limit) || limit < 1)
    return refuse('closed', '该活动未开放报名（Sign-up is not open）');

  // Document ids are at most 64 characters: a 39-character activity id, "-" and the 24-character uid.
  const signupId = `${activityId}-${uid}`;
  try {
    await admin.collection('signups').insertOne({
      _id: signupId,
      _openid: uid,
      activityId,
      createdAt: Date.now(),
    });
  } catch {
    return refuse('already', '您已报名该活动（You are already signed up）');
  }

  const taken = await admin
    .collection('activities')
    .updateMany({ _id: activityId, signedUp: { $lt: limit } }, { $inc: { signedUp: 1 } });
  if (taken.matchedCount !== 1) {
    await admin.collection('signups').deleteOne({ _id: signupId });
    return refuse('full', '名额已满（No places left）');
  }
  const after = await admin.collection('activities').findOne({ _id: activityId });
  return { ok: true, signedUp: Number(after?.signedUp ?? 0), limit };
}
