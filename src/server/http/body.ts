import type { IncomingMessage } from 'node:http';
import { ApiError, describeType, invalidRequest, isPlainObject } from '../errors.js';

/** JSON request bodies (batch creation, synchronous completions). Uploads stream elsewhere. */

const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;

const INVALID_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
  'The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)';

async function readJsonBody(req: IncomingMessage, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    // Keep reading past the cap, discarding, so the client gets the 413 instead of a reset socket.
    if (size > maxBytes) tooLarge = true;
    else chunks.push(buf);
  }
  if (tooLarge) {
    throw new ApiError(413, {
      message: `Request body too large: ${size} bytes; the maximum is ${maxBytes} bytes.`,
      type: 'invalid_request_error',
      param: null,
      code: 'request_too_large',
    });
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw invalidRequest(400, INVALID_JSON);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest(400, INVALID_JSON);
  }
}

/** A JSON body that must be an object, as every JSON route here takes. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  if (!isPlainObject(body)) {
    throw invalidRequest(400, `Invalid type for request body: expected an object, but got ${describeType(body)} instead.`, null, 'invalid_type');
  }
  return body;
}
