import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { defineMessages, type Locale, useT } from '../../app/i18n';
import { canEdit, useSession, type WorkspaceRole } from '../../app/session';

// Small pieces the console screens (home, members, audit, settings, publish) share.

const messages = defineMessages('console', {
  en: {
    readOnlyViewer: 'Read only: viewers can look but not change anything.',
    readOnlyContent: 'Read only here: content editors change CMS entries only.',
    readOnlyMembers: 'Only owners can invite members and change roles.',
    needsDeveloper: 'Needs the developer or owner role',
    needsOwner: 'Needs the owner role',
    owner: 'Owner',
    developer: 'Developer',
    'content-editor': 'Content editor',
    viewer: 'Viewer',
  },
  'zh-CN': {
    readOnlyViewer: '只读：查看者只能查看，不能修改。',
    readOnlyContent: '此处只读：内容编辑者只能修改内容条目。',
    readOnlyMembers: '只有所有者可以邀请成员和修改角色。',
    needsDeveloper: '需要开发者或所有者角色',
    needsOwner: '需要所有者角色',
    owner: '所有者',
    developer: '开发者',
    'content-editor': '内容编辑',
    viewer: '查看者',
  },
});

export const ROLES: readonly WorkspaceRole[] = ['owner', 'developer', 'content-editor', 'viewer'];

/** The signed-in builder's role in a workspace (undefined when not a member). */
export function useWorkspaceRole(workspaceId: string | undefined): WorkspaceRole | undefined {
  const session = useSession();
  return session.workspaces.find((w) => w.id === workspaceId)?.role;
}

/** Role names in the UI language. */
export function useRoleLabel(): (role: string) => string {
  const t = useT(messages);
  return (role) => (ROLES.includes(role as WorkspaceRole) ? t(role as WorkspaceRole) : role);
}

/**
 * Why a change is not allowed for `role` (undefined when it is): shown as the disabled button's
 * title and, once per screen, as a notice.
 */
export function useDenial(): (
  role: WorkspaceRole | undefined,
  needs?: 'developer' | 'owner',
) => string | undefined {
  const t = useT(messages);
  return (role, needs = 'developer') => {
    if (role === undefined) return undefined;
    if (needs === 'owner') return role === 'owner' ? undefined : t('needsOwner');
    return canEdit(role) ? undefined : t('needsDeveloper');
  };
}

/** The notice at the top of a screen the builder may only read. */
export function ReadOnlyNotice({
  role,
  needs = 'developer',
}: {
  role: WorkspaceRole | undefined;
  needs?: 'developer' | 'owner';
}): ReactNode {
  const t = useT(messages);
  if (role === undefined) return null;
  if (needs === 'owner') {
    return role === 'owner' ? null : (
      <p className="notice console-notice" role="note">
        {t('readOnlyMembers')}
      </p>
    );
  }
  if (canEdit(role)) return null;
  return (
    <p className="notice console-notice" role="note">
      {role === 'viewer' ? t('readOnlyViewer') : t('readOnlyContent')}
    </p>
  );
}

/** Text given as `{ "zh-CN", en }` (templates) or `{ $i18n: {...} }` (schemas) in the UI language. */
export function localised(text: unknown, locale: Locale): string {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  let texts = text as Record<string, unknown>;
  if (texts.$i18n && typeof texts.$i18n === 'object') texts = texts.$i18n as Record<string, unknown>;
  const value = texts[locale] ?? texts.en ?? texts['zh-CN'] ?? Object.values(texts)[0];
  return typeof value === 'string' ? value : '';
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Focuses the first field inside the returned element once a dialog opened: the native dialog
 * focuses its first button (the close ×) on showModal, which runs after the children mounted, so
 * React's autoFocus loses.
 */
export function useFocusWhenOpen<T extends HTMLElement>(open: boolean): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(
      () => ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(),
      0,
    );
    return () => clearTimeout(timer);
  }, [open]);
  return ref;
}
