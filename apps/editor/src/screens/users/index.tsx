import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useCurrentApp } from '../../app/app-context';
import { defineMessages, useT } from '../../app/i18n';
import type { ScreenProps } from '../../app/routes';
import { canEdit } from '../../app/session';
import {
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  TableHead,
  TextField,
  useAsync,
  useToast,
} from '../../app/ui';

const messages = defineMessages('users', {
  en: {
    title: 'App users',
    hint: 'People who signed in to this app. Roles are used by security rules (auth.roles) and take effect at their next token refresh.',
    search: 'Search by username, phone or id',
    none: 'Nobody has signed in yet',
    noMatch: 'No users match',
    user: 'User',
    roles: 'Roles',
    rolesOf: 'Roles of {user} (comma separated)',
    status: 'Status',
    anonymous: 'anonymous',
    active: 'Active',
    disabled: 'Disabled',
    disable: 'Disable',
    enable: 'Enable',
    saveRoles: 'Save roles',
    rolesSaved: 'Roles of {user} saved',
    resetPassword: 'Reset password',
    confirmReset: 'Give {user} a new temporary password? Their current password stops working.',
    tempTitle: 'Temporary password',
    tempText: 'Give this password to {user}; it is shown only now.',
    close: 'Close',
    total: '{count} users',
    previous: 'Previous',
    next: 'Next',
    readOnly: 'Your role cannot change app users.',
  },
  'zh-CN': {
    title: '应用用户',
    hint: '登录过本应用的人。角色供安全规则使用（auth.roles），在用户下次刷新令牌时生效。',
    search: '按用户名、手机号或 ID 搜索',
    none: '还没有人登录',
    noMatch: '没有匹配的用户',
    user: '用户',
    roles: '角色',
    rolesOf: '{user} 的角色（逗号分隔）',
    status: '状态',
    anonymous: '匿名',
    active: '正常',
    disabled: '已停用',
    disable: '停用',
    enable: '启用',
    saveRoles: '保存角色',
    rolesSaved: '{user} 的角色已保存',
    resetPassword: '重置密码',
    confirmReset: '为 {user} 生成新的临时密码？其当前密码将失效。',
    tempTitle: '临时密码',
    tempText: '请将此密码交给 {user}；它只显示这一次。',
    close: '关闭',
    total: '共 {count} 个用户',
    previous: '上一页',
    next: '下一页',
    readOnly: '你的角色不能修改应用用户。',
  },
});

interface AppUser {
  uid: string;
  anonymous: boolean;
  roles: string[];
  username: string | null;
  phone: string | null;
  wechat: boolean;
  disabled?: boolean;
}

const PAGE = 50;
const nameOf = (user: AppUser) =>
  user.username ?? user.phone ?? (user.wechat ? `WeChat ${user.uid}` : user.uid);

/** App users: search, roles, disable / enable, password reset. */
export default function UsersScreen({ params }: ScreenProps): ReactNode {
  const appId = params.appId ?? '';
  const t = useT(messages);
  const toast = useToast();
  const { role } = useCurrentApp();
  const writable = canEdit(role);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const [temporary, setTemporary] = useState<{ user: string; password: string } | null>(null);
  const base = path('/api/apps/:appId/auth/users', { appId });
  const list = useAsync(
    (signal) =>
      api.get<{ users: AppUser[]; total: number }>(
        `${base}?skip=${page * PAGE}&limit=${PAGE}${query ? `&search=${encodeURIComponent(query)}` : ''}`,
        { signal },
      ),
    [base, page, query],
  );
  const replace = (user: AppUser) =>
    list.data &&
    list.setData({ ...list.data, users: list.data.users.map((u) => (u.uid === user.uid ? user : u)) });
  const act = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  };
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));

  return (
    <div className="users-screen">
      <h1>{t('title')}</h1>
      <p className="field-hint">{t('hint')}</p>
      <search>
        <form
          className="toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            setPage(0);
            setQuery(search.trim());
          }}
        >
          <TextField
            label={t('search')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <span className="data-total">{list.data ? t('total', { count: list.data.total }) : ''}</span>
        </form>
      </search>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.users.length === 0 ? (
        <EmptyState title={query ? t('noMatch') : t('none')} />
      ) : null}
      {list.data && list.data.users.length > 0 ? (
        <table className="table">
          <TableHead columns={[t('user'), t('roles'), t('status')]} actions={t('resetPassword')} />
          <tbody>
            {list.data.users.map((user) => (
              <tr key={user.uid}>
                <td>
                  <div>{nameOf(user)}</div>
                  <code className="field-hint">
                    {user.uid}
                    {user.anonymous ? ` · ${t('anonymous')}` : ''}
                  </code>
                </td>
                <td>
                  <RolesEditor
                    user={user}
                    label={t('rolesOf', { user: nameOf(user) })}
                    saveLabel={t('saveRoles')}
                    disabled={!writable}
                    onSave={(roles) =>
                      act(async () => {
                        replace(await api.put<AppUser>(`${base}/${user.uid}/roles`, { roles }));
                        toast(t('rolesSaved', { user: nameOf(user) }), 'success');
                      })
                    }
                  />
                </td>
                <td>{user.disabled ? t('disabled') : t('active')}</td>
                <td className="row-actions">
                  <Button
                    disabled={!writable}
                    title={writable ? undefined : t('readOnly')}
                    onClick={() =>
                      act(async () =>
                        replace(
                          await api.patch<AppUser>(`${base}/${user.uid}`, { disabled: !user.disabled }),
                        ),
                      )
                    }
                  >
                    {user.disabled ? t('enable') : t('disable')}{' '}
                    <span className="visually-hidden">{nameOf(user)}</span>
                  </Button>
                  {user.username ? (
                    <Button
                      disabled={!writable}
                      onClick={() =>
                        act(async () => {
                          if (!globalThis.confirm(t('confirmReset', { user: nameOf(user) }))) return;
                          const reset = await api.post<{ temporaryPassword: string }>(
                            `${base}/${user.uid}/reset-password`,
                          );
                          setTemporary({ user: nameOf(user), password: reset.temporaryPassword });
                        })
                      }
                    >
                      {t('resetPassword')} <span className="visually-hidden">{nameOf(user)}</span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pages > 1 ? (
        <nav className="toolbar">
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('previous')}
          </Button>
          <span>
            {page + 1} / {pages}
          </span>
          <Button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('next')}
          </Button>
        </nav>
      ) : null}
      <Dialog
        title={t('tempTitle')}
        open={temporary !== null}
        onClose={() => setTemporary(null)}
        footer={<Button onClick={() => setTemporary(null)}>{t('close')}</Button>}
      >
        <p>{t('tempText', { user: temporary?.user ?? '' })}</p>
        <p>
          <code data-testid="temporary-password">{temporary?.password}</code>
        </p>
      </Dialog>
    </div>
  );
}

function RolesEditor({
  user,
  label,
  saveLabel,
  disabled,
  onSave,
}: {
  user: AppUser;
  label: string;
  saveLabel: string;
  disabled: boolean;
  onSave: (roles: string[]) => Promise<void>;
}): ReactNode {
  const [text, setText] = useState(user.roles.join(', '));
  const roles = text
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const changed = roles.join(',') !== user.roles.join(',');
  return (
    <form
      className="users-roles"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(roles);
      }}
    >
      <label className="visually-hidden" htmlFor={`roles-${user.uid}`}>
        {label}
      </label>
      <input
        id={`roles-${user.uid}`}
        value={text}
        readOnly={disabled}
        onChange={(event) => setText(event.target.value)}
      />
      {changed && !disabled ? (
        <Button type="submit" variant="primary">
          {saveLabel}
        </Button>
      ) : null}
    </form>
  );
}
