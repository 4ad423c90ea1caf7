// Shared references make the JSON copy exponentially large; it ends by memory or time, never on the host.
// expect: {"ok":false,"kind":["memory","timeout","thrown"]}
// limits: {"memoryMb":16}
export async function main() {
  let node = { leaf: 'x'.repeat(100) };
  for (let i = 0; i < 40; i++) node = { a: node, b: node };
  return node;
}
