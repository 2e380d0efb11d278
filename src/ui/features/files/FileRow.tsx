import { Text } from 'ink';
import { memo } from 'react';
import type { FileObject } from '../../../api/index.js';
import { formatBytes } from '../../format/numbers.js';
import { useTheme } from '../../theme/context.js';
import { cell, fitFilename } from '../../format/fit.js';
import { filenameOf, type FileColumns } from './FileColumns.js';
import { age } from '../../format/time.js';

/**
 * One uploaded file on one line: every cell cut to its column, so a row never wraps. The selected
 * row is inverse from its filename to its end, and carries a `›` marker and bold, so it shows
 * without colour too. Memoized: a key press re-renders only the two rows whose selection changed.
 */
export const FileRow = memo(function FileRow({
  file,
  selected,
  columns,
  now,
}: {
  file: FileObject;
  selected: boolean;
  columns: FileColumns;
  now: number;
}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" bold={selected}>
      <Text color={theme.selection}>{selected ? '› ' : '  '}</Text>
      <Text inverse={selected}>{cell(fitFilename(filenameOf(file), columns.filename), columns.filename)}</Text>
      {columns.purpose > 0 ? (
        <Text inverse={selected} color={file.purpose === 'batch' ? theme.accent : selected ? undefined : theme.muted}>
          {` ${cell(file.purpose || '—', columns.purpose)}`}
        </Text>
      ) : null}
      <Text inverse={selected}>{` ${cell(formatBytes(file.bytes), columns.size, 'right')}`}</Text>
      <Text
        inverse={selected}
        color={selected ? undefined : theme.muted}
      >{` ${cell(age(file.createdAt, now), columns.created, 'right')}`}</Text>
      {columns.id > 0 ? (
        <Text inverse={selected} color={selected ? undefined : theme.muted}>{` ${cell(file.id, columns.id)}`}</Text>
      ) : null}
    </Text>
  );
});

/** The column titles, aligned with the cells of FileRow. */
export function FileHeaderRow({ columns }: { columns: FileColumns }) {
  const theme = useTheme();
  const parts = [
    ' '.repeat(columns.marker),
    cell('filename', columns.filename),
    columns.purpose > 0 ? ` ${cell('purpose', columns.purpose)}` : '',
    ` ${cell('size', columns.size, 'right')}`,
    ` ${cell(columns.createdTitle, columns.created, 'right')}`,
    columns.id > 0 ? ` ${cell('id', columns.id)}` : '',
  ];
  return (
    <Text wrap="truncate-end" bold color={theme.muted}>
      {parts.join('')}
    </Text>
  );
}
