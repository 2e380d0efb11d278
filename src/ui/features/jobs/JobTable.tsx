import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Batch } from '../../../api/index.js';
import { useTheme } from '../../theme/context.js';
import type { JobColumns } from './JobColumns.js';
import { JobHeaderRow, JobRow } from './JobRow.js';

export interface JobTableProps {
  jobs: readonly Batch[];
  columns: JobColumns;
  /** First job on screen and how many fit. */
  top: number;
  rows: number;
  selectedIndex: number;
  now: number;
  width: number;
  /** Shown instead of rows when there are none (loading, empty, nothing matches). */
  empty: ReactNode;
  /** A warning on its own line under `empty` (e.g. why no key was sent). */
  emptyNote?: string | null;
}

/**
 * The column titles and the jobs that fit, and nothing more: Yoga lays out every row it is given,
 * so a list of 10,000 jobs renders the same 20 rows as a list of 20.
 */
export function JobTable({ jobs, columns, top, rows, selectedIndex, now, width, empty, emptyNote }: JobTableProps) {
  const theme = useTheme();
  const visible = jobs.slice(top, top + rows);
  return (
    <Box flexDirection="column" width={width}>
      <JobHeaderRow columns={columns} />
      {visible.length === 0 ? (
        <>
          <Text wrap="truncate-end" color={theme.muted}>
            {empty}
          </Text>
          {emptyNote ? (
            <Text wrap="truncate-end" color={theme.warning}>
              {emptyNote}
            </Text>
          ) : null}
        </>
      ) : (
        visible.map((job, i) => (
          <JobRow key={job.id} job={job} selected={top + i === selectedIndex} columns={columns} now={now} />
        ))
      )}
    </Box>
  );
}
