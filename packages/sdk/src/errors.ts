/** A request the server refused: `code` is the HTTP status, `details` point at the offending input. */
export class TesseraError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details: { pointer: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'TesseraError';
  }
}
