/** Error codes follow MongoDB's so callers can treat both adapters alike. */
export const ErrorCode = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  ImmutableField: 66,
  InvalidNamespace: 73,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  InvalidOptions: 72,
  NotSingleValueField: 54,
  DuplicateKey: 11000,
} as const;

export class StoreError extends Error {
  readonly code: number;
  /** For duplicate keys (11000): the offending key, e.g. `{ email: "a@b.c" }`. */
  readonly keyValue?: Record<string, unknown>;
  /** For duplicate keys: the index's key pattern. */
  readonly keyPattern?: Record<string, number>;

  constructor(
    code: number,
    message: string,
    extra?: { keyValue?: Record<string, unknown>; keyPattern?: Record<string, number>; cause?: unknown },
  ) {
    super(message, extra?.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'StoreError';
    this.code = code;
    if (extra?.keyValue) this.keyValue = extra.keyValue;
    if (extra?.keyPattern) this.keyPattern = extra.keyPattern;
  }
}

export function badValue(message: string): StoreError {
  return new StoreError(ErrorCode.BadValue, message);
}
