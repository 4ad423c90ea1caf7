import type { SchemaIssue } from '@tessera/schema';

/** The app cannot be compiled: each issue names the JSON pointer of what is wrong. */
export class CompileError extends Error {
  constructor(readonly issues: SchemaIssue[]) {
    super(
      `the app cannot be compiled:\n${issues.map((issue) => `  ${issue.pointer || '/'}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'CompileError';
  }
}
