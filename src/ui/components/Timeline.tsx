import { Text } from 'ink';
import type { Batch } from '../../api/index.js';
import { duration, localDateTime } from '../format/time.js';
import type { Theme } from '../theme/theme.js';
import { heading, type Line } from './DetailLines.js';
import { KeyValue } from './KeyValue.js';

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

/** Every `*_at` timestamp the server set, oldest first. */
export function timelineOf(job: Batch): TimelineEntry[] {
  const entries: Array<TimelineEntry & { order: number }> = [];
  fields.forEach(({ field, label, deadline }, order) => {
    const at = job[field];
    if (typeof at === 'number') entries.push({ label, at, order, ...(deadline ? { deadline } : {}) });
  });
  return entries.sort((a, b) => a.at - b.at || a.order - b.order).map(({ order: _order, ...entry }) => entry);
}

/** "created      2026-11-26 14:02:00" rows, each with the time since the step before it. */
export function timelineLines(job: Batch, nowMs: number, theme: Theme): Line[] {
  const entries = timelineOf(job);
  if (entries.length === 0) return [];
  const rows: Line[] = [heading('timeline', 'Timeline', theme)];
  let previous: number | null = null;
  for (const entry of entries) {
    let note = '';
    let label = entry.label;
    if (entry.deadline) {
      // A finished job will not expire any more: its expires_at is only the end of its window.
      const left = entry.at - nowMs / 1000;
      if (job.statusClass === 'terminal') label = 'window end';
      else note = left > 0 ? `in ${duration(left)}` : 'passed';
    } else {
      if (previous !== null) note = `+${duration(entry.at - previous)}`;
      previous = entry.at;
    }
    rows.push({
      key: `tl-${entry.label}`,
      node: (
        <KeyValue label={label} labelWidth={13} indent={2}>
          {localDateTime(entry.at)}
          {note ? <Text color={theme.muted}>{`  ${note}`}</Text> : null}
        </KeyValue>
      ),
    });
  }
  return rows;
}
