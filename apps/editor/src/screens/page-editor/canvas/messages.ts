import { defineMessages } from '../../../app/i18n';

/** Strings shown on the canvas itself (drop zones of empty containers and slots). */
export const canvasMessages = defineMessages('canvas', {
  en: {
    emptySlot: '{slot} — drop components here',
  },
  'zh-CN': {
    emptySlot: '{slot} — 把组件拖到这里',
  },
});
