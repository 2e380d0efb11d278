import { Box, Text } from 'ink';
import { useCommands } from '../keys/dispatcher.js';
import { useTheme } from '../theme/context.js';
import { fitFilename } from './FileColumns.js';

/**
 * "…/out.jsonl exists — overwrite? y/N" on the pager's bottom row. No unless the user presses y:
 * it takes the keys itself (scope 'confirm'), so enter, n, q or esc keep the file.
 */
export function SaveOverwrite({ path, width, onAnswer }: { path: string; width: number; onAnswer: (overwrite: boolean) => void }) {
  const theme = useTheme();
  useCommands('confirm', (command) => {
    if (command === 'confirm') onAnswer(true);
    else if (command === 'deny') onAnswer(false);
    return true;
  });
  const question = ' exists — overwrite? y/N';
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{fitFilename(path, Math.max(12, width - question.length))}</Text>
        <Text color={theme.warning} bold>
          {question}
        </Text>
      </Text>
    </Box>
  );
}
