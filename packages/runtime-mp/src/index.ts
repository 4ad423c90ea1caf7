// @tessera/runtime-mp: WeChat mini-program runtime — Component()-built pages, computed view
// keys, setData of changed paths only, and wx.* as the platform.
export {
  activity,
  configureServices,
  definePage,
  getAppRuntime,
  type HandlerSpec,
  type MpApp,
  resetApp,
  setDataStats,
} from './page';
export { type RichNode, richTextNodes } from './rich-text';
export { styleText } from './style';
export {
  type BindingSpec,
  computeView,
  FILE_URLS,
  type RepeatSpec,
  repeatLocals,
  updateView,
  type ViewData,
  type ViewSpec,
} from './view';
export { type Routes, type Wx, wxHttp, wxPlatform } from './wx-platform';
