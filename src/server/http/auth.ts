import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors.js';

/**
 * Bearer-key check. Compares digests in constant time and never puts the key, or the one the
 * client sent, into a message or a log line.
 */
export function makeAuthCheck(apiKey: string | undefined): (req: IncomingMessage) => void {
  if (!apiKey) return () => undefined;
  const expected = digest(apiKey);
  return (req) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
    if (!match?.[1]) {
      throw unauthorized(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    if (!timingSafeEqual(digest(match[1].trim()), expected)) {
      throw unauthorized('Incorrect API key provided. Check the key this server was started with.');
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
}
