import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../errors.js';

/**
 * Answers what never becomes a request the routes see: a request line or headers Node's parser
 * refuses, a request cut off by the headers or request timeout, a connection idle past the idle
 * timeout. In the OpenAI error shape like every other answer (Node's own default is a bare
 * `400 Bad Request`, or nothing), then the connection is closed: after a parse error or a timeout
 * the byte stream cannot be trusted to hold another request.
 */
export function answerClientErrors(server: Server, log: (line: string) => void): void {
  // The response a connection is busy with: once its headers are out, another answer would only
  // corrupt it, so the connection is just closed.
  const inFlight = new WeakMap<Duplex, ServerResponse>();
  server.on('request', (req, res: ServerResponse) => {
    inFlight.set(req.socket, res);
    res.on('close', () => {
      if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
    });
  });

  const closeWith = (socket: Duplex, answer: ApiError | null): void => {
    if (answer) log(`closed a connection: ${answer.body.message}`);
    const busy = inFlight.get(socket);
    if (!answer || !socket.writable || busy?.headersSent) {
      socket.destroy();
      return;
    }
    // The route reading this request learns of it when the socket closes, and answers nothing.
    socket.end(rawResponse(answer), () => socket.destroy());
  };

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => closeWith(socket, answerFor(error.code)));

  // Idle past `server.timeout`. A request being read gets a 408; a connection waiting between
  // requests, or one whose answer has begun, is just closed.
  server.on('timeout', (socket: Duplex) => {
    const busy = inFlight.get(socket);
    closeWith(socket, busy && !busy.headersSent ? answerFor('ERR_HTTP_REQUEST_TIMEOUT') : null);
  });
}

/** What to tell the client, or null when it is gone anyway. */
function answerFor(code: string | undefined): ApiError | null {
  if (code === 'ECONNRESET' || code === 'EPIPE') return null;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError(408, {
      message: 'The request took too long to arrive and was cut off. Send it again, faster.',
      type: 'invalid_request_error',
      param: null,
      code: 'request_timeout',
    });
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(431, {
      message: 'The request headers are too large.',
      type: 'invalid_request_error',
      param: null,
      code: 'headers_too_large',
    });
  }
  return new ApiError(400, {
    message: `Malformed HTTP request (${code ?? 'unknown parse error'}).`,
    type: 'invalid_request_error',
    param: null,
    code: 'malformed_request',
  });
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function rawResponse(error: ApiError): string {
  const body = JSON.stringify({ error: error.body });
  return (
    `HTTP/1.1 ${error.status} ${REASONS[error.status] ?? 'Error'}\r\n` +
    'content-type: application/json\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    'connection: close\r\n' +
    'openai-version: 2020-10-01\r\n' +
    `\r\n${body}`
  );
}
