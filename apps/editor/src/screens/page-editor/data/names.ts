// The rule every name in the data panel follows (state variables, queries, code blocks).
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be used here (the message key), or undefined when it can. */
export function nameProblem(name: string, taken: readonly string[]): 'badName' | 'taken' | undefined {
  if (!NAME.test(name)) return 'badName';
  if (taken.includes(name)) return 'taken';
  return undefined;
}
