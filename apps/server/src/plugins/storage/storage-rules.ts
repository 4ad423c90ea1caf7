import { evaluateExpression, parseExpression } from '@tessera/expr';
import type { Store } from '@tessera/store';
import { RuleError } from '../../rules/rule-error';
import { checkCloudPath, PathError } from './paths';

/** Rules for the files under one path prefix ('' = every file). The longest matching prefix applies. */
export interface StorageRule {
  prefix: string;
  read: string;
  write: string;
}

/** Like CloudBase's default: everyone reads, only the uploader overwrites or deletes. */
export const defaultStorageRules: StorageRule[] = [
  { prefix: '', read: 'true', write: 'auth != null && doc._openid == auth.uid' },
];

const scope = ['auth', 'doc', 'now', 'request'];
const cacheMilliseconds = 2000;

/** What a storage rule sees as `doc`: the file's metadata (for a new upload, what it will be). */
export interface FileFacts {
  path: string;
  _openid?: string;
  size?: number;
  contentType?: string;
}

/** Checks rules before they are saved; throws RuleError naming the rule. */
export function checkStorageRules(rules: StorageRule[]): StorageRule[] {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    try {
      checkCloudPath(rule.prefix, { prefix: true });
    } catch (error) {
      if (error instanceof PathError) throw new RuleError(`rules[${index}].prefix`, error.message);
      throw error;
    }
    if (seen.has(rule.prefix))
      throw new RuleError(`rules[${index}].prefix`, `"${rule.prefix}" appears twice`);
    seen.add(rule.prefix);
    for (const kind of ['read', 'write'] as const) {
      const result = parseExpression(rule[kind], { scope });
      if (!result.ok)
        throw new RuleError(
          `rules[${index}].${kind}`,
          result.errors[0]?.message ?? 'invalid',
          result.errors[0]?.column,
        );
    }
  });
  return rules;
}

export class StorageRulesRepository {
  private readonly cache = new Map<string, { loadedAt: number; rules: StorageRule[] }>();

  constructor(private readonly store: Store) {}

  async get(appId: string): Promise<StorageRule[]> {
    const cached = this.cache.get(appId);
    if (cached && Date.now() - cached.loadedAt < cacheMilliseconds) return cached.rules;
    const record = await this.store.app(appId).collection('_storage_rules').findOne({ _id: 'rules' });
    const rules = (record?.rules as StorageRule[] | undefined) ?? defaultStorageRules;
    this.cache.set(appId, { loadedAt: Date.now(), rules });
    return rules;
  }

  async save(appId: string, rules: StorageRule[]): Promise<StorageRule[]> {
    checkStorageRules(rules);
    await this.store
      .app(appId)
      .collection('_storage_rules')
      .replaceOne({ _id: 'rules' }, { _id: 'rules', rules }, { upsert: true });
    this.cache.delete(appId);
    return rules;
  }

  /** Whether the rule of the file's longest matching prefix allows this; no matching prefix denies. */
  async allows(
    appId: string,
    kind: 'read' | 'write',
    context: { auth: Record<string, unknown> | null; doc: FileFacts },
  ): Promise<boolean> {
    const rules = await this.get(appId);
    let chosen: StorageRule | undefined;
    for (const rule of rules)
      if (context.doc.path.startsWith(rule.prefix) && (!chosen || rule.prefix.length > chosen.prefix.length))
        chosen = rule;
    if (!chosen) return false;
    const source = chosen[kind];
    if (source === 'true') return true;
    try {
      return Boolean(
        evaluateExpression(
          source,
          { auth: context.auth, doc: context.doc, now: Date.now(), request: { path: context.doc.path } },
          { scope },
        ),
      );
    } catch {
      return false;
    }
  }
}
