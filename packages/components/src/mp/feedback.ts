import type { MpComponent } from './types';

export const Modal: MpComponent = {
  wxml: (c) =>
    `<view${c.root('t-modal')} wx:if="${c.attr('visible')}"><view class="t-modal__mask"${c.on('close', 'tap')}></view><view class="t-modal__box" aria-role="dialog"><text class="t-modal__title">${c.text('title')}</text><view class="t-modal__body">${c.children()}</view><view class="t-modal__foot">${c.slot('footer')}<button class="t-button" size="mini"${c.on('cancel', 'tap')}>${c.text('cancelText')}</button><button class="t-button t-button--primary" size="mini"${c.on('confirm', 'tap')}>${c.text('confirmText')}</button></view></view></view>`,
  wxss: '.t-modal{position:fixed;top:0;left:0;right:0;bottom:0;z-index:100;}.t-modal__mask{position:absolute;top:0;left:0;right:0;bottom:0;background:rgba(0,0,0,0.45);}.t-modal__box{position:relative;margin:30vh 48rpx 0;background:#fff;border-radius:var(--t-radius);padding:32rpx;}.t-modal__title{font-weight:600;}.t-modal__foot{display:flex;justify-content:flex-end;gap:16rpx;}',
};
