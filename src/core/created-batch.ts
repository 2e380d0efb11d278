import { messageOf, type Batch, type BatchClient } from '../api/index.js';

/**
 * After a create whose answer never came, did the server make the batch? The input file was
 * uploaded for this create alone, so a batch naming it as `input_file_id` is ours.
 *
 * The job list is read newest first, page after page, until a page reaches jobs older than the
 * first attempt (less a margin for the server's clock), the list ends, or the page cap is hit.
 * Only a list read that far is an answer: anything less (an error, the cap, a server that ignores
 * the cursor) leaves the question open, and the caller must not create again nor delete the file.
 */
export type CreatedBatchLookup =
  | { status: 'found'; batch: Batch }
  /** The whole stretch since the attempt was read, and no batch uses the file. */
  | { status: 'absent' }
  /** The list could not be read far enough to tell; `reason` says why, as a sentence for the user. */
  | { status: 'unknown'; reason: string };

export interface CreatedBatchLookupOptions {
  /** When the first create attempt started, in ms since the epoch (the client's clock). */
  since: number;
  /** Pages of `pageSize` read at most. Default 10. */
  maxPages?: number;
  /** Default 100, the most OpenAI serves in one page. */
  pageSize?: number;
  /** How far the server's clock may be behind ours. Default 15 minutes. */
  clockMarginMs?: number;
  /** The batch found keeps what the server sent under `raw` (see api/keep-raw.ts). */
  keepRaw?: boolean;
}

export async function findCreatedBatch(
  client: BatchClient,
  inputFileId: string,
  options: CreatedBatchLookupOptions,
): Promise<CreatedBatchLookup> {
  const { since, maxPages = 10, pageSize = 100, clockMarginMs = 15 * 60_000, keepRaw } = options;
  const cutoffSec = Math.floor((since - clockMarginMs) / 1000);
  const pager = client.batchPager({ limit: pageSize, maxPages, keepRaw });
  try {
    for (;;) {
      const items = await pager.next();
      const match = items?.find((batch) => batch.inputFileId === inputFileId);
      if (match) return { status: 'found', batch: match };
      if (items && items.length > 0 && reachedOlderThan(items, cutoffSec)) return { status: 'absent' };
      switch (pager.stopReason) {
        case null:
          continue;
        case 'end':
        case 'empty':
          return { status: 'absent' };
        case 'max_pages':
          return {
            status: 'unknown',
            reason: `The newest ${maxPages * pageSize} jobs do not reach back to the attempt.`,
          };
        case 'repeat':
          return { status: 'unknown', reason: 'The server sends the same page of the job list again and again.' };
      }
    }
  } catch (error) {
    // The client's "It will be retried." is for pollers: nothing here retries by itself.
    const text = messageOf(error)
      .replace(/\s*It will be retried\.\s*$/, '')
      .trim();
    return {
      status: 'unknown',
      reason: `The job list could not be read: ${text || 'unknown error'}${/[.!?)]$/.test(text) ? '' : '.'}`,
    };
  }
}

/**
 * The page is newest first and its last job is older than the cutoff: every later page is older
 * still. A page out of order proves nothing (a server may sort otherwise), so paging goes on.
 */
function reachedOlderThan(items: readonly Batch[], cutoffSec: number): boolean {
  const times = items.map((batch) => batch.createdAt);
  if (times.some((t) => t === null)) return false;
  const descending = times.every((t, i) => i === 0 || t! <= times[i - 1]!);
  return descending && times.at(-1)! < cutoffSec;
}
