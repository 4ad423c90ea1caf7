// Host calls without awaiting are capped; the function sees an error instead of flooding the host.
// expect: {"ok":false,"kind":"thrown","message":"Too many host calls at once"}
// limits: {"timeoutMs":3000}
export async function main() {
  const calls = [];
  for (let i = 0; i < 300; i++) calls.push(db.collection('x').find({}));
  return Promise.all(calls);
}
