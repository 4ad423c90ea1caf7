// expect: {"ok":false,"kind":["memory"]}
// limits: {"memoryMb":16}
export async function main() {
  let s = 'x';
  for (;;) s += s;
}
