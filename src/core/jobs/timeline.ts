import type { Batch } from '../../api/index.js';

export interface TimelineEntry {
  label: string;
  at: number;
  /** expires_at is a deadline, not an event: shown without a step from the previous row. */
  deadline?: boolean;
}

// The lifecycle order, used to break ties between timestamps in the same second.
const fields: Array<{ field: keyof Batch; label: string; deadline?: boolean }> = [
  { field: 'createdAt', label: 'created' },
  { field: 'inProgressAt', label: 'in progress' },
  { field: 'finalizingAt', label: 'finalizing' },
  { field: 'cancellingAt', label: 'cancelling' },
  { field: 'completedAt', label: 'completed' },
  { field: 'failedAt', label: 'failed' },
  { field: 'cancelledAt', label: 'cancelled' },
  { field: 'expiredAt', label: 'expired' },
  { field: 'expiresAt', label: 'expires', deadline: true },
];

/** Every `*_at` timestamp the server set, oldest first (the detail's Timeline, `get`). */
export function timelineOf(job: Batch): TimelineEntry[] {
  const entries: Array<TimelineEntry & { order: number }> = [];
  fields.forEach(({ field, label, deadline }, order) => {
    const at = job[field];
    if (typeof at === 'number') entries.push({ label, at, order, ...(deadline ? { deadline } : {}) });
  });
  return entries.sort((a, b) => a.at - b.at || a.order - b.order).map(({ order: _order, ...entry }) => entry);
}
