// expect: {"ok":false,"kind":["memory","timeout"]}
// limits: {"memoryMb":16,"timeoutMs":3000}
export async function main() {
  const all = [];
  for (;;) all.push(new Promise(() => {}));
}
