import { type ReactNode, Suspense, useState } from 'react';
import { AcceptInvite } from '../screens/members/accept-invite';
import { api } from './api';
import { AppProvider, useCurrentApp } from './app-context';
import { defineMessages, LOCALES, type Locale, useLocale, useT } from './i18n';
import { Link, matchRoute, useLocation } from './router';
import { type RouteEntry, routes } from './routes';
import { SessionGate, useSession } from './session';
import { Button, ErrorState, Loading, TextField, useSubmit } from './ui';

const messages = defineMessages('shell', {
  en: {
    skip: 'Skip to content',
    signInTitle: 'Sign in to Tessera',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    language: 'Language',
    workspace: 'Workspace',
    notFound: 'There is no page at this address.',
    backHome: 'Back to your apps',
    apps: 'Apps',
    members: 'Members',
    audit: 'Audit log',
    edit: 'Pages',
    data: 'Data',
    content: 'Content',
    functions: 'Functions',
    storage: 'Storage',
    users: 'Users',
    settings: 'Settings',
    publish: 'Publish',
    mainNav: 'Main',
    viewer: 'Read only: your role in this workspace is viewer.',
  },
  'zh-CN': {
    skip: '跳到主要内容',
    signInTitle: '登录 Tessera',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    signOut: '退出登录',
    language: '语言',
    workspace: '工作区',
    notFound: '此地址没有页面。',
    backHome: '返回应用列表',
    apps: '应用',
    members: '成员',
    audit: '审计日志',
    edit: '页面',
    data: '数据',
    content: '内容',
    functions: '云函数',
    storage: '存储',
    users: '用户',
    settings: '设置',
    publish: '发布',
    mainNav: '主导航',
    viewer: '只读：你在此工作区的角色是查看者。',
  },
});

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
const WORKSPACE_TABS = ['apps', 'members', 'audit'] as const;
const APP_TABS = ['edit', 'data', 'content', 'functions', 'storage', 'users', 'settings', 'publish'] as const;

/** The whole editor: sign-in gate, header with navigation, and the screen of the current route. */
export function Shell(): ReactNode {
  const t = useT(messages);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <SessionGate
        loading={<Loading />}
        signIn={(done) =>
          location.pathname === '/accept-invite' ? (
            <AcceptInvite onSignedIn={done} />
          ) : (
            <SignIn onSignedIn={done} />
          )
        }
      >
        <RoutedScreen />
      </SessionGate>
    </>
  );
}

function findRoute(pathname: string): { route: RouteEntry; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchRoute(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

function RoutedScreen(): ReactNode {
  const { pathname } = useLocation();
  const t = useT(messages);
  const found = findRoute(pathname);
  if (!found) {
    return (
      <>
        <Header />
        <main id="main" className="main">
          <p>{t('notFound')}</p>
          <Link to="/">{t('backHome')}</Link>
        </main>
      </>
    );
  }
  const { route, params } = found;
  const Screen = route.screen;
  const body = (
    <main id="main" className={route.fullBleed ? 'main main-full' : 'main'}>
      <Suspense fallback={<Loading />}>
        <Screen params={params} />
      </Suspense>
    </main>
  );
  if (route.section === 'app' && params.appId) {
    return (
      <AppProvider appId={params.appId}>
        <Header appId={params.appId} tab={route.tab} />
        <ViewerNotice />
        {body}
      </AppProvider>
    );
  }
  return (
    <>
      <Header workspaceId={params.workspaceId} tab={route.tab} />
      {body}
    </>
  );
}

function ViewerNotice(): ReactNode {
  const { role } = useCurrentApp();
  const t = useT(messages);
  return role === 'viewer' ? <div className="notice">{t('viewer')}</div> : null;
}

function Header({
  workspaceId,
  appId,
  tab,
}: {
  workspaceId?: string;
  appId?: string;
  tab?: string;
}): ReactNode {
  const t = useT(messages);
  const session = useSession();
  const { locale, setLocale } = useLocale();
  const workspace = workspaceId ?? session.workspaces[0]?.id;
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        Tessera
      </Link>
      <nav aria-label={t('mainNav')} className="tabs">
        {appId ? (
          <AppTabs appId={appId} tab={tab} />
        ) : workspace ? (
          WORKSPACE_TABS.map((name) => (
            <Link
              key={name}
              to={name === 'apps' ? `/w/${workspace}` : `/w/${workspace}/${name}`}
              aria-current={tab === name ? 'page' : undefined}
            >
              {t(name)}
            </Link>
          ))
        ) : null}
      </nav>
      <div className="topbar-end">
        <label className="locale-switch">
          <span className="visually-hidden">{t('language')}</span>
          <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
            {LOCALES.map((value) => (
              <option key={value} value={value}>
                {LOCALE_NAMES[value]}
              </option>
            ))}
          </select>
        </label>
        <span className="account" title={session.account.email}>
          {session.account.name || session.account.email}
        </span>
        <Button variant="ghost" onClick={() => void session.signOut()}>
          {t('signOut')}
        </Button>
      </div>
    </header>
  );
}

function AppTabs({ appId, tab }: { appId: string; tab: string | undefined }): ReactNode {
  const t = useT(messages);
  const { app } = useCurrentApp();
  return (
    <>
      {app.data ? (
        <Link to={`/w/${app.data.workspaceId}`} className="crumb">
          {app.data.name}
        </Link>
      ) : null}
      {APP_TABS.map((name) => (
        <Link key={name} to={`/apps/${appId}/${name}`} aria-current={tab === name ? 'page' : undefined}>
          {t(name)}
        </Link>
      ))}
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: () => void }): ReactNode {
  const t = useT(messages);
  const { locale, setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  return (
    <main id="main" className="signin">
      <form
        className="card signin-card"
        onSubmit={async (event) => {
          event.preventDefault();
          await run(async () => {
            await api.post('/api/auth/login', { email, password });
            onSignedIn();
          });
        }}
      >
        <h1>{t('signInTitle')}</h1>
        <TextField
          label={t('email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label={t('password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? <ErrorState error={error} /> : null}
        <Button type="submit" variant="primary" busy={busy}>
          {t('signIn')}
        </Button>
        <div className="signin-locale">
          {LOCALES.map((value) => (
            <button
              key={value}
              type="button"
              className="link-btn"
              aria-pressed={locale === value}
              onClick={() => setLocale(value)}
            >
              {LOCALE_NAMES[value]}
            </button>
          ))}
        </div>
      </form>
    </main>
  );
}
