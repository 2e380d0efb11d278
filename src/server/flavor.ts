import type { BatchRecord, FileRecord, Flavor } from './types.js';

/**
 * The wire format of files, batches and lists, per flavour.
 *
 * - fizz (the default): what the fizz.ai guide shows, so a client's tolerance gets exercised:
 *   timestamps as numeric strings, `errors: []` and `metadata: {}` when empty, and list responses
 *   with `count`, `page`, `page_count: -1` and `items_per_page: 9223372036854775807`.
 * - openai: integer unix seconds and an explicit null for every optional field that is not set,
 *   as the real API sends them (the spec's examples do the same); `model` alone is left out until
 *   known, as in OpenAI's examples.
 */

type Stamp = number | string | null;

function stamp(ms: number | null, flavor: Flavor): Stamp {
  if (ms === null) return null;
  const seconds = Math.floor(ms / 1000);
  return flavor === 'fizz' ? String(seconds) : seconds;
}

function secondsStamp(seconds: number | null, flavor: Flavor): Stamp {
  if (seconds === null) return null;
  return flavor === 'fizz' ? String(seconds) : seconds;
}

export function renderBatch(batch: BatchRecord, flavor: Flavor): Record<string, unknown> {
  const t = batch.times;
  const errors =
    batch.errors && batch.errors.length > 0 ? { object: 'list', data: batch.errors } : flavor === 'fizz' ? [] : null;
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    // Left out until validation has read the file, as OpenAI's examples do: never `model: null`.
    // A fizz file may name several models; no single name is true then, so the key stays out.
    ...(batch.model !== null ? { model: batch.model } : {}),
    errors,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status: batch.status,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: stamp(t.created, flavor),
    in_progress_at: stamp(t.in_progress, flavor),
    expires_at: stamp(t.expires, flavor),
    finalizing_at: stamp(t.finalizing, flavor),
    completed_at: stamp(t.completed, flavor),
    failed_at: stamp(t.failed, flavor),
    expired_at: stamp(t.expired, flavor),
    cancelling_at: stamp(t.cancelling, flavor),
    cancelled_at: stamp(t.cancelled, flavor),
    request_counts: { ...batch.counts },
    usage: {
      input_tokens: batch.usage.input,
      input_tokens_details: { cached_tokens: batch.usage.cached },
      output_tokens: batch.usage.output,
      output_tokens_details: { reasoning_tokens: batch.usage.reasoning },
      total_tokens: batch.usage.input + batch.usage.output,
    },
    metadata: batch.metadata ?? (flavor === 'fizz' ? {} : null),
  };
}

export function renderFile(file: FileRecord, flavor: Flavor): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: stamp(file.createdMs, flavor),
    expires_at: secondsStamp(file.expiresAt, flavor),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
  };
}

export interface ListPage {
  data: Array<Record<string, unknown> & { id?: unknown }>;
  hasMore: boolean;
}

/**
 * A list response as JSON text. Text, because fizz's `items_per_page` is int64 max, which a
 * JavaScript number cannot hold; it is written into the JSON literally.
 */
export function renderList(page: ListPage, flavor: Flavor): string {
  const first = page.data[0]?.id ?? null;
  const last = page.data.at(-1)?.id ?? null;
  const body: Record<string, unknown> = {
    object: 'list',
    data: page.data,
    first_id: first,
    last_id: last,
    has_more: page.hasMore,
  };
  if (flavor === 'openai') return JSON.stringify(body);
  Object.assign(body, { count: page.data.length, page: 1, page_count: -1 });
  return `${JSON.stringify(body).slice(0, -1)},"items_per_page":9223372036854775807}`;
}
