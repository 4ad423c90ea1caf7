import type { MpComponent } from './types';

export const List: MpComponent = {
  wxml: (c) =>
    `<view${c.root(`t-list t-list--${c.literal('direction') ?? 'vertical'}`)}>${c.repeatChildren()}<view class="t-list__empty" wx:if="${c.attr('isEmpty')}">${c.slot('empty')}<text>${c.text('emptyText')}</text></view></view>`,
  wxss: '.t-list{display:flex;flex-direction:column;}.t-list--horizontal{flex-direction:row;overflow-x:auto;}.t-list__empty{color:var(--t-muted);text-align:center;padding:32rpx;}',
};

export const Table: MpComponent = {
  // Rows and cells are computed by the runtime (`rows`: [{ key, cells: [text] }], `heads`: [text]).
  wxml: (c) =>
    `<view${c.root('t-table')} aria-role="table"><view class="t-table__row t-table__head"><text class="t-table__cell" wx:for="${c.attr('heads')}" wx:key="*this">{{item}}</text></view><view class="t-table__row" wx:for="${c.attr('rows')}" wx:key="key" data-row="{{index}}"${c.on('rowTap', 'tap')}><text class="t-table__cell" wx:for="{{item.cells}}" wx:for-item="cell" wx:key="*this">{{cell}}</text></view></view>`,
  wxss: '.t-table{display:table;width:100%;}.t-table__row{display:table-row;}.t-table__head{font-weight:600;}.t-table__cell{display:table-cell;padding:8rpx;border-bottom:1px solid var(--t-border);}',
};

export const Swiper: MpComponent = {
  wxml: (c) =>
    `<swiper${c.root('t-swiper')} autoplay="${c.attr('autoplay') || 'true'}" interval="${c.attr('interval') || '5000'}" circular="${c.attr('circular') || 'true'}" indicator-dots="${c.attr('indicatorDots') || 'true'}"${c.on('change', 'change')}>${c.children()}</swiper>`,
  wxss: '.t-swiper{height:320rpx;}',
};

export const SwiperItem: MpComponent = {
  wxml: (c) => `<swiper-item${c.root('t-swiper-item')}${c.on('tap', 'tap')}>${c.children()}</swiper-item>`,
  wxss: '',
};
