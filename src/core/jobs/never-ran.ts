import type { Batch } from '../../api/index.js';

/**
 * Requests of an expired or cancelled job that never ran: not completed, not failed, and so in
 * neither count (OpenAI writes them to the error file as `batch_expired` / `batch_cancelled`).
 * They are the ones `R` resubmits first, and the ones a user forgets when the job just says
 * "expired".
 */
export type NeverRan =
  /** total − completed − failed: the counts say it. */
  | { count: number; why: 'expired' | 'cancelled' }
  /**
   * The counts add up, yet some requests failed and the job ended early: a server that counts the
   * requests it never ran as failed hides them there (the error file says which).
   */
  | { amongFailed: number; why: 'expired' | 'cancelled' };

/** What the counts can honestly say about requests that never ran; null when none did or the counts cannot be trusted. */
export function neverRan(job: Batch): NeverRan | null {
  if (job.status !== 'expired' && job.status !== 'cancelled') return null;
  const { total, completed, failed } = job.requestCounts;
  // Counts a server got wrong (negative, fractional, more done than total) say nothing reliable.
  if (![total, completed, failed].every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  const count = total - completed - failed;
  if (count > 0) return { count, why: job.status };
  if (count === 0 && failed > 0 && job.errorFileId) return { amongFailed: failed, why: job.status };
  return null;
}
