import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, invalidRequest } from '../errors.js';
import { newRequestId } from '../ids.js';
import type { FaultInjector } from './faults.js';
import { describeTarget, parseRequestTarget } from './request-target.js';
import { sendError } from './respond.js';
import type { Router } from './router.js';
import { messageOf } from '../../api/message-of.js';

/**
 * The request pipeline every route goes through, in this order: request id, simulated latency,
 * injected faults, auth, routing. Errors of any kind end as the OpenAI error shape.
 */
export interface AppOptions {
  router: Router;
  checkAuth: (req: IncomingMessage) => void;
  faults: FaultInjector;
  latencyMs: number;
  log: (line: string) => void;
}

export function createRequestListener(options: AppOptions): RequestListener {
  return (req, res) => {
    // `handle` answers every error itself; this is the last guard, so that nothing a request does
    // can become an unhandled rejection, which would end the server process.
    handle(options, req, res).catch((error: unknown) => {
      options.log(`request failed after its answer began: ${messageOf(error)}`);
      res.destroy();
    });
  };
}

async function handle(options: AppOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const started = performance.now();
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  // Set before anything can fail, so every answer carries it (errors, 404s, streamed content).
  res.setHeader('x-request-id', requestId);
  res.setHeader('openai-version', '2020-10-01');
  res.on('close', () => {
    const ms = Math.round(performance.now() - started);
    options.log(
      `${method} ${describeTarget(target).slice(1, -1)} ${res.statusCode}${res.writableFinished ? '' : ' (aborted)'} ${ms}ms ${requestId}`,
    );
  });

  let refusedBody = false;
  try {
    const url = parseRequestTarget(target);
    if (options.latencyMs > 0) await delay(options.latencyMs);
    const fault = options.faults.next();
    if (fault) throw fault;
    options.checkAuth(req);
    const match = options.router.match(method, url.pathname);
    if (match.kind === 'not-found') {
      throw invalidRequest(404, `Invalid URL (${method} ${url.pathname})`, null, 'unknown_url');
    }
    if (match.kind === 'wrong-method') {
      throw new ApiError(
        405,
        {
          message: `Method ${method} is not allowed on ${url.pathname}.`,
          type: 'invalid_request_error',
          param: null,
          code: 'method_not_allowed',
        },
        { allow: match.allowed.join(', ') },
      );
    }
    await match.handler({ req, res, url, params: match.params, requestId });
  } catch (caught) {
    const error = caught instanceof ApiError ? caught : internalError(caught, options.log, requestId);
    refusedBody = error.headers.connection === 'close';
    if (res.headersSent) {
      res.destroy();
    } else {
      sendError(res, error);
    }
  } finally {
    // A request answered before its body was read (auth, faults, 404): discard the rest so the
    // client sees the answer instead of a reset connection. Not when the answer refused the body
    // (too large, no room): that connection closes, and reading the rest is what it avoids.
    if (!req.complete && !refusedBody) req.resume();
  }
}

function internalError(caught: unknown, log: (line: string) => void, requestId: string): ApiError {
  log(`internal error in ${requestId}: ${caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)}`);
  return new ApiError(500, {
    message: 'The server had an error while processing your request.',
    type: 'server_error',
    param: null,
    code: 'server_error',
  });
}
