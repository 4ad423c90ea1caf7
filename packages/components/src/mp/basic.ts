import type { MpComponent } from './types';

export const Text: MpComponent = {
  wxml: (c) =>
    `<text${c.root(`t-text t-align-${c.literal('align') ?? 'left'}`)} user-select="${c.attr('selectable') || 'false'}"${c.on('tap', 'tap')}>${c.text('text')}</text>`,
  wxss: '.t-text{display:block;white-space:pre-wrap;}.t-align-left{text-align:left;}.t-align-center{text-align:center;}.t-align-right{text-align:right;}',
};

export const Heading: MpComponent = {
  wxml: (c) =>
    `<view${c.root(`t-heading t-heading--${c.literal('level') ?? 2} t-align-${c.literal('align') ?? 'left'}`)} aria-role="heading"><text>${c.text('text')}</text></view>`,
  wxss: '.t-heading{font-weight:600;margin:16rpx 0;}.t-heading--1{font-size:48rpx;}.t-heading--2{font-size:40rpx;}.t-heading--3{font-size:36rpx;}.t-heading--4{font-size:32rpx;}.t-heading--5,.t-heading--6{font-size:28rpx;}',
};

// rich-text renders a node tree, never script: the runtime hands it sanitised nodes.
export const RichText: MpComponent = {
  wxml: (c) => `<rich-text${c.root('t-rich-text')} nodes="${c.attr('content')}"></rich-text>`,
  wxss: '.t-rich-text{display:block;line-height:1.6;}',
};

export const Button: MpComponent = {
  wxml: (c) =>
    `<button${c.root(`t-button t-button--${c.literal('variant') ?? 'default'} t-button--${c.literal('size') ?? 'medium'}${c.literal('block') ? ' t-button--block' : ''}`)} disabled="${c.attr('disabled') || 'false'}" loading="${c.attr('loading') || 'false'}" aria-label="${c.attr('ariaLabel')}"${c.on('tap', 'tap')}>${c.text('text')}</button>`,
  wxss: '.t-button{margin:8rpx 0;border-radius:var(--t-radius);font-size:28rpx;}.t-button--primary{background:var(--t-primary);color:#fff;}.t-button--danger{background:var(--t-danger);color:#fff;}.t-button--text,.t-button--link{background:transparent;color:var(--t-primary);}.t-button--small{font-size:24rpx;}.t-button--large{font-size:32rpx;}.t-button--block{width:100%;}',
};

export const Link: MpComponent = {
  wxml: (c) =>
    `<text${c.root('t-link')} aria-role="link" aria-label="${c.attr('ariaLabel')}"${c.on('tap', 'tap')}>${c.text('text')}</text>`,
  wxss: '.t-link{color:var(--t-primary);}',
};

export const Icon: MpComponent = {
  wxml: (c) =>
    `<text${c.root('t-icon', `font-size:${Number(c.literal('size') ?? 20) * 2}rpx`)} aria-label="${c.attr('label')}"${c.on('tap', 'tap')}>${c.text('name')}</text>`,
  wxss: '.t-icon{display:inline-block;color:var(--t-primary);}',
};

export const Image: MpComponent = {
  wxml: (c) => {
    const shown = c.image('src');
    const fit = c.literal('fit');
    const mode = fit === 'contain' ? 'aspectFit' : fit === 'fill' ? 'scaleToFill' : 'aspectFill';
    return `<image${c.root(`t-image t-image--{{${shown}.state}}`)} src="{{${shown}.src}}" data-src="{{${shown}.src}}" mode="${mode}" lazy-load="${c.attr('lazyLoad') || 'true'}" aria-label="${c.attr('alt')}{{${shown}.note}}"${c.on('tap', 'tap')}${c.on('load', 'load')}${c.on('error', 'error')}></image>`;
  },
  wxss: '.t-image{width:100%;display:block;}.t-image--loading,.t-image--broken{background:#f2f3f5;min-height:96rpx;}',
};

export const QRCode: MpComponent = {
  // `image` is a data URI of the same SVG the web draws, computed by the runtime from the props.
  wxml: (c) => {
    const size = Number(c.literal('size') ?? 160) * 2;
    return `<image${c.root('t-qrcode', `width:${size}rpx;height:${size}rpx`)} src="${c.attr('image')}" mode="aspectFit" aria-role="img" aria-label="${c.attr('alt') || c.attr('value')}"></image>`;
  },
  wxss: '.t-qrcode{display:block;max-width:100%;}',
};
