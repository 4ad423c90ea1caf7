// Symbols and functions do not survive the JSON copy.
// expect: {"ok":true,"value":{"list":[null,null]}}
export async function main() {
  return { [Symbol('secret')]: 1, sym: Symbol('x'), fn: () => 1, list: [Symbol('y'), () => 2] };
}
