import type { Store } from '../store/store.js';
import {
  ZERO_TOKENS,
  addTokens,
  type BatchErrorEntry,
  type BatchRecord,
  type TokenTotals,
  type ValidationOutcome,
} from '../types.js';
import { MAX_BATCH_INPUT_BYTES } from '../limits.js';
import { requestOutcome } from './outcome.js';
import { validateInputFile } from './validate-input.js';

/**
 * The validation job of a batch (see Engine): the input file must exist, be a batch file and fit;
 * then every line is checked and every request's outcome planned, so counts and usage can grow
 * later without reading the file again.
 */
export async function validateBatch(
  batch: BatchRecord,
  store: Store,
  options: { flavor: string; maxRequestsPerBatch: number },
): Promise<ValidationOutcome> {
  const file = store.getFile(batch.inputFileId);
  if (!file) {
    return invalid([
      {
        code: 'invalid_request',
        message: `Cannot find file ${batch.inputFileId}, or organization org-local does not have access to it.`,
        param: 'file_id',
        line: null,
      },
    ]);
  }
  if (file.purpose !== 'batch') {
    return invalid([
      {
        code: 'invalid_request',
        message: `The input file ${file.id} has purpose '${file.purpose}'; a batch input file must be uploaded with purpose 'batch'.`,
        param: 'input_file_id',
        line: null,
      },
    ]);
  }
  if (file.bytes > MAX_BATCH_INPUT_BYTES) {
    return invalid([
      {
        code: 'file_too_large',
        message: 'The input file is larger than 200 MB, the maximum for a batch.',
        param: 'input_file_id',
        line: null,
      },
    ]);
  }

  // Plan every request's outcome now, so counts and usage can grow without reading the file again.
  const failing: number[] = [];
  const planned: TokenTotals = { ...ZERO_TOKENS };
  const ctx = { batchId: batch.id, endpoint: batch.endpoint, failRate: batch.sim.failRate };
  const report = await validateInputFile(store.contentPath(file.id), {
    endpoint: batch.endpoint,
    allowMixedModels: options.flavor === 'fizz',
    maxRequests: options.maxRequestsPerBatch,
    onRequest: (request, index) => {
      const outcome = requestOutcome(ctx, request.customId, request.body, 0);
      if (outcome.ok) addTokens(planned, outcome.usage);
      else failing.push(index);
    },
  });
  // The batch's model when the file names exactly one; several (fizz allows it) name none.
  const model = report.models.length === 1 ? report.models[0]! : null;
  if (report.errors.length > 0) return { ...invalid(report.errors), total: report.requests, model };
  return { total: report.requests, errors: null, model, failing, planned };
}

export function invalid(errors: BatchErrorEntry[]): ValidationOutcome {
  return { total: 0, errors, model: null, failing: [], planned: { ...ZERO_TOKENS } };
}
