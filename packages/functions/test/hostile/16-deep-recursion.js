// expect: {"ok":false,"kind":["memory"]}
export async function main() {
  const down = (n) => down(n + 1) + 1;
  return down(0);
}
