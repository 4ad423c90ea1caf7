// The interrupt handler is not polled inside a builtin; the worker is terminated and replaced.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 'needle');
}
