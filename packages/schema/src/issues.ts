/** One problem found in a document: where (RFC 6901 pointer, '' for the root) and what, in plain words. */
export interface SchemaIssue {
  pointer: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: SchemaIssue[];
}

/** `pointer: message`, the way the CLI prints an issue. */
export function formatIssue(issue: SchemaIssue): string {
  return `${issue.pointer || '/'}: ${issue.message}`;
}
