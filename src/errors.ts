/**
 * The small set of coded errors. Each code says what went wrong and `hint` says how to fix it,
 * so an adapter's error boundary can log the detail and tell the user something short.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'KNOWLEDGE_INVALID'
  | 'INDEX_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'LLM_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'DELIVERY_FAILED';

export class IpriskError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'IpriskError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isIpriskError(error: unknown, code?: ErrorCode): error is IpriskError {
  return error instanceof IpriskError && (code === undefined || error.code === code);
}
