import type { ComponentMeta } from '../types';
import { allTargets, event, i18n, t } from './shared';

export const table: ComponentMeta = {
  name: 'Table',
  title: t('表格', 'Table'),
  description: t(
    '以行和列展示一组数据，如办件记录、统计明细。',
    'Shows a set of records in rows and columns, e.g. case records or statistics.',
  ),
  category: 'data',
  icon: 'table',
  targets: allTargets,
  props: {
    data: {
      type: 'array',
      title: t('数据', 'Data'),
      description: t(
        '每行一条记录的数组，通常绑定查询结果。',
        'Array with one record per row, usually bound to a query result.',
      ),
      required: true,
      schema: { type: 'array', items: { type: 'object' } },
      editor: { group: 'data', widget: 'code', language: 'expression' },
    },
    columns: {
      type: 'array',
      title: t('列', 'Columns'),
      description: t(
        '要显示的列：字段名、表头文字、宽度和对齐方式。',
        'Columns to show: the record field, the header text, width and alignment.',
      ),
      required: true,
      bindable: false,
      schema: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['field', 'title'],
          properties: {
            field: { type: 'string', minLength: 1 },
            title: {
              anyOf: [
                { type: 'string' },
                { type: 'object', required: ['$i18n'], properties: { $i18n: { type: 'object' } } },
              ],
            },
            width: { type: 'number', minimum: 0 },
            align: { enum: ['left', 'center', 'right'] },
          },
        },
      },
      editor: { group: 'data', widget: 'list' },
    },
    rowKey: {
      type: 'string',
      title: t('行唯一键', 'Row key'),
      description: t('每条记录中取值唯一的字段名。', 'Field whose value is unique per record.'),
      default: '_id',
      bindable: false,
      editor: { group: 'data' },
    },
    striped: {
      type: 'boolean',
      title: t('斑马纹', 'Striped'),
      description: t('隔行显示不同底色，便于阅读。', 'Shades every other row to ease reading.'),
      default: true,
      editor: { group: 'layout' },
    },
    bordered: {
      type: 'boolean',
      title: t('显示边框', 'Borders'),
      description: t('显示单元格边框。', 'Draws cell borders.'),
      default: false,
      editor: { group: 'layout' },
    },
    loading: {
      type: 'boolean',
      title: t('加载中', 'Loading'),
      description: t(
        '显示加载状态，通常绑定查询的 loading。',
        'Shows a loading state; usually bound to the query’s loading.',
      ),
      default: false,
      editor: { group: 'data' },
    },
    emptyText: {
      type: 'text',
      title: t('空数据提示', 'Empty text'),
      description: t('没有数据时显示的文字。', 'Text shown when there are no records.'),
      default: { $i18n: t('暂无数据', 'No data') },
      editor: { group: 'content' },
    },
    caption: {
      type: 'text',
      title: t('表格说明', 'Caption'),
      description: t(
        '表格的标题说明，读屏软件据此介绍表格。',
        'Title of the table; screen readers use it to introduce the table.',
      ),
      default: '',
      editor: { group: 'accessibility' },
    },
  },
  events: {
    rowTap: event(
      t('点击行', 'Row tap'),
      t(
        '用户点击某一行时触发，event.detail.row 为该行记录。',
        'Fires when the user taps a row; event.detail.row is its record.',
      ),
      {
        type: 'object',
        properties: { row: { type: 'object' }, index: { type: 'integer' } },
        required: ['row', 'index'],
      },
    ),
  },
  children: 'none',
  defaults: { props: { data: [] } },
  snippet: {
    component: 'Table',
    props: {
      data: [
        { _id: '1', name: '张三', status: '已办结' },
        { _id: '2', name: '李四', status: '办理中' },
      ],
      columns: [
        { field: 'name', title: i18n('申请人', 'Applicant') },
        { field: 'status', title: i18n('办理状态', 'Status'), align: 'center' },
      ],
      rowKey: '_id',
    },
  },
};
