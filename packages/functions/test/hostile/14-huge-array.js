// expect: {"ok":false,"kind":["memory"]}
// limits: {"memoryMb":16}
export async function main() {
  return new Array(1e9).fill(0).length;
}
