import type { ComponentMeta } from '../types';
import { allTargets, event, i18n, option, t } from './shared';

export const list: ComponentMeta = {
  name: 'List',
  title: t('列表', 'List'),
  description: t(
    '按数据逐条重复显示子组件（列表项模板），在模板中用 item 和 index 读取当前条目。',
    'Repeats its children (the item template) once per data item; the template reads the current item as item and index.',
  ),
  category: 'data',
  icon: 'list',
  targets: allTargets,
  props: {
    data: {
      type: 'array',
      title: t('数据', 'Data'),
      description: t(
        '要显示的数据数组，通常绑定查询结果，如 queries.notices.data。',
        'Array of items to show, usually bound to a query result such as queries.notices.data.',
      ),
      required: true,
      schema: { type: 'array' },
      editor: { group: 'data', widget: 'code', language: 'expression' },
    },
    itemKey: {
      type: 'string',
      title: t('唯一键字段', 'Item key'),
      description: t(
        '每条数据中取值唯一的字段名，用于高效更新列表；留空则按序号。',
        'Field whose value is unique per item, used to update the list efficiently; the position is used when empty.',
      ),
      default: '_id',
      bindable: false,
      editor: { group: 'data' },
    },
    itemName: {
      type: 'string',
      title: t('条目变量名', 'Item variable'),
      description: t(
        '模板中当前条目的变量名，嵌套列表时可改名以免冲突。',
        'Name of the current item in the template; rename it in nested lists.',
      ),
      default: 'item',
      bindable: false,
      schema: { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$' },
      editor: { group: 'data', advanced: true },
    },
    indexName: {
      type: 'string',
      title: t('序号变量名', 'Index variable'),
      description: t(
        '模板中当前序号（从 0 开始）的变量名。',
        'Name of the current position (from 0) in the template.',
      ),
      default: 'index',
      bindable: false,
      schema: { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$' },
      editor: { group: 'data', advanced: true },
    },
    direction: {
      type: 'enum',
      title: t('排列方向', 'Direction'),
      description: t(
        '列表项纵向还是横向排列。',
        'Whether items are stacked vertically or laid out horizontally.',
      ),
      default: 'vertical',
      options: [option('vertical', '纵向', 'Vertical'), option('horizontal', '横向', 'Horizontal')],
      editor: { group: 'layout', widget: 'radio' },
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
      description: t(
        '没有数据时显示的文字（未使用“空状态”插槽时）。',
        'Text shown when there are no items (unless the Empty slot is used).',
      ),
      default: { $i18n: t('暂无数据', 'No data') },
      editor: { group: 'content' },
    },
  },
  events: {
    itemTap: event(
      t('点击列表项', 'Item tap'),
      t(
        '用户点击某一条目时触发，可读取 event.detail.item。',
        'Fires when the user taps an item; read it as event.detail.item.',
      ),
      { type: 'object', properties: { item: {}, index: { type: 'integer' } }, required: ['item', 'index'] },
    ),
    reachEnd: event(
      t('滚动到末尾', 'Reach end'),
      t(
        '列表滚动到最后一条时触发，常用于分页加载更多。',
        'Fires when the last item scrolls into view; often used to load the next page.',
      ),
    ),
  },
  children: 'any',
  slots: {
    empty: {
      title: t('空状态', 'Empty'),
      description: t('没有数据时显示的内容。', 'Content shown when there are no items.'),
      children: 'any',
    },
  },
  defaults: { props: { data: [] } },
  snippet: {
    component: 'List',
    props: {
      data: [
        { _id: '1', title: '示例条目一' },
        { _id: '2', title: '示例条目二' },
      ],
      itemKey: '_id',
    },
    children: [
      {
        component: 'Container',
        style: { padding: '12px', borderBottom: '1px solid #eeeeee' },
        children: [{ component: 'Text', props: { text: { $expr: 'item.title' } } }],
      },
    ],
    slots: { empty: [{ component: 'Text', props: { text: i18n('暂无数据', 'No data'), align: 'center' } }] },
  },
};
