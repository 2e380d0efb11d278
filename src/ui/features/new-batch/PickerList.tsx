import { Text } from 'ink';
import { memo } from 'react';
import type { BrowserEntry } from '../../../core/file-browser.js';
import { fitWidth } from '../../format/fit.js';
import { formatBytes } from '../../format/numbers.js';
import { localDateTime } from '../../format/time.js';
import { useTheme } from '../../theme/context.js';
import { printable } from '../../kit/DetailLines.js';

/** Cells of a picker row: marker, name (what is left), size, modified. */
export interface PickerColumns {
  name: number;
  size: number;
  modified: number;
}

export function pickerColumns(width: number): PickerColumns {
  const size = 9;
  // "2026-05-01 14:03" when there is room, the date alone when there is not.
  const modified = width >= 56 ? 16 : 10;
  // Names wider than this would push size and date far from the name they belong to.
  return { name: Math.max(8, Math.min(56, width - 2 - 1 - size - 2 - modified)), size, modified };
}

/** The column titles, aligned with PickerRow. */
export function PickerHeader({ columns }: { columns: PickerColumns }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" bold color={theme.muted}>
      {`  ${'name'.padEnd(columns.name)} ${'size'.padStart(columns.size)}  ${'modified'}`}
    </Text>
  );
}

/**
 * One entry: a batch file with its size and modification time, a directory (name/), or `..`.
 * The selected row has a `›` marker and inverse name, so it shows without colour.
 */
export const PickerRow = memo(function PickerRow({
  entry,
  selected,
  columns,
}: {
  entry: BrowserEntry;
  selected: boolean;
  columns: PickerColumns;
}) {
  const theme = useTheme();
  const shown = entry.kind === 'dir' ? `${printable(entry.name)}/` : printable(entry.name);
  const name = fitWidth(shown, columns.name);
  let size = '';
  let modified: string;
  let tone = theme.muted;
  if (entry.kind === 'jsonl') {
    if (entry.problem) {
      modified = '✗ unreadable';
      tone = theme.danger;
    } else {
      size = formatBytes(entry.size);
      modified =
        entry.modifiedMs === null ? '—' : localDateTime(Math.floor(entry.modifiedMs / 1000)).slice(0, columns.modified);
    }
  } else {
    modified = entry.kind === 'parent' ? 'up a directory' : 'directory';
  }
  return (
    <Text wrap="truncate-end" bold={selected}>
      <Text color={theme.selection}>{selected ? '› ' : '  '}</Text>
      <Text inverse={selected} color={entry.kind === 'jsonl' ? undefined : theme.info}>
        {name}
      </Text>
      <Text>{` ${size.padStart(columns.size)}  `}</Text>
      <Text color={tone}>{modified}</Text>
    </Text>
  );
});
