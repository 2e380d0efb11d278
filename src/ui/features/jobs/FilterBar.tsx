import { Box, Text } from 'ink';
import { statusGroupLabels } from '../../../core/jobs/groups.js';
import type { JobFilter } from './useJobList.js';
import { formatCount } from '../../format/numbers.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useTheme } from '../../theme/context.js';
import { FieldInput } from '../../kit/FieldInput.js';

export interface FilterBarProps {
  filter: JobFilter;
  /** The text field is open and has the keys. */
  editing: boolean;
  onTextChange: (text: string) => void;
  /** enter: keep the text and close the field. */
  onSubmit: () => void;
  /** esc: clear the text and close the field. */
  onCancel: () => void;
  shown: number;
  loaded: number;
  hasMore: boolean;
  width: number;
}

/**
 * The line above the job table: the status group, the text filter (a field while `/` is open)
 * and how many jobs are shown of those loaded. While the field is open it holds the 'text' scope,
 * so letters type instead of acting as keys.
 */
export function FilterBar({
  filter,
  editing,
  onTextChange,
  onSubmit,
  onCancel,
  shown,
  loaded,
  hasMore,
  width,
}: FilterBarProps) {
  const theme = useTheme();
  useCommands(
    'text',
    (command) => {
      if (command === 'back') onCancel();
    },
    editing,
  );
  const filtered = filter.text.trim() !== '' || filter.group !== 'all';
  const more = hasMore ? '+' : '';
  const counts = filtered
    ? `${formatCount(shown)} of ${formatCount(loaded)}${more} loaded`
    : `${formatCount(loaded)}${more} ${loaded === 1 && !hasMore ? 'job' : 'jobs'}`;
  // What the field may use: the row less the labels before it ("/" included) and the counts after.
  const fieldWidth = Math.max(
    4,
    width - `status: ${statusGroupLabels[filter.group]}  filter: /`.length - counts.length - 1,
  );
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text color={theme.muted}>status: </Text>
          <Text bold color={filter.group === 'all' ? undefined : theme.accent}>
            {statusGroupLabels[filter.group]}
          </Text>
          <Text color={theme.muted}>{'  filter: '}</Text>
        </Text>
        {editing ? (
          <Box flexGrow={1} flexShrink={1} overflow="hidden">
            <Text color={theme.accent}>/</Text>
            <FieldInput
              value={filter.text}
              onChange={onTextChange}
              onSubmit={onSubmit}
              focus
              width={fieldWidth}
              placeholder="id, status, model, description…"
            />
          </Box>
        ) : (
          <Text wrap="truncate-end" bold={filter.text !== ''} color={filter.text === '' ? theme.muted : theme.accent}>
            {filter.text === '' ? 'none (/)' : `"${filter.text}"`}
          </Text>
        )}
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text color={theme.muted}>{counts}</Text>
      </Box>
    </Box>
  );
}
