// No Node, WebAssembly or host bridge objects are reachable from the sandbox.
// expect: {"ok":true,"value":{"process":"undefined","require":"undefined","WebAssembly":"undefined","bridge":"undefined","std":"undefined","os":"undefined","Buffer":"undefined"}}
export async function main() {
  return {
    process: typeof globalThis.process,
    require: typeof globalThis.require,
    WebAssembly: typeof WebAssembly,
    bridge: typeof __tessera_bridge,
    std: typeof std,
    os: typeof os,
    Buffer: typeof Buffer,
  };
}
