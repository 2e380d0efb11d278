import { Text } from 'ink';
import { plural, type Batch } from '../../../api/index.js';
import { describeError, groupErrors } from '../../../core/jobs/error-groups.js';
import { formatCount } from '../../format/numbers.js';
import { wrapText } from '../../format/wrap.js';
import type { Theme } from '../../theme/theme.js';
import { heading, type Line } from '../../kit/DetailLines.js';

/** Messages are read whole: wrapped under their line number, up to this many rows each. */
const maxRowsPerError = 4;
/** Errors listed at most on one detail, whatever a server sends: the rest are counted. */
const maxErrorsListed = 1000;

/**
 * The errors section: each code with its count and a few of its lines. A job that failed (its
 * file did not pass validation) lists every error — they are all the user has to fix, and the
 * detail scrolls. A completed job's failed requests are not in errors.data but in its error file,
 * which the section points to.
 */
export function errorLines(
  job: Batch,
  theme: Theme,
  width: number,
  perGroup = job.status === 'failed' ? maxErrorsListed : 3,
): Line[] {
  const groups = groupErrors(job.errors);
  const failed = job.requestCounts.failed;
  if (groups.length === 0) {
    if (failed <= 0) return [];
    const where = job.errorFileId
      ? `in the error file ${job.errorFileId}`
      : job.statusClass === 'terminal'
        ? 'none: the server gave no error file'
        : 'in the error file, once the job ends';
    return [
      heading('errors', 'Errors', theme),
      {
        key: 'err-count',
        node: <Text wrap="truncate-end">{`  ${plural(failed, 'request', { grouped: true })} failed`}</Text>,
      },
      // Wrapped, not cut: the error file's id is what a user copies to fetch it.
      ...wrapText(`details: ${where}`, Math.max(10, width - 2), 2).map((text, i) => ({
        key: `err-file-${i}`,
        node: <Text color={theme.muted} wrap="truncate-end">{`  ${text}`}</Text>,
      })),
    ];
  }
  const total = job.errors.length;
  const rows: Line[] = [
    heading('errors', 'Errors', theme, `${formatCount(total)} in ${plural(groups.length, 'code')}`),
  ];
  let budget = maxErrorsListed;
  for (const group of groups) {
    rows.push({
      key: `err-${group.code}`,
      node: (
        <Text wrap="truncate-end">
          {'  '}
          <Text bold color={theme.danger}>
            {group.code}
          </Text>
          <Text>{` ×${formatCount(group.errors.length)}`}</Text>
        </Text>
      ),
    });
    const listed = Math.min(perGroup, budget, group.errors.length);
    budget -= listed;
    group.errors.slice(0, listed).forEach((error, i) => {
      wrapText(describeError(error), Math.max(10, width - 6), maxRowsPerError).forEach((text, row) => {
        rows.push({
          key: `err-${group.code}-${i}-${row}`,
          node: <Text wrap="truncate-end">{`${row === 0 ? '    ' : '      '}${text}`}</Text>,
        });
      });
    });
    const more = group.errors.length - listed;
    if (more > 0)
      rows.push({
        key: `err-${group.code}-more`,
        node: <Text color={theme.muted} wrap="truncate-end">{`    and ${formatCount(more)} more`}</Text>,
      });
  }
  return rows;
}
