import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string; roles?: string[] } | null;
}

type Outcome = { ok: true; signedUp: number; limit: number } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Outcome => ({ ok: false, code, message });

/**
 * A place is taken before the sign-up document exists, with one conditional update
 * (`signedUp < limit` and `$inc` in the store's single write transaction), and given back only
 * when that document cannot be written or is removed again. So `signedUp` never counts fewer
 * places than there are sign-ups, and simultaneous sign-ups never take more than the limit. The
 * document's _id is `<activity>-<uid>`: a second sign-up by the same resident fails on it.
 */
export async function main(event: { activityId?: unknown }, context: Context): Promise<Outcome> {
  const uid = context.auth?.uid;
  if (!uid) return refuse('unauthenticated', '请先登录后再报名（Please sign in first）');
  const activityId = typeof event?.activityId === 'string' ? event.activityId : '';
  if (!/^[A-Za-z0-9_-]{1,39}$/.test(activityId))
    return refuse('bad-request', '缺少活动编号（No activity given）');

  const admin = db.admin();
  const places = admin.collection('activities');
  const signups = admin.collection('signups');
  // Document ids are at most 64 characters: a 39-character activity id, "-" and the 24-character uid.
  const signupId = `${activityId}-${uid}`;
  const activity = await places.findOne({ _id: activityId });
  if (!activity) return refuse('not-found', '活动不存在或已结束（No such activity）');
  const limit = Number(activity.limit);
  if (!Number.isInteger(limit) || limit < 1)
    return refuse('closed', '该活动未开放报名（Sign-up is not open）');
  if (await signups.findOne({ _id: signupId }))
    return refuse('already', '您已报名该活动（You are already signed up）');

  const taken = await places.updateMany(
    { _id: activityId, signedUp: { $lt: limit } },
    { $inc: { signedUp: 1 } },
  );
  if (taken.matchedCount !== 1) return refuse('full', '名额已满（No places left）');

  try {
    await signups.insertOne({
      _id: signupId,
      _openid: uid,
      activityId,
      createdAt: Date.now(),
    });
  } catch {
    await places.updateMany({ _id: activityId, signedUp: { $gt: 0 } }, { $inc: { signedUp: -1 } });
    return refuse('already', '您已报名该活动（You are already signed up）');
  }
  const after = await places.findOne({ _id: activityId });
  return { ok: true, signedUp: Number(after?.signedUp ?? 0), limit };
}
