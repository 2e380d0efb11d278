import type { Batch } from '../../api/index.js';

/**
 * A job the server calls `completed` although not one request succeeded: every request it ran
 * failed. Calling that a success (a green ✓) is the one status word that would mislead.
 */
export function everyRequestFailed(job: Batch): boolean {
  const { completed, failed } = job.requestCounts;
  return job.status === 'completed' && !(completed > 0) && failed > 0;
}
