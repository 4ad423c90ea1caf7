// Reaching Function through constructor chains only yields the sandbox's own Function and global.
// expect: {"ok":true,"value":{"process":"undefined","require":"undefined","bridge":"undefined","sameGlobal":true}}
export async function main() {
  const F = (() => {}).constructor;
  const g = F('return this')();
  return {
    process: F('return typeof process')(),
    require: F('return typeof require')(),
    bridge: typeof g.__tessera_bridge,
    sameGlobal: g === globalThis,
  };
}
