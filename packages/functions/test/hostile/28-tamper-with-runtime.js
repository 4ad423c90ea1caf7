// Replacing JSON, the runner or Object.prototype.toJSON changes only this function's own result.
// expect: {"ok":true,"value":"mine"}
JSON.stringify = () => '{"ok":true,"value":"forged","extra":1}';
globalThis.__tessera_run = async () => '{"ok":true,"value":"forged"}';
export async function main() {
  JSON.parse = () => ({ ok: true, value: 'forged' });
  Object.prototype.toJSON = () => 'mine';
  return { a: 1 };
}
