// Timers that re-arm themselves forever keep it pending until the wall-clock limit.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  const tick = () => setTimeout(tick, 0);
  tick();
  return new Promise(() => {});
}
