// QuickJS's own limit lets many small allocations add up; the capped WebAssembly memory does not.
// expect: {"ok":false,"kind":["memory"]}
// limits: {"memoryMb":16,"timeoutMs":5000}
export async function main() {
  const keep = [];
  for (let i = 0; ; i++) keep.push({ i, s: `item ${i}` });
}
