import { db } from '@tessera/function-sdk';

interface Context {
  auth: { uid: string; roles?: string[] } | null;
}

const STATUSES = ['submitted', 'accepted', 'in_progress', 'done'];

/**
 * The staff role is checked here, on the server, and only the status and the note change: the
 * database rules let nobody update requests directly.
 */
export async function main(event: Record<string, unknown>, context: Context) {
  const auth = context.auth;
  if (!auth || !(auth.roles ?? []).includes('staff'))
    return { ok: false, code: 'forbidden', message: '仅物业工作人员可以处理（Only staff can do this）' };
  const id = typeof event.id === 'string' ? event.id : '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    return { ok: false, code: 'not-found', message: '报修不存在（No such request）' };
  const status = typeof event.status === 'string' && STATUSES.includes(event.status) ? event.status : null;
  if (!status) return { ok: false, code: 'bad-status', message: '请选择处理状态（Choose a status）' };
  const note = typeof event.note === 'string' ? event.note.trim() : '';
  if (note.length > 300)
    return { ok: false, code: 'bad-note', message: '说明最多 300 字（The note is at most 300 characters）' };

  const now = Date.now();
  const { matchedCount } = await db
    .admin()
    .collection('repairs')
    .updateMany(
      { _id: id },
      {
        $set: { status, note, updatedAt: now, updatedBy: auth.uid },
        $push: { history: { status, at: now, by: auth.uid } },
      },
    );
  if (matchedCount !== 1) return { ok: false, code: 'not-found', message: '报修不存在（No such request）' };
  return { ok: true, status };
}
