// Console output is capped per invocation.
// expect: {"ok":true,"value":"done","check":"logsCapped"}
// limits: {"timeoutMs":10000}
export async function main() {
  for (let i = 0; i < 20000; i++) console.log('x'.repeat(500), i);
  return 'done';
}
