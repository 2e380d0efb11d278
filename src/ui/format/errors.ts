import { isApiError, redact } from '../../api/index.js';

/** One line a person can act on, for any failure; never a stack trace, never a key. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return redact(error.message);
  return redact(String(error));
}
