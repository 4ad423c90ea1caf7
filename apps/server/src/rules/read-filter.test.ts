import { describe, expect, it } from 'vitest';
import { presets } from './presets';
import { RuleError } from './rule-error';
import { compileRules } from './security-rules';

const alice = { uid: 'alice', openid: 'alice', anonymous: false, roles: ['editor'] };
const admin = { uid: 'root', openid: 'root', anonymous: false, roles: ['admin'] };
const now = 1_700_000_000_000;

function filterFor(read: string, auth: Record<string, unknown> | null) {
  return compileRules({ read, create: 'true', update: 'true', delete: 'true' }).readFilter({ auth, now });
}

describe('read rules become query filters', () => {
  it('turns an owner comparison into an equality on the field', () => {
    expect(filterFor('doc._openid == auth.uid', alice)).toEqual({ _openid: { $eq: 'alice' } });
    expect(filterFor('auth.uid === doc.owner.id', alice)).toEqual({ 'owner.id': { $eq: 'alice' } });
  });

  it('evaluates the parts that do not depend on the document', () => {
    expect(filterFor('auth != null', alice)).toBe(true);
    expect(filterFor('auth != null', null)).toBe(false);
    expect(filterFor("auth != null && auth.roles.includes('admin')", admin)).toBe(true);
    expect(filterFor("auth != null && auth.roles.includes('admin')", alice)).toBe(false);
    expect(filterFor('true', null)).toBe(true);
    expect(filterFor('false', alice)).toBe(false);
  });

  it('folds && and || around constant parts', () => {
    const rule = 'doc.public == true || (auth != null && doc._openid == auth.uid)';
    expect(filterFor(rule, null)).toEqual({ public: { $eq: true } });
    expect(filterFor(rule, alice)).toEqual({
      $or: [{ public: { $eq: true } }, { _openid: { $eq: 'alice' } }],
    });
    expect(filterFor("auth.roles.includes('admin') || doc._openid == auth.uid", admin)).toBe(true);
    expect(filterFor('doc.a == 1 && doc.b != 2', null)).toEqual({
      $and: [{ a: { $eq: 1 } }, { b: { $ne: 2 } }],
    });
  });

  it('mirrors comparisons written value-first and supports now', () => {
    expect(filterFor('now > doc.publishAt', null)).toEqual({ publishAt: { $lt: now } });
    expect(filterFor('doc.level <= 3', null)).toEqual({ level: { $lte: 3 } });
  });

  it('translates includes() and negation', () => {
    expect(filterFor('doc.members.includes(auth.uid)', alice)).toEqual({ members: { $eq: 'alice' } });
    expect(filterFor("['open', 'done'].includes(doc.status)", null)).toEqual({
      status: { $in: ['open', 'done'] },
    });
    expect(filterFor('!(doc.hidden == true)', null)).toEqual({ $nor: [{ hidden: { $eq: true } }] });
  });

  it('never lets a missing auth value match documents that lack the field', () => {
    expect(filterFor('doc._openid == auth.uid', null)).toBe(false);
    expect(filterFor('doc._openid == auth.uid || doc.public == true', null)).toEqual({
      public: { $eq: true },
    });
  });

  it('refuses rules that cannot become a filter, saying what to write', () => {
    const refuse = (read: string) => () => filterFor(read, null);
    expect(refuse('doc.a == doc.b')).toThrow(/compare one document field/);
    expect(refuse('doc.published')).toThrow(/doc.published == true/);
    expect(refuse('doc.title.length > 3')).toThrow(/length/);
    expect(refuse('doc.tags.map((t) => t).length > 0')).toThrow(RuleError);
    expect(refuse('doc.a + 1 == 2')).toThrow(/cannot become a query filter/);
  });

  it('refuses unknown names and syntax errors with the rule and column', () => {
    const compile = (rules: Partial<Record<'read' | 'create' | 'update' | 'delete', string>>) => () =>
      compileRules({ read: 'true', create: 'true', update: 'true', delete: 'true', ...rules });
    expect(compile({ read: 'request.data == 1' })).toThrow(/read rule/);
    expect(compile({ create: 'auth != null &&' })).toThrow(/create rule/);
    expect(compile({ update: 'window.alert(1)' })).toThrow(/update rule/);
    expect(compile({ delete: '' })).toThrow(/delete rule: is empty/);
  });
});

describe('write rules', () => {
  const context = (
    auth: Record<string, unknown> | null,
    doc: Record<string, unknown> | null,
    data: unknown = {},
  ) => ({
    auth,
    doc,
    now,
    request: { data },
  });

  it('evaluates presets against the stored document', () => {
    const owner = compileRules(presets['owner-only']);
    expect(owner.allows('update', context(alice, { _openid: 'alice' }))).toBe(true);
    expect(owner.allows('update', context(alice, { _openid: 'bob' }))).toBe(false);
    expect(owner.allows('delete', context(null, {}))).toBe(false);
    expect(owner.allows('create', context(alice, { _openid: 'alice' }))).toBe(true);
    expect(owner.allows('create', context(null, {}))).toBe(false);
    const adminOnly = compileRules(presets['admin-only']);
    expect(adminOnly.allows('create', context(admin, {}))).toBe(true);
    expect(adminOnly.allows('create', context(alice, {}))).toBe(false);
  });

  it('sees request.data and denies when evaluation throws', () => {
    const rules = compileRules({
      read: 'true',
      create: 'request.data.title.length <= 10',
      update: 'doc.locked != true',
      delete: 'auth.uid == doc._openid',
    });
    expect(rules.allows('create', context(alice, {}, { title: 'short' }))).toBe(true);
    expect(rules.allows('create', context(alice, {}, { title: 'far too long a title' }))).toBe(false);
    expect(rules.allows('create', context(alice, {}, {}))).toBe(false);
    expect(rules.allows('update', context(alice, { locked: true }))).toBe(false);
    expect(rules.allows('delete', context(null, { _openid: 'x' }))).toBe(false);
  });
});
