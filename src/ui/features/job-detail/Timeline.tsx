import { Text } from 'ink';
import type { Batch } from '../../../api/index.js';
import { localDateTime } from '../../format/time.js';
import { timelineRows } from '../../format/timeline.js';
import type { Theme } from '../../theme/theme.js';
import { heading, type Line } from '../../kit/DetailLines.js';
import { KeyValue } from '../../kit/KeyValue.js';

/** "created      2026-11-26 14:02:00" rows, each with the time since the step before it. */
export function timelineLines(job: Batch, nowMs: number, theme: Theme): Line[] {
  const entries = timelineRows(job, nowMs);
  if (entries.length === 0) return [];
  return [
    heading('timeline', 'Timeline', theme),
    ...entries.map((entry, i) => ({
      key: `tl-${i}-${entry.label}`,
      node: (
        <KeyValue label={entry.label} labelWidth={13} indent={2}>
          {localDateTime(entry.at)}
          {entry.note ? <Text color={theme.muted}>{`  ${entry.note}`}</Text> : null}
        </KeyValue>
      ),
    })),
  ];
}
