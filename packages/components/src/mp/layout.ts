import type { MpComponent } from './types';

export const Page: MpComponent = {
  wxml: (c) => `<view${c.root('t-page')}>${c.children()}</view>`,
  wxss: '.t-page{min-height:100vh;box-sizing:border-box;font-size:var(--t-font-size);color:var(--t-text);}',
};

export const Container: MpComponent = {
  wxml: (c) =>
    `<view${c.root(`t-container t-container--${c.literal('direction') ?? 'vertical'}`)}${c.on('tap', 'tap')}>${c.children()}</view>`,
  wxss: '.t-container{display:flex;flex-direction:column;}.t-container--horizontal{flex-direction:row;}',
};

export const Row: MpComponent = {
  wxml: (c) =>
    `<view${c.root(`t-row t-row--justify-${c.literal('justify') ?? 'start'} t-row--align-${c.literal('align') ?? 'stretch'}${c.literal('wrap') ? ' t-row--wrap' : ''}`)}${c.on('tap', 'tap')}>${c.children()}</view>`,
  wxss: [
    '.t-row{display:flex;flex-direction:row;gap:16rpx;}',
    '.t-row--wrap{flex-wrap:wrap;}',
    '.t-row--justify-start{justify-content:flex-start;}.t-row--justify-center{justify-content:center;}',
    '.t-row--justify-end{justify-content:flex-end;}.t-row--justify-space-between{justify-content:space-between;}',
    '.t-row--justify-space-around{justify-content:space-around;}',
    '.t-row--align-start{align-items:flex-start;}.t-row--align-center{align-items:center;}',
    '.t-row--align-end{align-items:flex-end;}.t-row--align-stretch{align-items:stretch;}',
  ].join(''),
};

export const Column: MpComponent = {
  wxml: (c) =>
    `<view${c.root(`t-column t-column--${c.literal('span') ?? 12}`)}${c.on('tap', 'tap')}>${c.children()}</view>`,
  wxss: Array.from(
    { length: 24 },
    (_, i) => `.t-column--${i + 1}{flex:0 0 ${(((i + 1) / 24) * 100).toFixed(4)}%;}`,
  ).join(''),
};

export const Grid: MpComponent = {
  wxml: (c) => `<view${c.root(`t-grid t-grid--${c.literal('columns') ?? 4}`)}>${c.children()}</view>`,
  wxss:
    '.t-grid{display:grid;gap:16rpx;}' +
    Array.from(
      { length: 6 },
      (_, i) => `.t-grid--${i + 1}{grid-template-columns:repeat(${i + 1},1fr);}`,
    ).join(''),
};

export const Card: MpComponent = {
  wxml: (c) =>
    `<view${c.root('t-card')}${c.on('tap', 'tap')}><view class="t-card__head"><text class="t-card__title">${c.text('title')}</text><text class="t-card__extra">${c.text('extra')}</text></view><view class="t-card__body">${c.children()}</view><view class="t-card__foot">${c.slot('footer')}</view></view>`,
  wxss: '.t-card{background:#fff;border-radius:var(--t-radius);border:1px solid var(--t-border);padding:24rpx;margin-bottom:24rpx;}.t-card__head{display:flex;justify-content:space-between;}.t-card__title{font-weight:600;}.t-card__extra{color:var(--t-muted);}',
};

export const Divider: MpComponent = {
  wxml: (c) => `<view${c.root('t-divider')}><text class="t-divider__text">${c.text('text')}</text></view>`,
  wxss: '.t-divider{border-top:1px solid var(--t-border);margin:24rpx 0;text-align:center;}.t-divider__text{color:var(--t-muted);font-size:24rpx;}',
};

export const Spacer: MpComponent = {
  wxml: (c) => `<view${c.root('t-spacer', `height:${Number(c.literal('size') ?? 16) * 2}rpx`)}></view>`,
  wxss: '.t-spacer{height:32rpx;}',
};
