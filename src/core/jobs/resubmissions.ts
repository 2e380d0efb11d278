import type { Batch } from '../../api/index.js';
import type { JobListService } from './job-list.js';

/**
 * Which job resubmitted a job already: `R` stores `resubmit_of: <id>` in the new batch's metadata,
 * so a second `R` can say "already resubmitted as batch_…" before the user pays twice.
 */

/** The newest loaded job whose metadata says it resubmits `jobId`; null when none does. */
export function resubmissionOf(jobs: readonly Batch[], jobId: string): Batch | null {
  let newest: Batch | null = null;
  for (const job of jobs) {
    if (job.id === jobId || job.metadata['resubmit_of'] !== jobId) continue;
    if (!newest || (job.createdAt ?? 0) > (newest.createdAt ?? 0)) newest = job;
  }
  return newest;
}

/**
 * Whether the loaded jobs hold every job that could resubmit `job`. A resubmission is made after
 * its job, and the list is newest first: once the job itself (or one older) is loaded, every newer
 * job is too.
 */
export function loadedBackTo(jobs: readonly Batch[], job: Batch): boolean {
  return jobs.some(
    (j) => j.id === job.id || (job.createdAt !== null && j.createdAt !== null && j.createdAt < job.createdAt),
  );
}

/** Pages of the job list loaded at most to find a resubmission: 3 pages of 50 keep R quick. */
export const RESUBMISSION_SEARCH_PAGES = 3;

export interface ResubmissionSearch {
  /** The newest resubmission found, or null. */
  found: Batch | null;
  /** False when the search stopped before reaching the job (page cap, an error, the list's end). */
  complete: boolean;
}

/**
 * Looks among the loaded jobs, then loads older pages of the list (the list's own bounded pager,
 * so they also show there) until the job is reached, at most `maxPages` more.
 */
export async function findResubmission(
  list: JobListService,
  job: Batch,
  maxPages = RESUBMISSION_SEARCH_PAGES,
): Promise<ResubmissionSearch> {
  for (let page = 0; ; page++) {
    const { jobs, hasMore, loadMoreError } = list.getState();
    const found = resubmissionOf(jobs, job.id);
    if (found) return { found, complete: true };
    if (loadedBackTo(jobs, job)) return { found: null, complete: true };
    if (!hasMore || page >= maxPages || (page > 0 && loadMoreError)) return { found: null, complete: !hasMore };
    await list.loadMore();
    // Nothing new arrived (another load was running, or the server gave nothing): stop rather than spin.
    if (list.getState().jobs.length === jobs.length)
      return { found: resubmissionOf(list.getState().jobs, job.id), complete: !list.getState().hasMore };
  }
}
