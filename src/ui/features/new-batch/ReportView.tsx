import { Box } from 'ink';
import { useState } from 'react';
import type { ModelCheck, Notice } from '../../../core/new-batch/state.js';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import type { ValidationReport } from '../../../core/validate/index.js';
import { movementFor, scrollAfter, scrollWindow } from '../../kit/listCursor.js';
import { PagingLine } from '../../kit/PagingLine.js';
import { NoticeLine } from '../../kit/NoticeLine.js';
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
  if (notice) fixed.push({ key: 'notice', node: <NoticeLine notice={notice} /> });
  const content = [...summaryLines(report, theme, modelCheck), ...problemLines(report, theme, width)];
  const view = scrollWindow(content.length, height - fixed.length, offset);

  // A report with errors goes nowhere but back: enter is not offered (the service refuses it too).
  const unavailable: Command[] = report.errorCount > 0 ? ['continue'] : [];
  useCommands(
    'report',
    (command) => {
      const movement = movementFor(command, view.visible);
      if (movement) {
        // Functional update: keys that arrive in one chunk ("jjj") are dispatched before a re-render.
        setOffset((o) => scrollAfter(o, movement, view.maxTop));
        return true;
      }
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

  const shown = content.slice(view.top, view.top + view.visible);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {[...fixed, ...shown].map((line) => (
        <Box key={line.key} height={1} width={width}>
          {line.node}
        </Box>
      ))}
      <PagingLine window={view} shown={shown.length} total={content.length} keys="j/k PgUp/PgDn" />
    </Box>
  );
}
