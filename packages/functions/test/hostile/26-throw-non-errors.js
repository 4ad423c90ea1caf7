// expect: {"ok":false,"kind":"thrown","name":"NonErrorThrown"}
export async function main() {
  throw Symbol('not an error');
}
