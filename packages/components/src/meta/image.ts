import type { ComponentMeta } from '../types';
import { allTargets, errorEvent, i18n, loadEvent, option, t, tapEvent } from './shared';

export const image: ComponentMeta = {
  name: 'Image',
  title: t('图片', 'Image'),
  description: t(
    '显示一张图片，支持网络地址和云存储文件。',
    'Shows an image from a URL or from cloud storage.',
  ),
  category: 'media',
  icon: 'image',
  targets: allTargets,
  props: {
    src: {
      type: 'image',
      title: t('图片地址', 'Source'),
      description: t(
        '图片的网络地址、云存储文件 ID（cloud://…）或 CMS 媒体（图片字段的值）。',
        'URL, cloud storage file ID (cloud://…) or CMS media (the value of an image field) of the image.',
      ),
      required: true,
      editor: { group: 'content', accept: 'image/*' },
    },
    alt: {
      type: 'text',
      title: t('替代文字', 'Alternative text'),
      description: t(
        '向看不到图片的用户（读屏软件）说明图片内容；纯装饰图片请开启“装饰性图片”并留空。',
        'Describes the image for people who cannot see it; for purely decorative images turn on “Decorative” and leave it empty.',
      ),
      required: true,
      editor: { group: 'accessibility' },
    },
    decorative: {
      type: 'boolean',
      title: t('装饰性图片', 'Decorative'),
      description: t('开启后读屏软件会跳过该图片。', 'When on, screen readers skip the image.'),
      default: false,
      editor: { group: 'accessibility' },
    },
    fit: {
      type: 'enum',
      title: t('填充方式', 'Fit'),
      description: t(
        '图片与显示区域尺寸不一致时如何缩放。',
        'How the image is scaled when its size differs from the box.',
      ),
      default: 'cover',
      options: [
        option('cover', '裁剪填满', 'Cover'),
        option('contain', '完整显示', 'Contain'),
        option('fill', '拉伸填满', 'Stretch'),
        option('widthFix', '宽度固定，高度自适应', 'Fixed width, auto height'),
        option('heightFix', '高度固定，宽度自适应', 'Fixed height, auto width'),
      ],
      editor: { group: 'layout' },
    },
    lazyLoad: {
      type: 'boolean',
      title: t('懒加载', 'Lazy load'),
      description: t(
        '图片即将进入屏幕时才加载，节省流量。',
        'Loads the image only when it is about to scroll into view.',
      ),
      default: true,
      editor: { group: 'behavior' },
    },
    preview: {
      type: 'boolean',
      title: t('点击预览大图', 'Preview on tap'),
      description: t('点击图片时全屏查看。', 'Opens the image full screen when tapped.'),
      default: false,
      editor: { group: 'behavior' },
    },
  },
  events: { tap: tapEvent, load: loadEvent, error: errorEvent },
  children: 'none',
  defaults: { props: { fit: 'cover' }, style: { width: '100%' } },
  snippet: {
    component: 'Image',
    props: {
      src: 'https://tessera.dev/assets/placeholder.png',
      alt: i18n('示例图片', 'Sample image'),
      fit: 'widthFix',
    },
    style: { width: '100%' },
  },
};
