import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** What every screen receives: the params of its route pattern. */
export interface ScreenProps {
  params: Record<string, string>;
}

export interface RouteEntry {
  pattern: string;
  /** The section this screen belongs to, for the navigation (`app` screens show the app's tabs). */
  section: 'workspace' | 'app';
  /** Navigation tab id within the section (matches the nav labels in shell.tsx). */
  tab: string;
  screen: LazyExoticComponent<ComponentType<ScreenProps>>;
  /** The page editor uses the whole window (no padding, no scroll). */
  fullBleed?: boolean;
}

/**
 * Every screen of the editor, each loaded on first visit (its own chunk). Each folder under
 * `src/screens/` has one owner and exports its screen as the default export of `index.tsx`.
 */
export const routes: RouteEntry[] = [
  { pattern: '/', section: 'workspace', tab: 'apps', screen: lazy(() => import('../screens/home/index')) },
  {
    pattern: '/w/:workspaceId',
    section: 'workspace',
    tab: 'apps',
    screen: lazy(() => import('../screens/home/index')),
  },
  {
    pattern: '/w/:workspaceId/members',
    section: 'workspace',
    tab: 'members',
    screen: lazy(() => import('../screens/members/index')),
  },
  {
    pattern: '/w/:workspaceId/audit',
    section: 'workspace',
    tab: 'audit',
    screen: lazy(() => import('../screens/audit/index')),
  },
  {
    pattern: '/apps/:appId/edit',
    section: 'app',
    tab: 'edit',
    screen: lazy(() => import('../screens/page-editor/index')),
    fullBleed: true,
  },
  {
    pattern: '/apps/:appId/edit/:pageId',
    section: 'app',
    tab: 'edit',
    screen: lazy(() => import('../screens/page-editor/index')),
    fullBleed: true,
  },
  {
    pattern: '/apps/:appId/data',
    section: 'app',
    tab: 'data',
    screen: lazy(() => import('../screens/data/index')),
  },
  {
    pattern: '/apps/:appId/content',
    section: 'app',
    tab: 'content',
    screen: lazy(() => import('../screens/content/index')),
  },
  {
    pattern: '/apps/:appId/functions',
    section: 'app',
    tab: 'functions',
    screen: lazy(() => import('../screens/functions/index')),
  },
  {
    pattern: '/apps/:appId/storage',
    section: 'app',
    tab: 'storage',
    screen: lazy(() => import('../screens/storage/index')),
  },
  {
    pattern: '/apps/:appId/users',
    section: 'app',
    tab: 'users',
    screen: lazy(() => import('../screens/users/index')),
  },
  {
    pattern: '/apps/:appId/settings',
    section: 'app',
    tab: 'settings',
    screen: lazy(() => import('../screens/settings/index')),
  },
  {
    pattern: '/apps/:appId/publish',
    section: 'app',
    tab: 'publish',
    screen: lazy(() => import('../screens/publish/index')),
  },
];
