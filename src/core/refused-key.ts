import { isApiError } from '../api/index.js';

/**
 * The server refused the key (401) or what the key may do (403): asking again with the same key
 * cannot help, so a poller stops until the key is fixed (or the user asks again).
 */
export function keyRefused(error: unknown): boolean {
  return isApiError(error) && error.kind === 'auth';
}
