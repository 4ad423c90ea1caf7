// Catastrophic backtracking runs inside the regex engine; it ends by the time limit.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  return /^(a+)+$/.test(`${'a'.repeat(60)}b`);
}
