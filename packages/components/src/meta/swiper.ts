import type { ComponentMeta } from '../types';
import { allTargets, event, t } from './shared';
import { swiperSlide } from './swiper-item';

export const swiper: ComponentMeta = {
  name: 'Swiper',
  title: t('轮播', 'Swiper'),
  description: t(
    '可左右滑动切换的轮播区域，常用于首页横幅；每一屏是一个“轮播项”。',
    'A sliding carousel, often a home-page banner; each slide is a Swiper item.',
  ),
  category: 'media',
  icon: 'gallery-horizontal',
  targets: allTargets,
  props: {
    autoplay: {
      type: 'boolean',
      title: t('自动播放', 'Autoplay'),
      description: t(
        '自动切换到下一屏；用户触摸时暂停。',
        'Moves to the next slide by itself; pauses while touched.',
      ),
      default: true,
      editor: { group: 'behavior' },
    },
    interval: {
      type: 'number',
      title: t('切换间隔', 'Interval'),
      description: t('自动播放时每屏停留的时间。', 'How long each slide stays during autoplay.'),
      default: 5000,
      schema: { type: 'integer', minimum: 1000 },
      editor: { group: 'behavior', unit: 'ms', min: 1000, max: 20000, step: 500 },
    },
    circular: {
      type: 'boolean',
      title: t('循环播放', 'Loop'),
      description: t('最后一屏之后回到第一屏。', 'Goes back to the first slide after the last.'),
      default: true,
      editor: { group: 'behavior' },
    },
    indicatorDots: {
      type: 'boolean',
      title: t('显示指示点', 'Indicator dots'),
      description: t('在底部显示当前位置的圆点。', 'Shows dots marking the current slide.'),
      default: true,
      editor: { group: 'layout' },
    },
    current: {
      type: 'number',
      title: t('当前序号', 'Current slide'),
      description: t('当前显示第几屏（从 0 开始）。', 'Position of the slide shown (from 0).'),
      default: 0,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'basic', advanced: true },
    },
  },
  events: {
    change: event(
      t('切换', 'Change'),
      t(
        '切换到另一屏时触发，event.detail.current 为新序号。',
        'Fires when another slide is shown; event.detail.current is its position.',
      ),
      { type: 'object', properties: { current: { type: 'integer' } }, required: ['current'] },
    ),
  },
  children: { only: ['SwiperItem'] },
  defaults: { style: { height: '180px' } },
  snippet: { component: 'Swiper', style: { height: '180px' }, children: [swiperSlide(1), swiperSlide(2)] },
};
