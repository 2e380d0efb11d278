import type { ErrorBody } from '../errors.js';
import { unitFraction } from '../hash.js';
import type { Endpoint, TokenTotals } from '../types.js';
import { synthesize } from './completions.js';
import { checkRequestBody } from './request-check.js';

/**
 * What happens to one request of a batch when it runs. Decided from the request alone (and the
 * batch id for the simulated server errors), so validation can plan the counts up front and the
 * results writer later produces exactly the lines that were planned.
 */
export type RequestOutcome =
  | { ok: true; status: 200; body: Record<string, unknown>; usage: TokenTotals }
  | { ok: false; status: number; body: { error: ErrorBody } };

export interface OutcomeContext {
  batchId: string;
  endpoint: Endpoint;
  /** Share of otherwise valid requests that fail with a simulated 500. */
  failRate: number;
}

const SERVER_ERROR: ErrorBody = {
  message:
    'The server had an error processing your request. Sorry about that! You can retry your request if the error persists.',
  type: 'server_error',
  param: null,
  code: 'server_error',
};

export function requestOutcome(
  ctx: OutcomeContext,
  customId: string,
  body: Record<string, unknown>,
  createdSec: number,
): RequestOutcome {
  const invalid = checkRequestBody(ctx.endpoint, body);
  if (invalid) return { ok: false, status: invalid.status, body: { error: invalid.body } };
  if (failsRandomly(ctx, customId)) return { ok: false, status: 500, body: { error: SERVER_ERROR } };
  const { body: response, usage } = synthesize(ctx.endpoint, body, createdSec);
  return { ok: true, status: 200, body: response, usage };
}

function failsRandomly(ctx: OutcomeContext, customId: string): boolean {
  return ctx.failRate > 0 && unitFraction(`${customId}\u0000${ctx.batchId}`) < ctx.failRate;
}
