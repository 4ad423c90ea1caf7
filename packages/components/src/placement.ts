import type { ChildrenRule, ComponentCatalogue } from './types';

// Own properties only: a name such as "toString" must not find Object.prototype members.
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

export type Placement = { ok: true } | { ok: false; reason: string };

function acceptedBy(rule: ChildrenRule, child: string): boolean {
  if (rule === 'any') return true;
  if (rule === 'none') return false;
  return rule.only.includes(child);
}

/**
 * Whether a `child` node may be placed in `parent`'s children, or in its named `slot`:
 * the parent's children (or slot) rule and the child's own `parents` and `pageRoot` must all allow it.
 */
export function canPlace(
  catalogue: ComponentCatalogue,
  parent: string,
  child: string,
  slot?: string,
): Placement {
  const parentMeta = own(catalogue, parent);
  if (!parentMeta) return { ok: false, reason: `unknown component "${parent}"` };
  const childMeta = own(catalogue, child);
  if (!childMeta) return { ok: false, reason: `unknown component "${child}"` };
  if (childMeta.pageRoot) return { ok: false, reason: `${child} can only be the root of a page` };

  let rule: ChildrenRule = parentMeta.children;
  let where = parent;
  if (slot !== undefined) {
    const slotMeta = own(parentMeta.slots, slot);
    if (!slotMeta) return { ok: false, reason: `${parent} has no slot "${slot}"` };
    rule = slotMeta.children;
    where = `the "${slot}" slot of ${parent}`;
  }
  if (rule === 'none') return { ok: false, reason: `${where} accepts no children` };
  if (!acceptedBy(rule, child) && typeof rule === 'object') {
    return { ok: false, reason: `${where} only accepts ${rule.only.join(', ')}, not ${child}` };
  }
  if (childMeta.parents && !childMeta.parents.includes(parent)) {
    return {
      ok: false,
      reason: `${child} can only be placed inside ${childMeta.parents.join(', ')}, not ${parent}`,
    };
  }
  return { ok: true };
}
