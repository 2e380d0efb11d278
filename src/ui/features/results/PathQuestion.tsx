import { Box, Text } from 'ink';
import { useConfirmKeys } from '../../kit/useConfirmKeys.js';
import { useTheme } from '../../theme/context.js';
import { fitFilename } from '../../format/fit.js';

export interface PathQuestionProps {
  /** Words before the path ("Create "), if any. */
  before?: string;
  path: string;
  /** The question after the path, ending in its keys: " exists — overwrite? y/N", "? y/N". */
  after: string;
  width: number;
  onAnswer: (yes: boolean) => void;
}

/**
 * A yes/no question about a path on the pager's bottom row: "…/out.jsonl exists — overwrite? y/N",
 * "Create …/results? y/N". No unless the user presses y (useConfirmKeys: enter, n and
 * esc say no). The path is cut in its middle to fit, never its end.
 */
export function PathQuestion({ before = '', path, after, width, onAnswer }: PathQuestionProps) {
  const theme = useTheme();
  useConfirmKeys(
    () => onAnswer(true),
    () => onAnswer(false),
  );
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {before ? (
          <Text color={theme.warning} bold>
            {before}
          </Text>
        ) : null}
        <Text bold>{fitFilename(path, Math.max(12, width - before.length - after.length))}</Text>
        <Text color={theme.warning} bold>
          {after}
        </Text>
      </Text>
    </Box>
  );
}
