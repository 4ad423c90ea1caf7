// A "__proto__" key in the result becomes plain data on the host, never a prototype.
// expect: {"ok":true,"check":"protoKey"}
export async function main() {
  return JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}');
}
