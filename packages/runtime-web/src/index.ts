// @tessera/runtime-web: renders compiled pages with React on @tessera/runtime-core.
export { type Inspector, type StartOptions, startApp } from './app';
export { browserStorage, Feedback, type ModalRequest, type Toast, webPlatform } from './platform';
export { NodeView, PageContext, type PageContextValue } from './render';
export {
  browserRouter,
  type HistoryRouter,
  hrefOf,
  matchPath,
  type RouteMatch,
  resolveRoute,
} from './router';
export type { CompiledNode, PageModule, TabBarEntry, WebAppEntry } from './types';
