import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string; roles?: string[] } | null;
}

const STATUSES = ['processing', 'replied', 'closed'];

/** The staff role is checked here, on the server: the page hiding its form is not what protects the data. */
export async function main(event: Record<string, unknown>, context: Context) {
  const auth = context.auth;
  if (!auth || !(auth.roles ?? []).includes('staff'))
    return { ok: false, code: 'forbidden', message: '仅工作人员可以答复（Only staff can reply）' };
  const id = typeof event.id === 'string' ? event.id : '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    return { ok: false, code: 'not-found', message: '工单不存在（No such feedback）' };
  const status = typeof event.status === 'string' && STATUSES.includes(event.status) ? event.status : null;
  if (!status) return { ok: false, code: 'bad-status', message: '请选择办理状态（Choose a status）' };
  const reply = typeof event.reply === 'string' ? event.reply.trim() : '';
  if (reply.length === 0 || reply.length > 1000)
    return {
      ok: false,
      code: 'bad-reply',
      message: '请填写答复内容，最多 1000 字（Write a reply, up to 1000 characters）',
    };

  const now = Date.now();
  const { matchedCount } = await db
    .admin()
    .collection('feedback')
    .updateMany(
      { _id: id },
      {
        $set: { status, reply, repliedAt: now, repliedBy: auth.uid },
        $push: { history: { status, at: now, by: auth.uid } },
      },
    );
  if (matchedCount !== 1) return { ok: false, code: 'not-found', message: '工单不存在（No such feedback）' };
  return { ok: true, status };
}
