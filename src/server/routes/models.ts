import { MODELS, findModel, type ModelInfo } from '../catalogue.js';
import { invalidRequest } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';

/** `GET /v1/models` and `GET /v1/models/{id}` (ids may contain a slash). */
export function registerModelRoutes(router: Router): void {
  router.add('GET', '/v1/models', ({ res }) => {
    sendJson(res, 200, { object: 'list', data: MODELS.map(modelObject) });
  });

  router.add('GET', '/v1/models/*id', ({ res, params }) => {
    const model = findModel(params.id ?? '');
    if (!model) {
      throw invalidRequest(
        404,
        `The model '${params.id ?? ''}' does not exist or you do not have access to it.`,
        'model',
        'model_not_found',
      );
    }
    sendJson(res, 200, modelObject(model));
  });
}

function modelObject(model: ModelInfo): Record<string, unknown> {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.owned_by };
}
