import { type CSSProperties, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { type AppDetail, useCurrentApp } from '../../app/app-context';
import { defineMessages, useT } from '../../app/i18n';
import { useLeaveGuard } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import {
  Button,
  ConfirmDialog,
  ErrorState,
  errorMessage,
  Loading,
  TextField,
  useAsync,
  useToast,
} from '../../app/ui';
import { ReadOnlyNotice, useDenial } from '../home/shared';
import '../home/home.css';
import { collectStrings, type Schema, setAt, type Theme } from './schema-edit';

const messages = defineMessages('settings', {
  en: {
    title: 'Settings',
    general: 'General',
    name: 'App name',
    nameIn: 'App name ({locale})',
    description: 'Description',
    icon: 'Icon URL',
    iconHint: 'An https URL or a path on this server; or upload a small image (up to 100 KB).',
    iconUpload: 'Upload icon',
    iconTooBig: 'The icon must be at most 100 KB (this one is {size} KB).',
    iconPreview: 'Icon preview',
    theme: 'Theme',
    primaryColor: 'Primary colour',
    dangerColor: 'Danger colour',
    textColor: 'Text colour',
    backgroundColor: 'Background colour',
    radius: 'Corner radius (px)',
    fontSize: 'Font size (px)',
    spacing: 'Spacing unit (px)',
    fontFamily: 'Font family',
    mode: 'Colour mode',
    light: 'Light',
    dark: 'Dark',
    auto: 'Follow the device',
    preview: 'Preview',
    sampleTitle: 'Service hall',
    sampleText: 'This is how text, inputs and buttons look with this theme.',
    sampleInput: 'Your name',
    samplePrimary: 'Submit',
    sampleDanger: 'Delete',
    languages: 'Languages',
    defaultLocale: 'Default language',
    supported: 'Languages offered',
    addLocale: 'Add a language (e.g. ja, zh-TW)',
    add: 'Add',
    badLocale: 'A language tag looks like en, ja or zh-TW.',
    strings: 'Strings',
    stringsHint: 'Every translatable text of the app, one column per language.',
    stringsFilter: 'Find a string',
    where: 'Where',
    noStrings: 'The app has no translatable texts yet (texts written as plain strings are not listed).',
    more: 'Show {count} more',
    platforms: 'Platforms',
    mpAppId: 'Mini-program AppID',
    mpAppIdHint: 'From the WeChat MP admin console (wx + 16 hex digits); empty = tourist AppID for testing.',
    mpAppIdBad: 'An AppID is "wx" followed by 16 hexadecimal digits.',
    mobileAppId: 'Mobile app id',
    mobileAppIdHint: 'Android/iOS application id, like com.example.servicehall; empty = generated.',
    mobileAppIdBad: 'Use a reverse domain like com.example.app (letters, digits, _; dot-separated).',
    save: 'Save settings',
    saved: 'Saved as version {version}',
    reset: 'Discard changes',
    unsaved: 'Settings have unsaved changes. Leave anyway?',
    conflictTitle: 'Someone else saved this app',
    conflict:
      'Version {version} was saved while you were editing. Reload to see it; your unsaved changes here are discarded.',
    reload: 'Reload',
    keep: 'Keep editing',
    invalid: 'Fix the highlighted fields first.',
    signIn: 'Sign-in methods',
    signInHint: 'How end users of the published app may sign in.',
    anonymous: 'Anonymous (guest) sign-in',
    password: 'Username and password',
    phone: 'Phone number with a one-time code',
    wechat: 'WeChat (mini-program)',
    saveSignIn: 'Save sign-in methods',
    signInSaved: 'Sign-in methods saved',
    version: 'Draft version {version}',
  },
  'zh-CN': {
    title: '设置',
    general: '基本信息',
    name: '应用名称',
    nameIn: '应用名称（{locale}）',
    description: '描述',
    icon: '图标 URL',
    iconHint: 'https 地址或本服务器上的路径；也可以上传一张小图片（不超过 100 KB）。',
    iconUpload: '上传图标',
    iconTooBig: '图标不能超过 100 KB（此图片 {size} KB）。',
    iconPreview: '图标预览',
    theme: '主题',
    primaryColor: '主色',
    dangerColor: '危险色',
    textColor: '文字颜色',
    backgroundColor: '背景色',
    radius: '圆角（px）',
    fontSize: '字号（px）',
    spacing: '间距单位（px）',
    fontFamily: '字体',
    mode: '颜色模式',
    light: '浅色',
    dark: '深色',
    auto: '跟随设备',
    preview: '预览',
    sampleTitle: '办事大厅',
    sampleText: '这是文字、输入框和按钮在此主题下的样子。',
    sampleInput: '你的姓名',
    samplePrimary: '提交',
    sampleDanger: '删除',
    languages: '语言',
    defaultLocale: '默认语言',
    supported: '提供的语言',
    addLocale: '添加语言（如 ja、zh-TW）',
    add: '添加',
    badLocale: '语言标签形如 en、ja 或 zh-TW。',
    strings: '文案',
    stringsHint: '应用中所有可翻译的文字，每种语言一列。',
    stringsFilter: '查找文案',
    where: '位置',
    noStrings: '应用还没有可翻译的文字（直接写成字符串的文字不在此列出）。',
    more: '再显示 {count} 条',
    platforms: '平台',
    mpAppId: '小程序 AppID',
    mpAppIdHint: '在微信公众平台获取（wx 加 16 位十六进制）；留空则使用测试用的游客 AppID。',
    mpAppIdBad: 'AppID 是 “wx” 加 16 位十六进制数字。',
    mobileAppId: '移动应用 ID',
    mobileAppIdHint: 'Android/iOS 应用 ID，如 com.example.servicehall；留空则自动生成。',
    mobileAppIdBad: '请使用反向域名格式，如 com.example.app（字母、数字、下划线，以点分隔）。',
    save: '保存设置',
    saved: '已保存为版本 {version}',
    reset: '放弃修改',
    unsaved: '设置有未保存的修改，仍要离开吗？',
    conflictTitle: '其他人保存了此应用',
    conflict: '你编辑期间，版本 {version} 已被保存。重新加载以查看；此处未保存的修改将被丢弃。',
    reload: '重新加载',
    keep: '继续编辑',
    invalid: '请先修正标出的字段。',
    signIn: '登录方式',
    signInHint: '已发布应用的最终用户可以使用的登录方式。',
    anonymous: '匿名（游客）登录',
    password: '用户名和密码',
    phone: '手机号 + 验证码',
    wechat: '微信（小程序）',
    saveSignIn: '保存登录方式',
    signInSaved: '登录方式已保存',
    version: '草稿版本 {version}',
  },
});

const MP_APPID = /^(wx[0-9a-f]{16}|touristappid)$/;
const MOBILE_APPID = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;
const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const DEFAULT_THEME = { primaryColor: '#1677ff', fontSize: 14, radius: 8, spacing: 8 };
const STRINGS_PAGE = 60;

/** App settings: name, icon, theme (previewed live), languages and strings, platform ids, sign-in. */
export default function Settings(_props: ScreenProps): ReactNode {
  const { app, role } = useCurrentApp();
  const t = useT(messages);
  if (app.error) return <ErrorState error={app.error} onRetry={app.reload} />;
  if (!app.data) return <Loading />;
  return (
    <div className="settings">
      <h1>{t('title')}</h1>
      <ReadOnlyNotice role={role} />
      <SchemaSettings app={app.data} reload={app.reload} />
      <SignInMethods appId={app.data.id} />
    </div>
  );
}

function SchemaSettings({ app, reload }: { app: AppDetail; reload: () => void }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const { role } = useCurrentApp();
  const denial = useDenial()(role);
  const base = app.schema as Schema;
  const [draft, setDraft] = useState<Schema>(base);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<number | null>(null);
  // A new version from the server (after a save or a reload) replaces the local copy.
  useEffect(() => {
    setDraft(app.schema as Schema);
    setError(undefined);
  }, [app]);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(base), [draft, base]);
  const guard = useCallback(() => (dirty ? t('unsaved') : undefined), [dirty, t]);
  useLeaveGuard(guard);

  const update = (segments: (string | number)[], value: unknown) =>
    setDraft((d) => setAt(d, segments, value));
  const theme: Theme = (draft.theme as Theme | undefined) ?? {};
  const locales = draft.locales;
  const platforms = (draft.platforms ?? {}) as {
    miniProgram?: { appId?: string };
    mobile?: { appId?: string };
  };
  const mpAppId = platforms.miniProgram?.appId ?? '';
  const mobileAppId = platforms.mobile?.appId ?? '';
  const problems = {
    mp: mpAppId && !MP_APPID.test(mpAppId) ? t('mpAppIdBad') : undefined,
    mobile: mobileAppId && !MOBILE_APPID.test(mobileAppId) ? t('mobileAppIdBad') : undefined,
  };

  const setPlatform = (key: 'miniProgram' | 'mobile', value: string) => {
    setDraft((d) => {
      const next = { ...((d.platforms ?? {}) as Record<string, unknown>) };
      if (value) next[key] = { appId: value };
      else delete next[key];
      const copy = { ...d };
      if (Object.keys(next).length > 0) copy.platforms = next;
      else delete copy.platforms;
      return copy;
    });
  };

  const save = async () => {
    if (problems.mp || problems.mobile) {
      setError(new Error(t('invalid')));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.put<{ version: number }>(
        path('/api/apps/:appId/draft', { appId: app.id }),
        draft,
        {
          headers: { 'if-match': `"${app.version}"` },
        },
      );
      toast(t('saved', { version: saved.version }), 'success');
      reload();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        setConflict(Number(caught.body.currentVersion) || app.version + 1);
      } else {
        setError(caught);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset disabled={!!denial} className="settings-fields">
        <div className="console-grid">
          <section className="card" aria-labelledby="settings-general">
            <h2 id="settings-general">{t('general')}</h2>
            <NameFields draft={draft} update={update} />
            <TextField
              label={t('description')}
              value={typeof draft.description === 'string' ? draft.description : ''}
              onChange={(event) => update(['description'], event.target.value || undefined)}
            />
            <IconField
              value={typeof draft.icon === 'string' ? draft.icon : ''}
              onChange={(v) => update(['icon'], v || undefined)}
            />
          </section>
          <section className="card" aria-labelledby="settings-theme">
            <h2 id="settings-theme">{t('theme')}</h2>
            <div className="console-row">
              <ColorField
                label={t('primaryColor')}
                value={theme.primaryColor ?? DEFAULT_THEME.primaryColor}
                onChange={(v) => update(['theme', 'primaryColor'], v)}
              />
              <ColorField
                label={t('dangerColor')}
                value={theme.colors?.danger ?? '#ff4d4f'}
                onChange={(v) => update(['theme', 'colors', 'danger'], v)}
              />
            </div>
            <div className="console-row">
              <ColorField
                label={t('textColor')}
                value={theme.colors?.text ?? '#1f1f1f'}
                onChange={(v) => update(['theme', 'colors', 'text'], v)}
              />
              <ColorField
                label={t('backgroundColor')}
                value={theme.colors?.background ?? '#ffffff'}
                onChange={(v) => update(['theme', 'colors', 'background'], v)}
              />
            </div>
            <div className="console-row">
              <NumberField
                label={t('radius')}
                min={0}
                max={64}
                value={theme.radius ?? DEFAULT_THEME.radius}
                onChange={(v) => update(['theme', 'radius'], v)}
              />
              <NumberField
                label={t('fontSize')}
                min={8}
                max={48}
                value={theme.fontSize ?? DEFAULT_THEME.fontSize}
                onChange={(v) => update(['theme', 'fontSize'], v)}
              />
              <NumberField
                label={t('spacing')}
                min={0}
                max={64}
                value={theme.spacing ?? DEFAULT_THEME.spacing}
                onChange={(v) => update(['theme', 'spacing'], v)}
              />
            </div>
            <div className="console-row">
              <TextField
                label={t('fontFamily')}
                value={theme.fontFamily ?? ''}
                placeholder="system-ui, sans-serif"
                onChange={(event) => update(['theme', 'fontFamily'], event.target.value || undefined)}
              />
              <div className="field">
                <label htmlFor="settings-mode">{t('mode')}</label>
                <select
                  id="settings-mode"
                  value={theme.mode ?? 'light'}
                  onChange={(event) => update(['theme', 'mode'], event.target.value)}
                >
                  <option value="light">{t('light')}</option>
                  <option value="dark">{t('dark')}</option>
                  <option value="auto">{t('auto')}</option>
                </select>
              </div>
            </div>
            <ThemePreview theme={theme} />
          </section>
          <section className="card" aria-labelledby="settings-languages">
            <h2 id="settings-languages">{t('languages')}</h2>
            <LocaleFields locales={locales} onChange={(next) => setDraft((d) => ({ ...d, locales: next }))} />
          </section>
          <section className="card" aria-labelledby="settings-platforms">
            <h2 id="settings-platforms">{t('platforms')}</h2>
            <TextField
              label={t('mpAppId')}
              hint={t('mpAppIdHint')}
              error={problems.mp}
              value={mpAppId}
              placeholder="wx0123456789abcdef"
              onChange={(event) => setPlatform('miniProgram', event.target.value.trim())}
            />
            <TextField
              label={t('mobileAppId')}
              hint={t('mobileAppIdHint')}
              error={problems.mobile}
              value={mobileAppId}
              placeholder="com.example.app"
              onChange={(event) => setPlatform('mobile', event.target.value.trim())}
            />
          </section>
        </div>
        <section className="card console-section settings-strings" aria-labelledby="settings-strings">
          <h2 id="settings-strings">{t('strings')}</h2>
          <p className="field-hint">{t('stringsHint')}</p>
          <StringsTable draft={draft} update={update} />
        </section>
      </fieldset>
      {error ? <ErrorState error={error} /> : null}
      <div className="toolbar settings-actions">
        <Button type="submit" variant="primary" busy={saving} disabled={!!denial || !dirty} title={denial}>
          {t('save')}
        </Button>
        <Button disabled={!dirty} onClick={() => setDraft(base)}>
          {t('reset')}
        </Button>
        <span className="field-hint">{t('version', { version: app.version })}</span>
      </div>
      <ConfirmDialog
        subject={conflict}
        title={t('conflictTitle')}
        question={(version) => t('conflict', { version })}
        cancelLabel={t('keep')}
        confirmLabel={t('reload')}
        variant="primary"
        onCancel={() => setConflict(null)}
        onConfirm={() => reload()}
      />
    </form>
  );
}

function NameFields({
  draft,
  update,
}: {
  draft: Schema;
  update: (segments: (string | number)[], value: unknown) => void;
}): ReactNode {
  const t = useT(messages);
  const name = draft.name;
  if (typeof name === 'string' || !name || typeof name !== 'object') {
    return (
      <TextField
        label={t('name')}
        required
        maxLength={100}
        value={typeof name === 'string' ? name : ''}
        onChange={(event) => update(['name'], event.target.value)}
      />
    );
  }
  const texts = (name as { $i18n: Record<string, string> }).$i18n ?? {};
  return (
    <>
      {draft.locales.supported.map((locale) => (
        <TextField
          key={locale}
          label={t('nameIn', { locale })}
          required={locale === draft.locales.default}
          value={texts[locale] ?? ''}
          onChange={(event) => update(['name', '$i18n', locale], event.target.value)}
        />
      ))}
    </>
  );
}

function IconField({ value, onChange }: { value: string; onChange: (value: string) => void }): ReactNode {
  const t = useT(messages);
  const [problem, setProblem] = useState<string>();
  return (
    <div className="settings-icon">
      <TextField
        label={t('icon')}
        hint={t('iconHint')}
        error={problem}
        value={value.startsWith('data:') ? '' : value}
        placeholder={
          value.startsWith('data:') ? `data:… (${Math.round(value.length / 1024)} KB)` : 'https://'
        }
        onChange={(event) => {
          setProblem(undefined);
          onChange(event.target.value.trim());
        }}
      />
      <div className="console-row">
        <label className="btn">
          {t('iconUpload')}
          <input
            type="file"
            accept="image/png,image/jpeg,image/svg+xml,image/webp"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              if (file.size > 100 * 1024) {
                setProblem(t('iconTooBig', { size: Math.round(file.size / 1024) }));
                return;
              }
              const reader = new FileReader();
              reader.onload = () => {
                setProblem(undefined);
                onChange(String(reader.result));
              };
              reader.readAsDataURL(file);
            }}
          />
        </label>
        {value ? <img className="settings-icon-preview" src={value} alt={t('iconPreview')} /> : null}
      </div>
    </div>
  );
}

function ColorField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}): ReactNode {
  const hex = /^#[0-9a-fA-F]{6}$/.test(value) ? value : '#000000';
  return (
    <div className="field settings-color">
      <span>{label}</span>
      <div className="settings-color-inputs">
        <input
          type="color"
          aria-label={`${label} (picker)`}
          value={hex}
          onChange={(e) => onChange(e.target.value)}
        />
        <input
          type="text"
          aria-label={label}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
        />
      </div>
    </div>
  );
}

function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}): ReactNode {
  return (
    <TextField
      label={label}
      type="number"
      min={min}
      max={max}
      value={String(value)}
      onChange={(event) => {
        const next = Number(event.target.value);
        if (event.target.value !== '' && Number.isFinite(next)) onChange(Math.min(max, Math.max(min, next)));
      }}
    />
  );
}

/** A small sample drawn with the theme being edited, so every change shows at once. */
function ThemePreview({ theme }: { theme: Theme }): ReactNode {
  const t = useT(messages);
  const primary = theme.primaryColor ?? DEFAULT_THEME.primaryColor;
  const radius = `${theme.radius ?? DEFAULT_THEME.radius}px`;
  const dark = theme.mode === 'dark';
  const style = {
    '--p-primary': primary,
    '--p-danger': theme.colors?.danger ?? '#ff4d4f',
    '--p-text': theme.colors?.text ?? (dark ? '#f0f0f0' : '#1f1f1f'),
    '--p-bg': theme.colors?.background ?? (dark ? '#141414' : '#ffffff'),
    '--p-radius': radius,
    '--p-space': `${theme.spacing ?? DEFAULT_THEME.spacing}px`,
    fontSize: `${theme.fontSize ?? DEFAULT_THEME.fontSize}px`,
    fontFamily: theme.fontFamily || undefined,
  } as CSSProperties;
  return (
    <figure className="theme-preview-frame">
      <figcaption>{t('preview')}</figcaption>
      <div className="theme-preview" data-testid="theme-preview" style={style} aria-hidden="true">
        <div className="theme-preview-title">{t('sampleTitle')}</div>
        <p>{t('sampleText')}</p>
        <div className="theme-preview-input">{t('sampleInput')}</div>
        <div className="theme-preview-buttons">
          <span className="theme-preview-primary" data-testid="theme-preview-button">
            {t('samplePrimary')}
          </span>
          <span className="theme-preview-danger">{t('sampleDanger')}</span>
        </div>
      </div>
    </figure>
  );
}

function LocaleFields({
  locales,
  onChange,
}: {
  locales: Schema['locales'];
  onChange: (next: Schema['locales']) => void;
}): ReactNode {
  const t = useT(messages);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string>();
  const candidates = Array.from(new Set(['zh-CN', 'en', ...locales.supported]));
  const toggle = (locale: string, on: boolean) => {
    const supported = on ? [...locales.supported, locale] : locales.supported.filter((l) => l !== locale);
    if (supported.length === 0) return;
    onChange({
      default: supported.includes(locales.default) ? locales.default : (supported[0] as string),
      supported,
    });
  };
  return (
    <>
      <div className="field">
        <label htmlFor="settings-default-locale">{t('defaultLocale')}</label>
        <select
          id="settings-default-locale"
          value={locales.default}
          onChange={(event) => onChange({ ...locales, default: event.target.value })}
        >
          {locales.supported.map((locale) => (
            <option key={locale} value={locale}>
              {locale}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="settings-locales">
        <legend>{t('supported')}</legend>
        {candidates.map((locale) => (
          <label key={locale}>
            <input
              type="checkbox"
              checked={locales.supported.includes(locale)}
              disabled={locales.supported.length === 1 && locales.supported.includes(locale)}
              onChange={(event) => toggle(locale, event.target.checked)}
            />{' '}
            {locale}
          </label>
        ))}
      </fieldset>
      <div className="console-row">
        <TextField
          label={t('addLocale')}
          value={adding}
          error={problem}
          onChange={(event) => {
            setProblem(undefined);
            setAdding(event.target.value.trim());
          }}
        />
        <div className="field">
          <Button
            disabled={!adding}
            onClick={() => {
              if (!LOCALE_TAG.test(adding)) {
                setProblem(t('badLocale'));
                return;
              }
              if (!locales.supported.includes(adding)) toggle(adding, true);
              setAdding('');
            }}
          >
            {t('add')}
          </Button>
        </div>
      </div>
    </>
  );
}

function StringsTable({
  draft,
  update,
}: {
  draft: Schema;
  update: (segments: (string | number)[], value: unknown) => void;
}): ReactNode {
  const t = useT(messages);
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(STRINGS_PAGE);
  const all = useMemo(() => collectStrings(draft), [draft]);
  const needle = filter.trim().toLowerCase();
  const rows = needle
    ? all.filter(
        (row) =>
          row.label.toLowerCase().includes(needle) ||
          Object.values(row.texts).some((text) => text.toLowerCase().includes(needle)),
      )
    : all;
  if (all.length === 0) return <p>{t('noStrings')}</p>;
  const supported = draft.locales.supported;
  return (
    <>
      <input
        type="search"
        className="home-search"
        aria-label={t('stringsFilter')}
        placeholder={t('stringsFilter')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <table className="table settings-strings-table">
        <thead>
          <tr>
            <th scope="col">{t('where')}</th>
            {supported.map((locale) => (
              <th key={locale} scope="col">
                {locale}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((row) => (
            <tr key={row.pointer}>
              <th scope="row" title={row.pointer}>
                {row.label}
              </th>
              {supported.map((locale) => (
                <td key={locale}>
                  <input
                    aria-label={`${row.label} (${locale})`}
                    value={row.texts[locale] ?? ''}
                    onChange={(event) => update([...row.segments, '$i18n', locale], event.target.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown ? (
        <Button onClick={() => setShown(shown + STRINGS_PAGE)}>
          {t('more', { count: Math.min(STRINGS_PAGE, rows.length - shown) })}
        </Button>
      ) : null}
    </>
  );
}

interface AuthSettings {
  methods: { anonymous: boolean; password: boolean; phone: boolean; wechat: boolean };
  accessTokenSeconds: number;
  refreshTokenDays: number;
}

const METHODS = ['anonymous', 'password', 'phone', 'wechat'] as const;

function SignInMethods({ appId }: { appId: string }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const { role } = useCurrentApp();
  const denial = useDenial()(role);
  const settings = useAsync(
    (signal) => api.get<AuthSettings>(path('/api/apps/:appId/auth/settings', { appId }), { signal }),
    [appId],
  );
  const [methods, setMethods] = useState<AuthSettings['methods'] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) setMethods(settings.data.methods);
  }, [settings.data]);
  const dirty = methods && settings.data && JSON.stringify(methods) !== JSON.stringify(settings.data.methods);
  return (
    <section className="card console-section" aria-labelledby="settings-signin">
      <h2 id="settings-signin">{t('signIn')}</h2>
      <p className="field-hint">{t('signInHint')}</p>
      {settings.error ? (
        <ErrorState error={settings.error} onRetry={settings.reload} />
      ) : !methods ? (
        <Loading />
      ) : (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            try {
              const saved = await api.put<AuthSettings>(path('/api/apps/:appId/auth/settings', { appId }), {
                methods,
              });
              settings.setData(saved);
              toast(t('signInSaved'), 'success');
            } catch (error) {
              toast(errorMessage(error), 'error');
            } finally {
              setBusy(false);
            }
          }}
        >
          <fieldset disabled={!!denial} className="settings-methods">
            <legend className="visually-hidden">{t('signIn')}</legend>
            {METHODS.map((method) => (
              <label key={method}>
                <input
                  type="checkbox"
                  checked={methods[method]}
                  onChange={(event) => setMethods({ ...methods, [method]: event.target.checked })}
                />{' '}
                {t(method)}
              </label>
            ))}
          </fieldset>
          <Button type="submit" busy={busy} disabled={!!denial || !dirty} title={denial}>
            {t('saveSignIn')}
          </Button>
        </form>
      )}
    </section>
  );
}
