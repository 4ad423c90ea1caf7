// Throwing a Proxy around an Error: the error is described inside the sandbox.
// expect: {"ok":false,"kind":"thrown"}
export async function main() {
  throw new Proxy(new Error('inner'), { get: (t, k) => (k === 'message' ? 'from trap' : t[k]) });
}
