import { Text } from 'ink';
import type { Batch, BatchError } from '../../api/index.js';
import { count } from '../format/numbers.js';
import { wrapText } from '../format/wrap.js';
import type { Theme } from '../theme/theme.js';
import { heading, printable, type Line } from './DetailLines.js';

export interface ErrorGroup {
  code: string;
  errors: BatchError[];
}

/** errors.data grouped by code, the biggest group first; lines in file order within a group. */
export function groupErrors(errors: readonly BatchError[]): ErrorGroup[] {
  const groups = new Map<string, BatchError[]>();
  for (const error of errors) {
    const code = printable(error.code ?? '') || '(no code)';
    const list = groups.get(code) ?? [];
    list.push(error);
    groups.set(code, list);
  }
  return [...groups.entries()]
    .map(([code, list]) => ({ code, errors: [...list].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) }))
    .sort((a, b) => b.errors.length - a.errors.length || a.code.localeCompare(b.code));
}

/** "line 12 (body.model): message" — whatever parts the server gave. */
export function describeError(error: BatchError): string {
  const where = [error.line !== null ? `line ${error.line}` : '', error.param ? `(${printable(error.param)})` : ''].filter(Boolean).join(' ');
  const message = printable(error.message ?? '') || 'no message';
  return where ? `${where}: ${message}` : message;
}

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
export function errorLines(job: Batch, theme: Theme, width: number, perGroup = job.status === 'failed' ? maxErrorsListed : 3): Line[] {
  const groups = groupErrors(job.errors);
  const failed = job.requestCounts.failed;
  if (groups.length === 0) {
    if (failed <= 0) return [];
    const where = job.errorFileId ? `in the error file ${job.errorFileId}` : job.statusClass === 'terminal' ? 'none: the server gave no error file' : 'in the error file, once the job ends';
    return [
      heading('errors', 'Errors', theme),
      { key: 'err-count', node: <Text wrap="truncate-end">{`  ${count(failed)} request${failed === 1 ? '' : 's'} failed`}</Text> },
      // Wrapped, not cut: the error file's id is what a user copies to fetch it.
      ...wrapText(`details: ${where}`, Math.max(10, width - 2), 2).map((text, i) => ({ key: `err-file-${i}`, node: <Text color={theme.muted} wrap="truncate-end">{`  ${text}`}</Text> })),
    ];
  }
  const total = job.errors.length;
  const rows: Line[] = [heading('errors', 'Errors', theme, `${count(total)} in ${groups.length} code${groups.length === 1 ? '' : 's'}`)];
  let budget = maxErrorsListed;
  for (const group of groups) {
    rows.push({
      key: `err-${group.code}`,
      node: (
        <Text wrap="truncate-end">
          {'  '}
          <Text bold color={theme.danger}>{group.code}</Text>
          <Text>{` ×${count(group.errors.length)}`}</Text>
        </Text>
      ),
    });
    const listed = Math.min(perGroup, budget, group.errors.length);
    budget -= listed;
    group.errors.slice(0, listed).forEach((error, i) => {
      wrapText(describeError(error), Math.max(10, width - 6), maxRowsPerError).forEach((text, row) => {
        rows.push({ key: `err-${group.code}-${i}-${row}`, node: <Text wrap="truncate-end">{`${row === 0 ? '    ' : '      '}${text}`}</Text> });
      });
    });
    const more = group.errors.length - listed;
    if (more > 0) rows.push({ key: `err-${group.code}-more`, node: <Text color={theme.muted} wrap="truncate-end">{`    and ${count(more)} more`}</Text> });
  }
  return rows;
}
