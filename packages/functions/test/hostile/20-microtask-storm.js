// An endless chain of promise jobs is JavaScript, so the interrupt handler stops it.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  const spin = () => Promise.resolve().then(spin);
  spin();
  return new Promise(() => {});
}
