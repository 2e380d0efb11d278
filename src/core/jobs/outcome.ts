import type { Batch } from '../../api/index.js';

/**
 * A job the server calls `completed` although not one request succeeded: every request it ran
 * failed. Calling that a success (a green ✓) is the one status word that would mislead.
 */
export function everyRequestFailed(job: Batch): boolean {
  const { completed, failed } = job.requestCounts;
  return job.status === 'completed' && !(completed > 0) && failed > 0;
}

/** How a finished job went, for a script: success only when every request succeeded. */
export interface JobOutcome {
  ok: boolean;
  /** In words, e.g. "completed: 77 of 80 succeeded, 3 failed" or "expired: 141 requests never ran". */
  text: string;
}

export function jobOutcome(job: Batch): JobOutcome {
  const { total, completed, failed } = job.requestCounts;
  const never = Math.max(0, total - completed - failed);
  const first = job.errors[0];
  const firstError = first
    ? `${first.line !== null ? `line ${first.line}: ` : ''}${first.message ?? first.code ?? 'no message'}`
    : null;
  switch (job.status) {
    case 'completed':
      if (failed > 0 || never > 0)
        return {
          ok: false,
          text: `completed, but ${failed > 0 ? `${failed} of ${total} requests failed` : ''}${failed > 0 && never > 0 ? ' and ' : ''}${never > 0 ? `${never} never ran` : ''}`,
        };
      return { ok: true, text: `completed: all ${total} requests succeeded` };
    case 'failed':
      return {
        ok: false,
        text: `failed${firstError ? `: ${firstError}${job.errors.length > 1 ? ` (and ${job.errors.length - 1} more errors)` : ''}` : ''}`,
      };
    case 'expired':
      return {
        ok: false,
        text: `expired: ${completed} succeeded, ${failed} failed${never > 0 ? `, ${never} never ran` : ''}`,
      };
    case 'cancelled':
      return {
        ok: false,
        text: `cancelled: ${completed} succeeded, ${failed} failed${never > 0 ? `, ${never} never ran` : ''}`,
      };
    default:
      return { ok: false, text: `ended as ${job.status}` };
  }
}
