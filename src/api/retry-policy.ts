// When a failed request is worth sending again, and after how long: what the official SDKs do, so a
// provider tuned for them (Retry-After, x-should-retry) is treated the way it expects.
import { parseRetryAfter } from './errors.js';
import type { HeaderReader } from './http.js';

const MAX_BACKOFF_MS = 8_000;
/** A Retry-After longer than this is not waited for: the default backoff applies instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** 408, 409 (a lock), 429 and 5xx, unless the server says otherwise in `x-should-retry`. */
export function shouldRetryStatus(status: number, headers: HeaderReader): boolean {
  const told = headers.get('x-should-retry');
  if (told === 'true') return true;
  if (told === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The server's Retry-After when sensible, else 0.5 s doubled per attempt up to 8 s, less up to a quarter (jitter). */
export function retryDelayMs(
  attempt: number,
  headers: HeaderReader | null,
  random: () => number = Math.random,
): number {
  const asked = parseRetryAfter(headers);
  if (asked !== undefined && asked > 0 && asked < MAX_RETRY_AFTER_MS) return asked;
  const backoff = Math.min(500 * 2 ** attempt, MAX_BACKOFF_MS);
  return backoff * (1 - 0.25 * random());
}
