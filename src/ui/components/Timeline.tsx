import { Text } from 'ink';
import type { Batch } from '../../api/index.js';
import { timelineOf } from '../../core/jobs/timeline.js';
import { duration, localDateTime } from '../format/time.js';
import type { Theme } from '../theme/theme.js';
import { heading, type Line } from './DetailLines.js';
import { KeyValue } from './KeyValue.js';

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
