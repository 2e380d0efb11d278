import { findModel, modelFor } from '../catalogue.js';
import { invalidRequest, invalidType, missingParameter } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { synthesize } from '../sim/completions.js';
import { ENDPOINTS, ENDPOINT_RULES } from '../sim/endpoints.js';
import { checkRequestBody } from '../sim/request-check.js';
import type { Endpoint } from '../types.js';
import type { RouteContext } from './context.js';

/**
 * The synchronous endpoints a batch can target, answering with the same synthetic body a batch
 * line would get for the same request. No streaming.
 */
export function registerInferenceRoutes(router: Router, ctx: RouteContext): void {
  for (const endpoint of ENDPOINTS) {
    router.add('POST', endpoint, async ({ req, res }) => {
      const body = await ctx.jsonBodies.readObject(req, res);
      checkSyncRequest(endpoint, body);
      sendJson(res, 200, synthesize(endpoint, body, Math.floor(ctx.now() / 1000)).body);
    });
  }
}

function checkSyncRequest(endpoint: Endpoint, body: Record<string, unknown>): void {
  if (body.stream === true) {
    throw invalidRequest(
      400,
      'Streaming is not supported by this server; send the request without stream: true.',
      'stream',
      'unsupported_value',
    );
  }
  if (body.model === undefined || body.model === null) throw missingParameter('model');
  if (typeof body.model !== 'string') throw invalidType('model', 'a string', body.model);
  if (!modelFor(endpoint, body.model)) {
    const message = findModel(body.model)
      ? `The model '${body.model}' is not supported on ${endpoint}.`
      : `The model '${body.model}' does not exist or you do not have access to it.`;
    throw invalidRequest(404, message, 'model', 'model_not_found');
  }
  const required = ENDPOINT_RULES[endpoint].required.field;
  if (body[required] === undefined || body[required] === null) throw missingParameter(required);
  const invalid = checkRequestBody(endpoint, body);
  if (invalid) throw invalid;
}
