import { type ReactNode, useState } from 'react';
import { api } from '../../app/api';
import { defineMessages, useT } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Button, ErrorState, TextField, useSubmit } from '../../app/ui';

const messages = defineMessages('acceptInvite', {
  en: {
    title: 'Join Tessera',
    intro: 'You were invited to a workspace. Choose your name and a password to sign in.',
    token: 'Invitation token',
    name: 'Your name',
    password: 'New password',
    passwordHint: 'At least 8 characters.',
    accept: 'Accept and sign in',
  },
  'zh-CN': {
    title: '加入 Tessera',
    intro: '你被邀请加入一个工作区。填写姓名并设置密码即可登录。',
    token: '邀请令牌',
    name: '你的姓名',
    password: '新密码',
    passwordHint: '至少 8 个字符。',
    accept: '接受并登录',
  },
});

/** Where an invitation link (`/accept-invite?token=…`) lands: set a password, then signed in. */
export function AcceptInvite({ onSignedIn }: { onSignedIn: () => void }): ReactNode {
  const t = useT(messages);
  const [token, setToken] = useState(() => new URLSearchParams(location.search).get('token') ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  return (
    <main id="main" className="signin">
      <form
        className="card signin-card"
        onSubmit={async (event) => {
          event.preventDefault();
          await run(async () => {
            await api.post('/api/auth/accept-invite', {
              token,
              password,
              ...(name.trim() ? { name: name.trim() } : {}),
            });
            navigate('/', { replace: true, force: true });
            onSignedIn();
          });
        }}
      >
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <TextField
          label={t('token')}
          required
          value={token}
          onChange={(event) => setToken(event.target.value.trim())}
        />
        <TextField
          label={t('name')}
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label={t('password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t('passwordHint')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? <ErrorState error={error} /> : null}
        <Button type="submit" variant="primary" busy={busy}>
          {t('accept')}
        </Button>
      </form>
    </main>
  );
}
