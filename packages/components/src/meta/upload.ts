import type { ComponentMeta } from '../types';
import { allTargets, changeEvent, event, fieldProps, i18n, option, t } from './shared';

const fileList = {
  type: 'array',
  items: {
    type: 'object',
    required: ['fileID'],
    properties: {
      fileID: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      size: { type: 'number' },
    },
  },
};

export const upload: ComponentMeta = {
  name: 'Upload',
  title: t('文件上传', 'Upload'),
  description: t(
    '选择图片或文件并上传到云存储，值为已上传文件的列表。',
    'Picks images or files and uploads them to cloud storage; the value is the list of uploaded files.',
  ),
  category: 'form',
  icon: 'upload',
  targets: allTargets,
  props: {
    ...fieldProps('上传附件', 'Attachments'),
    value: {
      type: 'array',
      title: t('值', 'Value'),
      description: t(
        '已上传的文件列表（含云存储文件 ID）；在表单中由表单数据提供。',
        'Uploaded files (with cloud storage file IDs); inside a Form it comes from the form values.',
      ),
      default: [],
      schema: fileList,
      editor: { group: 'data' },
    },
    accept: {
      type: 'enum',
      title: t('文件类型', 'File type'),
      description: t('允许选择的文件类型。', 'Kind of files that can be picked.'),
      default: 'image',
      options: [
        option('image', '图片', 'Images'),
        option('video', '视频', 'Videos'),
        option('file', '任意文件', 'Any file'),
      ],
      bindable: false,
      editor: { group: 'basic' },
    },
    maxCount: {
      type: 'number',
      title: t('最多文件数', 'Maximum files'),
      description: t('最多可上传的文件个数。', 'Most files that can be uploaded.'),
      default: 9,
      schema: { type: 'integer', minimum: 1, maximum: 100 },
      editor: { group: 'validation', min: 1, max: 100 },
    },
    maxSize: {
      type: 'number',
      title: t('单个文件上限', 'Maximum file size'),
      description: t(
        '单个文件的大小上限，超出时提示用户。',
        'Largest size of one file; bigger files are refused with a message.',
      ),
      default: 10,
      schema: { type: 'number', exclusiveMinimum: 0 },
      editor: { group: 'validation', unit: 'MB', min: 0.1, max: 1024 },
    },
    folder: {
      type: 'string',
      title: t('存储目录', 'Storage folder'),
      description: t(
        '文件在云存储中的目录，如 uploads/feedback。',
        'Folder in cloud storage for the files, e.g. uploads/feedback.',
      ),
      default: 'uploads',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$' },
      editor: { group: 'advanced' },
    },
  },
  events: {
    change: changeEvent(
      fileList,
      '文件列表变化（上传完成或删除）时触发。',
      'Fires when the file list changes (an upload finished or a file was removed).',
    ),
    error: event(
      t('上传失败', 'Upload error'),
      t('文件超出限制或上传失败时触发。', 'Fires when a file is too large or its upload fails.'),
      {
        type: 'object',
        properties: { message: { type: 'string' }, name: { type: 'string' } },
        required: ['message'],
      },
    ),
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: fileList },
  defaults: {},
  snippet: {
    component: 'Upload',
    props: { name: 'attachments', label: i18n('上传附件', 'Attachments'), accept: 'image' },
  },
};
