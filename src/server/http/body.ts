import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, describeType, invalidRequest, isPlainObject } from '../errors.js';

/**
 * JSON request bodies (batch creation, synchronous completions), held in memory to be parsed;
 * uploads stream to disk elsewhere. Two bounds: each body (a 413, answered as soon as the
 * declared length or the bytes received pass it, and the connection closed without reading the
 * rest), and all bodies buffered at once (a 503 with `retry-after`), so parallel large bodies
 * cannot take the server's memory.
 */

const INVALID_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
  'The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)';

export class JsonBodyReader {
  /** Bytes reserved by the bodies being read or parsed right now. */
  private buffered = 0;

  constructor(
    private readonly maxBodyBytes: number,
    private readonly maxBufferedBytes: number,
  ) {}

  /** A JSON body that must be an object, as every JSON route here takes. */
  async readObject(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown>> {
    const body = await this.read(req, res);
    if (!isPlainObject(body)) {
      throw invalidRequest(
        400,
        `Invalid type for request body: expected an object, but got ${describeType(body)} instead.`,
        null,
        'invalid_type',
      );
    }
    return body;
  }

  private async read(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const declared = declaredLength(req);
    if (declared !== null && declared > this.maxBodyBytes) throw bodyTooLarge(`${declared} bytes`, this.maxBodyBytes);
    let reserved = 0;
    const reserve = (total: number): void => {
      if (total > this.maxBodyBytes) throw bodyTooLarge(`more than ${this.maxBodyBytes} bytes`, this.maxBodyBytes);
      if (total <= reserved) return;
      if (this.buffered + (total - reserved) > this.maxBufferedBytes) throw busy(this.maxBufferedBytes);
      this.buffered += total - reserved;
      reserved = total;
    };
    try {
      // A declared length is reserved whole at once, so a body that cannot fit is refused unread.
      if (declared !== null) reserve(declared);
      continueBody(req, res);
      const raw = await collect(req, reserve);
      const text = raw.toString('utf8');
      if (text.trim() === '') throw invalidRequest(400, INVALID_JSON);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw invalidRequest(400, INVALID_JSON);
      }
    } finally {
      this.buffered -= reserved;
    }
  }
}

/**
 * The body's bytes; `check` sees the running total before each chunk is kept and throws to stop.
 * Stopping pauses the request rather than destroying it, so the error can still be answered.
 */
function collect(req: IncomingMessage, check: (total: number) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.pause();
    };
    const onData = (chunk: Buffer): void => {
      try {
        check(size + chunk.length);
      } catch (error) {
        stop();
        reject(error as Error);
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(invalidRequest(400, `The request body did not arrive whole: ${error.message}.`));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Content-Length as a number, or null for a chunked body (Node has already refused a malformed one). */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * Tells a client that sent `Expect: 100-continue` (curl does for bodies over 1 MB) to send the
 * body, once the server means to read it: a body refused from its declared length is then never
 * sent at all. The server hands such requests to the routes without answering 100 itself.
 */
export function continueBody(req: IncomingMessage, res: ServerResponse): void {
  if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
}

/**
 * An error for a request whose body is refused before it was read: the answer closes the
 * connection, as the unread rest of the body would otherwise be taken for the next request.
 */
export function refusingBody(
  status: number,
  body: ApiError['body'],
  headers: Readonly<Record<string, string>> = {},
): ApiError {
  return new ApiError(status, body, { ...headers, connection: 'close' });
}

function bodyTooLarge(size: string, max: number): ApiError {
  return refusingBody(413, {
    message: `Request body too large: ${size}; the maximum is ${max} bytes.`,
    type: 'invalid_request_error',
    param: null,
    code: 'request_too_large',
  });
}

function busy(maxBuffered: number): ApiError {
  return refusingBody(
    503,
    {
      message: `The server is busy reading other large request bodies (at most ${Math.round(maxBuffered / (1024 * 1024))} MB at once). Retry this request shortly.`,
      type: 'server_error',
      param: null,
      code: 'server_busy',
    },
    { 'retry-after': '1' },
  );
}
