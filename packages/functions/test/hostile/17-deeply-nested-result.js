// A result nested far deeper than the stack allows fails in the sandbox's JSON copy, never on the host:
// QuickJS's cycle check makes that copy quadratic inside a builtin, so it usually ends by the worker being stopped.
// expect: {"ok":false,"kind":["thrown","memory","timeout"]}
export async function main() {
  let value = {};
  for (let i = 0; i < 200000; i++) value = { value };
  return value;
}
