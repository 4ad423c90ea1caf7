// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  for (;;) {}
}
