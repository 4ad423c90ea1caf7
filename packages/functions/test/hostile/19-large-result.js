// expect: {"ok":false,"kind":"thrown","name":"ResultTooLarge"}
// limits: {"timeoutMs":3000}
export async function main() {
  const chunk = 'x'.repeat(1024 * 1024);
  return Array.from({ length: 8 }, () => chunk);
}
