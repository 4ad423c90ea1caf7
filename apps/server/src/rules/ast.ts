// The subset of ESTree node shapes that security rules are made of (the AST comes from @tessera/expr).
export interface RuleNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function child(node: RuleNode, key: string): RuleNode {
  return node[key] as RuleNode;
}

export function children(node: RuleNode, key: string): RuleNode[] {
  return node[key] as RuleNode[];
}

/** `doc.a.b` → ['a','b'] for root 'doc'; null when the node is not a static member chain on `root`. */
export function memberChain(node: RuleNode, root: string): string[] | null {
  const path: string[] = [];
  let current = node;
  if (current.type === 'ChainExpression') current = child(current, 'expression');
  while (current.type === 'MemberExpression') {
    const property = child(current, 'property');
    if (!current.computed && property.type === 'Identifier') path.unshift(property.name as string);
    else if (current.computed && property.type === 'Literal' && typeof property.value !== 'object')
      path.unshift(String(property.value));
    else return null;
    current = child(current, 'object');
  }
  if (current.type !== 'Identifier' || current.name !== root) return null;
  return path;
}

/** Whether any identifier `root` is read anywhere inside the node. */
export function mentions(node: RuleNode, root: string): boolean {
  if (node.type === 'Identifier') return node.name === root;
  for (const [key, value] of Object.entries(node)) {
    // Non-computed property names are not reads of a variable.
    if (key === 'property' && node.type === 'MemberExpression' && !node.computed) continue;
    if (key === 'key' && node.type === 'Property' && !node.computed) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item) && mentions(item, root)) return true;
    } else if (isNode(value) && mentions(value, root)) return true;
  }
  return false;
}

function isNode(value: unknown): value is RuleNode {
  return typeof value === 'object' && value !== null && typeof (value as RuleNode).type === 'string';
}
