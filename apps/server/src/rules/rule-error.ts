/** A security rule that cannot be saved: says which rule, where in its source, and what to write instead. */
export class RuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly column?: number,
  ) {
    super(column === undefined ? `${rule} rule: ${message}` : `${rule} rule, column ${column}: ${message}`);
    this.name = 'RuleError';
  }
}
