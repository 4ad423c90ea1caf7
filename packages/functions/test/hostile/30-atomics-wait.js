// Blocking the thread (if Atomics exists) ends by the wall-clock limit; otherwise it throws.
// expect: {"ok":false,"kind":["timeout","thrown"]}
export async function main() {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return Atomics.wait(cell, 0, 0);
}
