/**
 * The compiled form of an app that every renderer reads. The compiler turns each `{ "$expr" }`
 * of the schema into a function of the scope; everything else stays the schema's JSON.
 */

/** The names an expression reads: state, app, params, item/index (renamable), queries, auth, event, code, form. */
export type Scope = Record<string, unknown>;

/** A compiled expression: reads the scope, never evaluates strings. */
export type Compiled = (scope: Scope) => unknown;

/** A schema value after compilation: literal JSON, i18n text, or a compiled expression (anywhere inside). */
export type RuntimeValue =
  | Compiled
  | { $i18n: Record<string, string | undefined> }
  | string
  | number
  | boolean
  | null
  | RuntimeValue[]
  | { [key: string]: RuntimeValue | undefined };

export interface StateTarget {
  scope?: 'page' | 'app';
  name: string;
  path?: string;
}

/** One action as in schemas/action.schema.json, with its values compiled. */
export interface RuntimeAction {
  type: string;
  onSuccess?: RuntimeAction[];
  onError?: RuntimeAction[];
  [field: string]: unknown;
}

export interface StateDeclaration {
  initial?: unknown;
  persist?: boolean;
}

export interface QueryDescriptor {
  type: 'collection' | 'cms' | 'function' | 'http';
  auto?: boolean;
  [field: string]: unknown;
}

/** A field of a form, collected at compile time from the fields inside a Form node. */
export interface FormFieldDescriptor {
  name: string;
  label?: RuntimeValue;
  required?: boolean;
  pattern?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  inputType?: string;
  errorMessage?: RuntimeValue;
}

export interface FormDescriptor {
  /** Node id of the Form. */
  id: string;
  fields: FormFieldDescriptor[];
  initialValues?: RuntimeValue;
  /** Form events (submit, invalid, change, reset) by name. */
  events?: Record<string, RuntimeAction[]>;
}

export interface PageDescriptor {
  id: string;
  path: string;
  title?: RuntimeValue;
  state?: Record<string, StateDeclaration>;
  queries?: Record<string, QueryDescriptor>;
  /** Page lifecycle events: load, show, hide, pullDownRefresh, reachBottom. */
  events?: Record<string, RuntimeAction[]>;
  forms?: Record<string, FormDescriptor>;
}

export interface AppDescriptor {
  id: string;
  locales: { default: string; supported: string[] };
  state?: Record<string, StateDeclaration>;
  queries?: Record<string, QueryDescriptor>;
  /** Page id → route path (with :params), for navigate. */
  pages: Record<string, { path: string }>;
  home: string;
  /** Exports of the app's code blocks: code.<block>.<export>. */
  code?: Record<string, Record<string, unknown>>;
}

/** What an action or a query failure looks like to onError (`event.error`). */
export interface ActionErrorInfo {
  message: string;
  code: string;
  details?: unknown;
}
