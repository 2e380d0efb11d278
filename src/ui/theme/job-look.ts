import type { Batch } from '../../api/index.js';
import { everyRequestFailed } from '../../core/jobs/outcome.js';
import { statusLook, type StatusLook } from './status.js';

/** The longest status word a job can have: what the list's status column is sized for. */
export const allFailedLabel = 'completed · all failed';
/** The same, where a column is too narrow for it: a `failed` job says `failed`, so this is not ambiguous. */
export const allFailedShortLabel = 'all failed';

/**
 * How a job's status is shown: its status word, except that a `completed` job whose every request
 * failed says so, in the failure colour, rather than a green ✓.
 */
export function jobLook(job: Batch, room = Infinity): StatusLook {
  const look = statusLook(job.status);
  // A job the server sent broken (no status, an error entry that is null) was repaired to be shown:
  // the ⚠ says so, and the detail says what was wrong.
  if (job.problem) return { ...look, symbol: '⚠', tone: 'warning' };
  if (!everyRequestFailed(job)) return look;
  // symbol + space + word
  const label = room >= allFailedLabel.length + 2 ? allFailedLabel : allFailedShortLabel;
  return { label, symbol: '✗', tone: 'danger' };
}
