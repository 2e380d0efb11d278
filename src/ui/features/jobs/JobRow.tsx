import { Text } from 'ink';
import { memo } from 'react';
import type { Batch } from '../../../api/index.js';
import { cell, truncate } from '../../format/fit.js';
import { formatCount } from '../../format/numbers.js';
import { useTheme } from '../../theme/context.js';
import { descriptionOf, fitModel, modelLabel, progressText, shortId, type JobColumns } from './JobColumns.js';
import { age } from '../../format/time.js';
import { ProgressBar } from '../../kit/ProgressBar.js';
import { StatusText } from '../../kit/StatusText.js';

/**
 * One job on one line. Every cell is cut to its column width, so a row can never wrap; the
 * selected row is inverse from its id to its end (in any terminal theme, where no background
 * colour would be safe), and carries a `›` marker and bold, so it shows without colour too.
 * Memoized: a key press re-renders only the two rows whose selection changed.
 */
export const JobRow = memo(function JobRow({
  job,
  selected,
  columns,
  now,
}: {
  job: Batch;
  selected: boolean;
  columns: JobColumns;
  now: number;
}) {
  const theme = useTheme();
  const { completed, failed, total } = job.requestCounts;
  return (
    <Text wrap="truncate-end" bold={selected}>
      <Text color={theme.selection}>{selected ? '› ' : '  '}</Text>
      <Text inverse={selected}>{cell(shortId(job.id, columns.id), columns.id)} </Text>
      <StatusText job={job} width={columns.status} inverse={selected} />
      <Text inverse={selected}> {cell(progressText(job), columns.progress, 'right')} </Text>
      <ProgressBar completed={completed} failed={failed} total={total} width={columns.bar} inverse={selected} />
      <Text inverse={selected}> </Text>
      <Text inverse={selected} color={failed > 0 ? theme.danger : selected ? undefined : theme.muted}>
        {cell(formatCount(failed), columns.failed, 'right')}
      </Text>
      <Text inverse={selected}> </Text>
      <Text inverse={selected} color={selected ? undefined : theme.muted}>
        {cell(age(job.createdAt, now), columns.created, 'right')}
      </Text>
      {/* No model named: the endpoint, in parentheses and dim, so it never passes for a model. */}
      {columns.model > 0 ? (
        <Text
          inverse={selected}
          color={job.model ? undefined : theme.muted}
        >{` ${cell(job.model ? fitModel(modelLabel(job), columns.model) : modelLabel(job), columns.model)}`}</Text>
      ) : null}
      {columns.description > 0 ? (
        <Text
          inverse={selected}
          color={selected ? undefined : theme.text}
        >{` ${truncate(descriptionOf(job), columns.description)}`}</Text>
      ) : null}
    </Text>
  );
});

/** The column titles, aligned with the cells of JobRow. */
export function JobHeaderRow({ columns }: { columns: JobColumns }) {
  const theme = useTheme();
  const parts = [
    ' '.repeat(columns.marker),
    cell('id', columns.id),
    ' ',
    cell('status', columns.status),
    ' ',
    cell('progress', columns.progress + 1 + columns.bar),
    ' ',
    cell(columns.titles.failed, columns.failed, 'right'),
    ' ',
    cell(columns.titles.created, columns.created, 'right'),
    columns.model > 0 ? ` ${cell(columns.titles.model, columns.model)}` : '',
    columns.description > 0 ? ` ${truncate('description', columns.description)}` : '',
  ];
  return (
    <Text wrap="truncate-end" bold color={theme.muted}>
      {parts.join('')}
    </Text>
  );
}
