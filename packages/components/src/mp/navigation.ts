import type { MpComponent } from './types';

export const NavBar: MpComponent = {
  wxml: (c) =>
    `<view${c.root('t-nav-bar')}><text class="t-nav-bar__back" wx:if="${c.attr('showBack') || 'true'}" aria-role="button" aria-label="back"${c.on('back', 'tap')}>‹</text><text class="t-nav-bar__title">${c.text('title')}</text><view class="t-nav-bar__right">${c.slot('right')}</view></view>`,
  wxss: '.t-nav-bar{display:flex;align-items:center;height:88rpx;padding:0 24rpx;background:#fff;}.t-nav-bar__title{flex:1;text-align:center;font-weight:600;}.t-nav-bar__back{font-size:40rpx;width:60rpx;}.t-nav-bar__right{width:60rpx;}',
};

export const TabBar: MpComponent = {
  wxml: (c) =>
    `<view${c.root('t-tab-bar')}><view class="t-tab-bar__item {{index === ${c.ui('active')} ? 't-tab-bar__item--active' : ''}}" wx:for="${c.attr('items')}" wx:key="*this" data-value="{{index}}"${c.setUi('active', 'tap', 'index')}><text>{{item.text}}</text></view></view>`,
  wxss: '.t-tab-bar{display:flex;background:#fff;border-top:1px solid var(--t-border);}.t-tab-bar__item{flex:1;text-align:center;padding:16rpx 0;color:var(--t-muted);}.t-tab-bar__item--active{color:var(--t-primary);}',
};

export const Tabs: MpComponent = {
  // Tab titles are computed by the runtime from the panes (`tabs`: [{ name, title }]).
  wxml: (c) =>
    `<view${c.root('t-tabs')}><view class="t-tabs__bar"><text class="t-tabs__tab {{item.name === ${c.ui('active')} ? 't-tabs__tab--active' : ''}}" wx:for="${c.attr('tabs')}" wx:key="name" data-value="{{item.name}}" aria-role="tab"${c.setUi('active', 'tap', 'name')}>{{item.title}}</text></view>${c.children()}</view>`,
  wxss: '.t-tabs__bar{display:flex;border-bottom:1px solid var(--t-border);}.t-tabs__tab{padding:16rpx 24rpx;color:var(--t-muted);}.t-tabs__tab--active{color:var(--t-primary);border-bottom:4rpx solid var(--t-primary);}',
};

export const TabPane: MpComponent = {
  wxml: (c) => `<view${c.root('t-tab-pane')} wx:if="${c.attr('isActive')}">${c.children()}</view>`,
  wxss: '.t-tab-pane{padding:16rpx 0;}',
};
