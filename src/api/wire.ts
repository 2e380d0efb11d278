import type { Batch, FileObject, Model } from './schemas/shapes.js';

// The normalized objects in OpenAI's own shape, for `--json`: whatever a provider sent (numeric
// strings, ISO dates, `/chat/completions`, `batch-output`, upper-case statuses), scripts get
// OpenAI's field names, integer Unix seconds and OpenAI's spelling — and what is printed parses
// back through the same schemas. An object parsed with `keepRaw` carries what the provider sent
// under `raw` (last, so the normalized fields read first).

/** `{raw}` when the object kept the provider's JSON, else nothing. */
const rawOf = (object: { raw?: unknown }): { raw?: unknown } => (object.raw !== undefined ? { raw: object.raw } : {});

export function toWireBatch(batch: Batch): Record<string, unknown> {
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    ...(batch.model !== null ? { model: batch.model } : {}),
    status: batch.status,
    input_file_id: batch.inputFileId,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    completion_window: batch.completionWindow,
    created_at: batch.createdAt,
    in_progress_at: batch.inProgressAt,
    expires_at: batch.expiresAt,
    finalizing_at: batch.finalizingAt,
    completed_at: batch.completedAt,
    failed_at: batch.failedAt,
    expired_at: batch.expiredAt,
    cancelling_at: batch.cancellingAt,
    cancelled_at: batch.cancelledAt,
    request_counts: {
      total: batch.requestCounts.total,
      completed: batch.requestCounts.completed,
      failed: batch.requestCounts.failed,
    },
    errors:
      batch.errors.length > 0
        ? {
            object: 'list',
            data: batch.errors.map((e) => ({ code: e.code, message: e.message, param: e.param, line: e.line })),
          }
        : null,
    metadata: batch.metadata,
    ...(batch.usage
      ? {
          usage: {
            input_tokens: batch.usage.inputTokens,
            output_tokens: batch.usage.outputTokens,
            total_tokens: batch.usage.totalTokens,
            ...(batch.usage.cachedTokens !== undefined
              ? { input_tokens_details: { cached_tokens: batch.usage.cachedTokens } }
              : {}),
            ...(batch.usage.reasoningTokens !== undefined
              ? { output_tokens_details: { reasoning_tokens: batch.usage.reasoningTokens } }
              : {}),
          },
        }
      : {}),
    ...rawOf(batch),
  };
}

export function toWireFile(file: FileObject): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    ...(file.status !== null ? { status: file.status } : {}),
    ...(file.expiresAt !== null ? { expires_at: file.expiresAt } : {}),
    ...rawOf(file),
  };
}

export function toWireModel(model: Model): Record<string, unknown> {
  return { id: model.id, object: 'model', created: model.createdAt, owned_by: model.ownedBy, ...rawOf(model) };
}
