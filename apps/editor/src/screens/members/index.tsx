import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { defineMessages, useT } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import { useSession, type WorkspaceRole } from '../../app/session';
import {
  Button,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  errorMessage,
  Loading,
  SelectField,
  TableHead,
  TextField,
  useAsync,
  useSubmit,
  useToast,
} from '../../app/ui';
import { ReadOnlyNotice, ROLES, useDenial, useRoleLabel, useWorkspaceRole } from '../home/shared';
import '../home/home.css';

const messages = defineMessages('members', {
  en: {
    title: 'Members of {workspace}',
    invite: 'Invite a member',
    email: 'Email',
    role: 'Role',
    send: 'Invite',
    invited: 'Invited {email} as {role}',
    added: 'Added {email} as {role}',
    inviteTitle: 'Hand over this invitation',
    inviteHint:
      'The invitation is shown only now. Send the link (or the token) to {email}; it lets them choose a password and sign in.',
    inviteLink: 'Invitation link',
    inviteToken: 'Invitation token',
    copy: 'Copy',
    copied: 'Copied',
    done: 'Done',
    name: 'Name',
    status: 'Status',
    statusInvited: 'Invited (not signed in yet)',
    statusActive: 'Active',
    actions: 'Actions',
    remove: 'Remove',
    leave: 'Leave',
    removed: 'Removed {email}',
    roleChanged: '{email} is now {role}',
    roleOf: 'Role of {email}',
    confirmRemove: 'Remove {email} from this workspace? They lose access to its apps.',
    confirmLeave: 'Leave this workspace? You lose access to its apps.',
    cancel: 'Cancel',
    empty: 'No members.',
    you: '(you)',
    roles:
      'Owners manage members; developers build and publish apps; content editors change CMS entries; viewers only look.',
  },
  'zh-CN': {
    title: '{workspace} 的成员',
    invite: '邀请成员',
    email: '邮箱',
    role: '角色',
    send: '邀请',
    invited: '已邀请 {email}，角色为{role}',
    added: '已添加 {email}，角色为{role}',
    inviteTitle: '请转交这份邀请',
    inviteHint: '邀请只显示这一次。把链接（或令牌）发给 {email}，对方可以用它设置密码并登录。',
    inviteLink: '邀请链接',
    inviteToken: '邀请令牌',
    copy: '复制',
    copied: '已复制',
    done: '完成',
    name: '姓名',
    status: '状态',
    statusInvited: '已邀请（尚未登录）',
    statusActive: '正常',
    actions: '操作',
    remove: '移除',
    leave: '退出',
    removed: '已移除 {email}',
    roleChanged: '{email} 现在是{role}',
    roleOf: '{email} 的角色',
    confirmRemove: '将 {email} 移出此工作区？对方将无法再访问其中的应用。',
    confirmLeave: '退出此工作区？你将无法再访问其中的应用。',
    cancel: '取消',
    empty: '没有成员。',
    you: '（你）',
    roles: '所有者管理成员；开发者搭建和发布应用；内容编辑修改内容条目；查看者只能查看。',
  },
});

interface Member {
  accountId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  status: 'active' | 'invited';
}

/** Members of a workspace: invite (with the one-time invitation to hand over), change role, remove. */
export default function Members({ params }: ScreenProps): ReactNode {
  const workspaceId = params.workspaceId ?? '';
  const t = useT(messages);
  const toast = useToast();
  const session = useSession();
  const role = useWorkspaceRole(workspaceId);
  const denial = useDenial()(role, 'owner');
  const roleLabel = useRoleLabel();
  const workspace = session.workspaces.find((w) => w.id === workspaceId);
  const members = useAsync(
    (signal) =>
      api.get<{ members: Member[] }>(path('/api/workspaces/:workspaceId/members', { workspaceId }), {
        signal,
      }),
    [workspaceId],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const roleOptions = ROLES.map((value) => ({ value, label: roleLabel(value) }));

  const changeRole = async (member: Member, next: WorkspaceRole) => {
    setBusy(member.accountId);
    try {
      await api.patch(
        path('/api/workspaces/:workspaceId/members/:accountId', { workspaceId, accountId: member.accountId }),
        {
          role: next,
        },
      );
      toast(t('roleChanged', { email: member.email, role: roleLabel(next) }), 'success');
      if (member.accountId === session.account.id) await session.refresh();
      members.reload();
    } catch (error) {
      toast(errorMessage(error), 'error');
      members.reload();
    } finally {
      setBusy(null);
    }
  };

  const remove = async (member: Member) => {
    setBusy(member.accountId);
    try {
      await api.del(
        path('/api/workspaces/:workspaceId/members/:accountId', { workspaceId, accountId: member.accountId }),
      );
      toast(t('removed', { email: member.email }), 'success');
      if (member.accountId === session.account.id) {
        await session.refresh();
        navigate('/');
        return;
      }
      members.reload();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="members">
      <h1>{t('title', { workspace: workspace?.name ?? workspaceId })}</h1>
      <ReadOnlyNotice role={role} needs="owner" />
      <p className="field-hint">{t('roles')}</p>
      <InviteForm workspaceId={workspaceId} denial={denial} onInvited={members.reload} />
      {members.error ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : !members.data ? (
        <Loading />
      ) : members.data.members.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <table className="table">
          <TableHead columns={[t('name'), t('email'), t('role'), t('status'), t('actions')]} />
          <tbody>
            {members.data.members.map((member) => {
              const isMe = member.accountId === session.account.id;
              return (
                <tr key={member.accountId}>
                  <th scope="row">
                    {member.name} {isMe ? <small>{t('you')}</small> : null}
                  </th>
                  <td>{member.email}</td>
                  <td>
                    <select
                      aria-label={t('roleOf', { email: member.email })}
                      value={member.role}
                      disabled={!!denial || busy === member.accountId}
                      title={denial}
                      onChange={(event) => void changeRole(member, event.target.value as WorkspaceRole)}
                    >
                      {roleOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {member.status === 'invited' ? (
                      <span className="badge badge-info">{t('statusInvited')}</span>
                    ) : (
                      <span className="badge badge-success">{t('statusActive')}</span>
                    )}
                  </td>
                  <td>
                    <Button
                      variant="ghost"
                      className="home-delete"
                      // Anyone may leave; removing others needs the owner role.
                      disabled={!isMe && !!denial}
                      title={isMe ? undefined : denial}
                      busy={busy === member.accountId}
                      aria-label={`${isMe ? t('leave') : t('remove')} ${member.email}`}
                      onClick={() => setToRemove(member)}
                    >
                      {isMe ? t('leave') : t('remove')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        subject={toRemove}
        title={toRemove?.accountId === session.account.id ? t('leave') : t('remove')}
        question={(member) =>
          member.accountId === session.account.id
            ? t('confirmLeave')
            : t('confirmRemove', { email: member.email })
        }
        cancelLabel={t('cancel')}
        confirmLabel={toRemove?.accountId === session.account.id ? t('leave') : t('remove')}
        onCancel={() => setToRemove(null)}
        onConfirm={(member) => void remove(member)}
      />
    </div>
  );
}

function InviteForm({
  workspaceId,
  denial,
  onInvited,
}: {
  workspaceId: string;
  denial: string | undefined;
  onInvited: () => void;
}): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const roleLabel = useRoleLabel();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('developer');
  const { busy, error, run } = useSubmit();
  const [invitation, setInvitation] = useState<{ email: string; token: string } | null>(null);
  const submit = async () => {
    await run(async () => {
      const answer = await api.post<{ member: Member; inviteToken?: string }>(
        path('/api/workspaces/:workspaceId/members', { workspaceId }),
        { email, role },
      );
      const vars = { email: answer.member.email, role: roleLabel(answer.member.role) };
      toast(answer.inviteToken ? t('invited', vars) : t('added', vars), 'success');
      if (answer.inviteToken) setInvitation({ email: answer.member.email, token: answer.inviteToken });
      setEmail('');
      onInvited();
    });
  };
  const link = invitation
    ? `${location.origin}/accept-invite?token=${encodeURIComponent(invitation.token)}`
    : '';
  return (
    <form
      className="card console-section"
      aria-labelledby="members-invite-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="members-invite-title">{t('invite')}</h2>
      <fieldset disabled={!!denial} title={denial} className="console-row" style={{ border: 0, padding: 0 }}>
        <TextField
          label={t('email')}
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SelectField
          label={t('role')}
          value={role}
          options={ROLES.map((value) => ({ value, label: roleLabel(value) }))}
          onChange={(event) => setRole(event.target.value as WorkspaceRole)}
        />
        <div className="field">
          <Button type="submit" variant="primary" busy={busy} title={denial}>
            {t('send')}
          </Button>
        </div>
      </fieldset>
      {error ? <ErrorState error={error} /> : null}
      <Dialog
        title={t('inviteTitle')}
        open={invitation !== null}
        onClose={() => setInvitation(null)}
        footer={
          <Button variant="primary" onClick={() => setInvitation(null)}>
            {t('done')}
          </Button>
        }
      >
        {invitation ? (
          <>
            <p>{t('inviteHint', { email: invitation.email })}</p>
            <CopyBox label={t('inviteLink')} value={link} />
            <CopyBox label={t('inviteToken')} value={invitation.token} testId="invite-token" />
          </>
        ) : null}
      </Dialog>
    </form>
  );
}

function CopyBox({ label, value, testId }: { label: string; value: string; testId?: string }): ReactNode {
  const t = useT(messages);
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <span>{label}</span>
      <div className="copy-box">
        <code data-testid={testId}>{value}</code>
        <Button
          aria-label={`${t('copy')} ${label}`}
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
    </div>
  );
}
