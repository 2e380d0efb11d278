import type { Batch } from '../../api/index.js';
import { timelineOf } from '../../core/jobs/timeline.js';
import { duration } from './time.js';

export interface TimelineRow {
  /** "created", "in progress", …; "window end" for the expiry of a job that ended. */
  label: string;
  at: number;
  /** "+3m" since the step before, "in 4h 02m" or "passed" for the deadline; '' when nothing to add. */
  note: string;
}

/** The timeline as the detail and `fizz-batch get` show it: every step with the time it took. */
export function timelineRows(job: Batch, nowMs: number): TimelineRow[] {
  let previous: number | null = null;
  return timelineOf(job).map((entry) => {
    if (entry.deadline) {
      // A finished job will not expire any more: its expires_at is only the end of its window.
      if (job.statusClass === 'terminal') return { label: 'window end', at: entry.at, note: '' };
      const left = entry.at - nowMs / 1000;
      return { label: entry.label, at: entry.at, note: left > 0 ? `in ${duration(left)}` : 'passed' };
    }
    const note = previous !== null ? `+${duration(entry.at - previous)}` : '';
    previous = entry.at;
    return { label: entry.label, at: entry.at, note };
  });
}
