// Huge capability arguments are refused in the worker, before the server's main thread would parse them.
// expect: {"ok":false,"kind":"thrown","message":"larger than 4 MB"}
// limits: {"timeoutMs":3000}
export async function main() {
  return db.collection('x').insertOne({ blob: 'x'.repeat(5 * 1024 * 1024) });
}
