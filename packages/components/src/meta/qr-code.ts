import type { ComponentMeta } from '../types';
import { allTargets, colorProp, i18n, option, t } from './shared';

export const qrCode: ComponentMeta = {
  name: 'QRCode',
  title: t('二维码', 'QR code'),
  description: t(
    '把一段文字或网址生成二维码，如办事凭证、活动签到码。',
    'Turns text or a URL into a QR code, e.g. a service receipt or a check-in code.',
  ),
  category: 'media',
  icon: 'qr-code',
  targets: allTargets,
  props: {
    value: {
      type: 'string',
      title: t('内容', 'Content'),
      description: t('二维码包含的文字或网址。', 'Text or URL encoded in the QR code.'),
      required: true,
      schema: { type: 'string', minLength: 1, maxLength: 2000 },
      editor: { group: 'content' },
    },
    size: {
      type: 'number',
      title: t('尺寸', 'Size'),
      description: t('二维码的边长。', 'Width and height of the code.'),
      default: 160,
      schema: { type: 'number', minimum: 48, maximum: 1024 },
      editor: { group: 'layout', unit: 'px', min: 48, max: 1024 },
    },
    color: colorProp(
      '前景色',
      'Colour',
      '二维码色块的颜色，需与背景有足够对比度。',
      'Colour of the modules; keep strong contrast with the background.',
      '#000000',
    ),
    backgroundColor: colorProp(
      '背景色',
      'Background colour',
      '二维码的背景颜色。',
      'Background colour of the code.',
      '#ffffff',
    ),
    errorLevel: {
      type: 'enum',
      title: t('容错级别', 'Error correction'),
      description: t(
        '级别越高，二维码被遮挡或污损时越容易识别，但图案越密。',
        'Higher levels survive damage or a logo on top but make the pattern denser.',
      ),
      default: 'M',
      options: [
        option('L', '低（7%）', 'Low (7%)'),
        option('M', '中（15%）', 'Medium (15%)'),
        option('Q', '较高（25%）', 'Quartile (25%)'),
        option('H', '高（30%）', 'High (30%)'),
      ],
      bindable: false,
      editor: { group: 'advanced' },
    },
    alt: {
      type: 'text',
      title: t('替代文字', 'Alternative text'),
      description: t('向读屏软件说明二维码的用途。', 'Tells screen-reader users what the code is for.'),
      default: { $i18n: t('二维码', 'QR code') },
      editor: { group: 'accessibility' },
    },
  },
  events: {},
  children: 'none',
  defaults: { props: { size: 160 } },
  snippet: {
    component: 'QRCode',
    props: { value: 'https://tessera.dev', size: 160, alt: i18n('扫码访问', 'Scan to open') },
  },
};
