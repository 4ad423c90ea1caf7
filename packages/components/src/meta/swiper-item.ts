import type { ComponentMeta } from '../types';
import { allTargets, i18n, t, tapEvent } from './shared';

export const swiperSlide = (n: number) => ({
  component: 'SwiperItem',
  children: [
    {
      component: 'Image',
      props: {
        src: `https://tessera.dev/assets/banner-${n}.png`,
        alt: i18n(`轮播图${n}`, `Banner ${n}`),
        fit: 'cover',
      },
      style: { width: '100%', height: '100%' },
    },
  ],
});

export const swiperItem: ComponentMeta = {
  name: 'SwiperItem',
  title: t('轮播项', 'Swiper item'),
  description: t('“轮播”中的一屏内容。', 'One slide of a Swiper.'),
  category: 'media',
  icon: 'rectangle-horizontal',
  targets: allTargets,
  parents: ['Swiper'],
  props: {},
  events: { tap: tapEvent },
  children: 'any',
  defaults: {},
  snippet: swiperSlide(1),
};
