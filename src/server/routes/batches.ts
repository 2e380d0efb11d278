import { ApiError, invalidRequest } from '../errors.js';
import { renderBatch, renderList } from '../flavor.js';
import { integerParam, optionalParam } from '../http/query.js';
import { sendJson, sendJsonText } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { BatchRecord } from '../types.js';
import { READ_SETTLE_MS, type RouteContext } from './context.js';
import { parseCreateBatch } from './create-batch.js';
import { byCreation, pageAfter } from './paginate.js';

/** `/v1/batches`: create, list (newest first), retrieve, cancel. */
export function registerBatchRoutes(router: Router, ctx: RouteContext): void {
  router.add('POST', '/v1/batches', async ({ req, res }) => {
    const input = parseCreateBatch(await ctx.jsonBodies.readObject(req, res), ctx.flavor);
    // Rendered as created: validation starts at once and may move the record while it is saved.
    const answer = renderBatch(ctx.engine.create(input), ctx.flavor);
    // Acknowledged means kept: a batch the client was told about survives a crash right after.
    await ctx.store.persist();
    sendJson(res, 200, answer);
  });

  router.add('GET', '/v1/batches', async ({ res, url }) => {
    const limit = integerParam(url, 'limit', 1, 100, 20);
    const after = optionalParam(url, 'after');
    await ctx.engine.advance({ waitMs: READ_SETTLE_MS });
    const batches = ctx.store
      .listBatches()
      .sort(byCreation((b: BatchRecord) => b.times.created))
      .reverse();
    const page = pageAfter(batches, after, limit);
    sendJsonText(
      res,
      200,
      renderList({ data: page.items.map((b) => renderBatch(b, ctx.flavor)), hasMore: page.hasMore }, ctx.flavor),
    );
  });

  router.add('GET', '/v1/batches/:id', async ({ res, params }) => {
    const id = params.id ?? '';
    batchOr404(ctx, id);
    await ctx.engine.advance({ waitMs: READ_SETTLE_MS });
    sendJson(res, 200, renderBatch(batchOr404(ctx, id), ctx.flavor));
  });

  router.add('POST', '/v1/batches/:id/cancel', async ({ res, params }) => {
    const id = params.id ?? '';
    const result = await ctx.engine.cancel(id);
    if (result.kind === 'not-found') throw notFound(id);
    if (result.kind === 'conflict') {
      // The SDK retries 409s unless told otherwise; a finished batch will not become cancellable.
      throw new ApiError(
        409,
        {
          message: `Cannot cancel a batch with status '${result.status}'.`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
        { 'x-should-retry': 'false' },
      );
    }
    const answer = renderBatch(result.batch, ctx.flavor);
    await ctx.store.persist();
    sendJson(res, 200, answer);
  });
}

function batchOr404(ctx: RouteContext, id: string): BatchRecord {
  const batch = ctx.store.getBatch(id);
  if (!batch) throw notFound(id);
  return batch;
}

function notFound(id: string): ApiError {
  return invalidRequest(404, `No batch found with id '${id}'.`, 'batch_id');
}
