import { Box, Text } from 'ink';
import { basename } from 'node:path';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import { formatBytes, percent } from '../../format/numbers.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { printable } from '../../kit/DetailLines.js';
import { ProgressBar } from '../../kit/ProgressBar.js';

/**
 * While the file is checked: how far the check has read (a big file takes seconds), and that q
 * stops it. The bar moves as the validator reports chunks; nothing ticks on its own.
 */
export function ReportProgress({
  path,
  bytesRead,
  totalBytes,
  service,
}: {
  path: string;
  bytesRead: number;
  totalBytes: number;
  service: NewBatchService;
}) {
  const theme = useTheme();
  const { width } = useBodySize();
  useCommands('upload', (command) => {
    if (command === 'cancelStep') service.cancel();
    return true;
  });
  const known = totalBytes > 0;
  const barWidth = Math.max(10, Math.min(50, width - 24));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>Checking </Text>
        <Text>{printable(basename(path))}</Text>
        <Text color={theme.muted}>{' — every line, before anything is uploaded'}</Text>
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">
        <ProgressBar completed={known ? bytesRead : 0} failed={0} total={known ? totalBytes : 1} width={barWidth} />
        <Text>
          {known
            ? ` ${percent(bytesRead, totalBytes).padStart(4)}  ${formatBytes(bytesRead)} of ${formatBytes(totalBytes)}`
            : ` ${formatBytes(bytesRead)} read`}
        </Text>
      </Text>
    </Box>
  );
}
