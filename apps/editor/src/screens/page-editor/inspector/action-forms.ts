// The form of each action type (schemas/action.schema.json, discriminated by `type`): its fields,
// its nested action lists, a valid new action, and labels in both languages.
import type { ActionSchema } from '@tessera/schema';
import type { Locale } from '../../../app/i18n';
import type { EditorDocument } from '../../../store';

export type ActionType = ActionSchema['type'];

type Label = Record<Locale, string>;
const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

export type ActionFieldKind =
  | 'text' // user-visible text: string, i18n or expression
  | 'value' // any value (loose literal or expression)
  | 'string'
  | 'number'
  | 'boolean'
  | 'select'
  | 'page'
  | 'query'
  | 'form'
  | 'stateName'
  | 'codeBlock'
  | 'codeExport'
  | 'function'
  | 'collection'
  | 'valueMap'
  | 'stateTarget'
  | 'condition'
  | 'locale' // one of the app's locales, or an expression
  | 'json';

export interface ActionField {
  name: string;
  kind: ActionFieldKind;
  label: Label;
  options?: string[];
  required?: boolean;
}

/** Nested action lists an action may hold besides onSuccess / onError. */
export const LIST_FIELDS = ['then', 'else', 'onConfirm', 'onCancel', 'onSuccess', 'onError'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export interface ActionForm {
  label: Label;
  fields: ActionField[];
  lists: ListField[];
}

const outcome: ListField[] = ['onSuccess', 'onError'];

export const ACTION_FORMS: Record<ActionType, ActionForm> = {
  setState: {
    label: l('设置变量', 'Set state'),
    fields: [
      { name: 'scope', kind: 'select', options: ['page', 'app'], label: l('作用域', 'Scope') },
      { name: 'name', kind: 'stateName', label: l('变量', 'Variable'), required: true },
      { name: 'path', kind: 'string', label: l('路径（可选）', 'Path (optional)') },
      { name: 'value', kind: 'value', label: l('值', 'Value'), required: true },
    ],
    lists: outcome,
  },
  navigate: {
    label: l('跳转页面', 'Open page'),
    fields: [
      { name: 'page', kind: 'page', label: l('页面', 'Page'), required: true },
      { name: 'params', kind: 'valueMap', label: l('页面参数', 'Page parameters') },
      { name: 'replace', kind: 'boolean', label: l('替换当前页', 'Replace current page') },
    ],
    lists: outcome,
  },
  navigateBack: {
    label: l('返回上一页', 'Go back'),
    fields: [{ name: 'delta', kind: 'number', label: l('返回层数', 'Pages back') }],
    lists: outcome,
  },
  callFunction: {
    label: l('调用云函数', 'Call function'),
    fields: [
      { name: 'function', kind: 'function', label: l('云函数', 'Function'), required: true },
      { name: 'data', kind: 'valueMap', label: l('参数', 'Arguments') },
      { name: 'saveTo', kind: 'stateTarget', label: l('结果存入变量', 'Save result to') },
    ],
    lists: outcome,
  },
  runQuery: {
    label: l('运行查询', 'Run query'),
    fields: [
      { name: 'query', kind: 'query', label: l('查询', 'Query'), required: true },
      { name: 'params', kind: 'valueMap', label: l('参数', 'Parameters') },
    ],
    lists: outcome,
  },
  dbInsert: {
    label: l('新增数据', 'Insert document'),
    fields: [
      { name: 'collection', kind: 'collection', label: l('集合', 'Collection'), required: true },
      { name: 'doc', kind: 'valueMap', label: l('文档字段', 'Document fields'), required: true },
    ],
    lists: outcome,
  },
  dbUpdate: {
    label: l('更新数据', 'Update document'),
    fields: [
      { name: 'collection', kind: 'collection', label: l('集合', 'Collection'), required: true },
      { name: 'id', kind: 'value', label: l('文档 ID', 'Document ID'), required: true },
      { name: 'set', kind: 'valueMap', label: l('更新字段', 'Fields to set'), required: true },
    ],
    lists: outcome,
  },
  dbDelete: {
    label: l('删除数据', 'Delete document'),
    fields: [
      { name: 'collection', kind: 'collection', label: l('集合', 'Collection'), required: true },
      { name: 'id', kind: 'value', label: l('文档 ID', 'Document ID'), required: true },
    ],
    lists: outcome,
  },
  showToast: {
    label: l('显示提示', 'Show toast'),
    fields: [
      { name: 'message', kind: 'text', label: l('提示内容', 'Message'), required: true },
      {
        name: 'icon',
        kind: 'select',
        options: ['none', 'success', 'error', 'loading'],
        label: l('图标', 'Icon'),
      },
      { name: 'duration', kind: 'number', label: l('时长（毫秒）', 'Duration (ms)') },
    ],
    lists: outcome,
  },
  showModal: {
    label: l('显示对话框', 'Show dialog'),
    fields: [
      { name: 'title', kind: 'text', label: l('标题', 'Title') },
      { name: 'content', kind: 'text', label: l('内容', 'Content'), required: true },
      { name: 'showCancel', kind: 'boolean', label: l('显示取消按钮', 'Show cancel') },
      { name: 'confirmText', kind: 'text', label: l('确定按钮文字', 'Confirm label') },
      { name: 'cancelText', kind: 'text', label: l('取消按钮文字', 'Cancel label') },
    ],
    lists: ['onConfirm', 'onCancel', 'onSuccess', 'onError'],
  },
  openUrl: {
    label: l('打开链接', 'Open URL'),
    fields: [
      { name: 'url', kind: 'value', label: l('链接', 'URL'), required: true },
      { name: 'target', kind: 'select', options: ['self', 'blank'], label: l('打开方式', 'Open in') },
    ],
    lists: outcome,
  },
  uploadFile: {
    label: l('上传文件', 'Upload file'),
    fields: [
      { name: 'accept', kind: 'string', label: l('文件类型', 'Accepted types') },
      { name: 'maxSizeMB', kind: 'number', label: l('最大大小（MB）', 'Max size (MB)') },
      { name: 'folder', kind: 'value', label: l('存储目录', 'Folder') },
      { name: 'saveTo', kind: 'stateTarget', label: l('文件 ID 存入变量', 'Save file ID to') },
    ],
    lists: outcome,
  },
  login: {
    label: l('登录', 'Sign in'),
    fields: [
      {
        name: 'method',
        kind: 'select',
        options: ['anonymous', 'password', 'email', 'phone', 'wechat'],
        label: l('方式', 'Method'),
        required: true,
      },
      { name: 'credentials', kind: 'valueMap', label: l('凭据', 'Credentials') },
    ],
    lists: outcome,
  },
  logout: { label: l('退出登录', 'Sign out'), fields: [], lists: outcome },
  validateForm: {
    label: l('校验表单', 'Validate form'),
    fields: [{ name: 'form', kind: 'form', label: l('表单', 'Form'), required: true }],
    lists: outcome,
  },
  submitForm: {
    label: l('提交表单', 'Submit form'),
    fields: [
      { name: 'form', kind: 'form', label: l('表单', 'Form'), required: true },
      { name: 'collection', kind: 'collection', label: l('存入集合', 'Save to collection') },
      { name: 'function', kind: 'function', label: l('或调用云函数', 'Or call function') },
    ],
    lists: outcome,
  },
  runCode: {
    label: l('运行代码', 'Run code'),
    fields: [
      { name: 'block', kind: 'codeBlock', label: l('代码块', 'Code block'), required: true },
      { name: 'export', kind: 'codeExport', label: l('函数', 'Function'), required: true },
      { name: 'args', kind: 'json', label: l('参数（JSON 数组）', 'Arguments (JSON array)') },
    ],
    lists: outcome,
  },
  branch: {
    label: l('条件分支', 'If / else'),
    fields: [{ name: 'condition', kind: 'condition', label: l('条件', 'Condition'), required: true }],
    lists: ['then', 'else', 'onSuccess', 'onError'],
  },
  setLocale: {
    label: l('切换语言', 'Switch language'),
    fields: [{ name: 'locale', kind: 'locale', label: l('语言', 'Language'), required: true }],
    lists: outcome,
  },
};

export const ACTION_TYPES = Object.keys(ACTION_FORMS) as ActionType[];

/** A new action of a type, filled so that it is valid in this document where that is possible. */
export function newAction(type: ActionType, doc: EditorDocument, pageId: string | undefined): ActionSchema {
  const page = doc.pages.find((p) => p.id === pageId);
  const firstKey = (map: object | undefined) => Object.keys(map ?? {})[0] ?? '';
  const formId = Object.values(doc.nodes).find((node) => node.component === 'Form')?.id ?? '';
  const block = firstKey(doc.app.codeBlocks);
  switch (type) {
    case 'setState': {
      const pageVar = firstKey(page?.state);
      return pageVar
        ? { type, name: pageVar, value: '' }
        : { type, scope: 'app', name: firstKey(doc.app.state) || 'value', value: '' };
    }
    case 'navigate':
      return { type, page: doc.app.navigation?.home ?? doc.pages[0]?.id ?? '' };
    case 'navigateBack':
      return { type };
    case 'callFunction':
      return { type, function: firstKey(doc.app.functions) };
    case 'runQuery':
      return { type, query: firstKey(page?.queries) || firstKey(doc.app.queries) };
    case 'dbInsert':
      return { type, collection: firstKey(doc.app.collections) || 'items', doc: {} };
    case 'dbUpdate':
      return { type, collection: firstKey(doc.app.collections) || 'items', id: '', set: {} };
    case 'dbDelete':
      return { type, collection: firstKey(doc.app.collections) || 'items', id: '' };
    case 'showToast':
      return { type, message: '' };
    case 'showModal':
      return { type, content: '' };
    case 'openUrl':
      return { type, url: 'https://' };
    case 'uploadFile':
      return { type };
    case 'login':
      return { type, method: 'anonymous' };
    case 'logout':
      return { type };
    case 'validateForm':
      return { type, form: formId };
    case 'submitForm':
      return { type, form: formId };
    case 'runCode':
      return { type, block, export: doc.app.codeBlocks?.[block]?.exports[0] ?? '' };
    case 'branch':
      // biome-ignore lint/suspicious/noThenProperty: the schema names the branch's list `then`
      return { type, condition: true, then: [] };
    case 'setLocale': {
      const { default: fallback, supported } = doc.app.locales;
      return { type, locale: supported.find((locale) => locale !== fallback) ?? fallback };
    }
  }
}
