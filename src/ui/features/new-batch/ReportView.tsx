import { applyMovement } from '../../keys/movement.js';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ModelCheck, NewBatchService, Notice } from '../../../core/new-batch.js';
import type { ValidationReport } from '../../../core/validate/index.js';
import { count } from '../../format/numbers.js';
import { useCommands } from '../../keys/dispatcher.js';
import type { Command } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';
import { problemLines, summaryLines, verdictLine } from './ReportLines.js';

/**
 * Step 2 of a new batch: the verdict, what the file holds, and its problems grouped by kind with
 * their line numbers. enter goes on only when there are no errors (the service refuses anyway).
 * The verdict stays put; the rest scrolls when it is taller than the body.
 */
export function ReportView({
  report,
  notice,
  modelCheck,
  service,
}: {
  report: ValidationReport;
  notice: Notice | null;
  modelCheck: ModelCheck | null;
  service: NewBatchService;
}) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const nav = useNavigation();
  const [offset, setOffset] = useState(0);

  const fixed = [verdictLine(report, theme, width)];
  if (notice)
    fixed.push({
      key: 'notice',
      node: (
        <Text wrap="truncate-end" color={theme[notice.tone]}>
          {notice.text}
        </Text>
      ),
    });
  const content = [...summaryLines(report, theme, modelCheck), ...problemLines(report, theme, width)];
  const room = Math.max(1, height - fixed.length);
  const scrollable = content.length > room;
  const visible = scrollable ? Math.max(1, room - 1) : room;
  const maxOffset = Math.max(0, content.length - visible);
  const top = Math.min(offset, maxOffset);
  const scroll = (by: number) => setOffset((o) => Math.max(0, Math.min(maxOffset, Math.min(o, maxOffset) + by)));

  // A report with errors goes nowhere but back: enter is not offered (the service refuses it too).
  const unavailable: Command[] = report.errorCount > 0 ? ['continue'] : [];
  useCommands(
    'report',
    (command) => {
      if (applyMovement(command, visible, { by: scroll, to: (row) => setOffset(Math.min(row, maxOffset)) }))
        return true;
      switch (command) {
        case 'continue':
          service.proceed();
          return true;
        case 'back':
          service.back();
          return true;
        case 'help':
          nav.push({ name: 'help', scope: 'report', title: 'New batch', unavailable });
          return true;
        default:
          return false;
      }
    },
    true,
    unavailable,
  );

  const shown = content.slice(top, top + visible);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {[...fixed, ...shown].map((line) => (
        <Box key={line.key} height={1} width={width}>
          {line.node}
        </Box>
      ))}
      {scrollable ? (
        <Text color={theme.muted} wrap="truncate-end">
          {`${top > 0 ? '↑' : ''}${top < maxOffset ? '↓' : ''} rows ${count(top + 1)}–${count(top + shown.length)} of ${count(content.length)} · j/k PgUp/PgDn scroll`}
        </Text>
      ) : null}
    </Box>
  );
}
