import { Text } from 'ink';
import { basename, dirname } from 'node:path';
import { plural, pluralWord } from '../../../api/index.js';
import type { ModelCheck } from '../../../core/new-batch/state.js';
import { groupReport, type Problem, type ProblemGroup, type ValidationReport } from '../../../core/validate/index.js';
import { formatBytes, formatCount } from '../../format/numbers.js';
import { wrapText } from '../../format/wrap.js';
import type { Theme } from '../../theme/theme.js';
import { blank, heading, printable, type Line } from '../../kit/DetailLines.js';
import { keyLabel } from '../../keys/keymap.js';

const labelWidth = 14;
/** A problem's message is read whole: wrapped under its line number, up to this many rows. */
const maxRowsPerProblem = 2;

/** The verdict above everything: can this file go on, and if not, why not. */
export function verdictLine(report: ValidationReport, theme: Theme, width: number): Line {
  const { errorCount, warningCount } = report;
  let node;
  if (errorCount > 0) {
    const kinds = groupReport(report).errors.length;
    node = (
      <Text wrap="truncate-end" color={theme.danger} bold>
        {`✗ ${plural(errorCount, 'error', { grouped: true })}${kinds > 1 ? ` of ${kinds} kinds` : ''} — nothing is uploaded.${width >= 84 ? ' Fix the file, then pick it again.' : ''}`}
      </Text>
    );
  } else if (warningCount > 0) {
    node = (
      <Text wrap="truncate-end" color={theme.warning} bold>
        {`! ${plural(warningCount, 'warning', { grouped: true })}, no errors — ${keyLabel('continue', 'report')} goes on${width >= 64 ? ' to the form' : ''}.`}
      </Text>
    );
  } else {
    node = (
      <Text wrap="truncate-end" color={theme.success} bold>
        ✓ No problems found — {keyLabel('continue', 'report')} goes on to the form.
      </Text>
    );
  }
  return { key: 'verdict', node };
}

function fact(key: string, label: string, value: string, theme: Theme, tone?: string): Line {
  return {
    key,
    node: (
      <Text wrap="truncate-end">
        <Text color={theme.muted}>{label.padEnd(labelWidth)}</Text>
        <Text color={tone}>{value}</Text>
      </Text>
    ),
  };
}

/** "gpt-4o-mini ×1,000 · gpt-4o ×200" — models as the file names them, most used first. */
function modelsText(report: ValidationReport): string {
  if (report.models.length === 0) return '—';
  return report.models.map((m) => `${printable(m.model)} ×${formatCount(m.count)}`).join(' · ');
}

/** The provider's verdict on the file's models, as one fact: checking, all offered, some not, or unknown. */
function modelCheckLine(check: ModelCheck, theme: Theme): Line {
  switch (check.status) {
    case 'checking':
      return fact('model-check', 'Model check', "checking against this provider's models…", theme, theme.muted);
    case 'checked':
      return check.missing === 0
        ? fact('model-check', 'Model check', '✓ offered by this provider', theme, theme.success)
        : fact(
            'model-check',
            'Model check',
            `! ${formatCount(check.missing)} not offered by this provider — see the warnings`,
            theme,
            theme.warning,
          );
    case 'unavailable':
      return fact(
        'model-check',
        'Model check',
        `could not be checked: ${printable(check.reason)} — not blocking`,
        theme,
        theme.warning,
      );
  }
}

/** What the file holds: the summary the form and the upload go on from. */
export function summaryLines(report: ValidationReport, theme: Theme, modelCheck: ModelCheck | null = null): Line[] {
  return [
    fact('file', 'File', `${printable(basename(report.path))}  (${printable(dirname(report.path))})`, theme),
    fact('size', 'Size', `${formatBytes(report.bytes)} · ${plural(report.lines, 'line', { grouped: true })}`, theme),
    fact('requests', 'Requests', formatCount(report.requests), theme),
    fact(
      'endpoint',
      'Endpoint',
      report.endpoint ?? '— (none found)',
      theme,
      report.endpoint ? undefined : theme.danger,
    ),
    fact(
      'models',
      report.models.length === 1 ? 'Model' : `Models (${report.models.length})`,
      modelsText(report),
      theme,
    ),
    ...(modelCheck ? [modelCheckLine(modelCheck, theme)] : []),
    fact('tokens', 'Input tokens', `~${formatCount(report.estimatedInputTokens)} (estimate: characters ÷ 4)`, theme),
  ];
}

/**
 * Problems of one kind that say the same thing about the same field, as one entry with all their
 * lines ("lines 4, 5, 6 (body.model): …"): a file with the same mistake throughout reads in a row.
 */
function sameMessage(problems: readonly Problem[]): Array<{ lines: number[]; field: string | null; message: string }> {
  const clusters = new Map<string, { lines: number[]; field: string | null; message: string }>();
  for (const problem of problems) {
    const key = `${problem.field ?? ''}\u0000${problem.message}`;
    let cluster = clusters.get(key);
    if (!cluster) clusters.set(key, (cluster = { lines: [], field: problem.field, message: problem.message }));
    if (problem.line !== null) cluster.lines.push(problem.line);
  }
  return [...clusters.values()];
}

function groupLines(groups: readonly ProblemGroup[], symbol: string, tone: string | undefined, width: number): Line[] {
  const rows: Line[] = [];
  for (const group of groups) {
    rows.push({
      key: `${group.severity}-${group.code}`,
      node: (
        <Text wrap="truncate-end">
          {'  '}
          <Text bold color={tone}>{`${symbol} ${group.title}`}</Text>
          <Text>{` ×${formatCount(group.count)}`}</Text>
        </Text>
      ),
    });
    sameMessage(group.examples).forEach((cluster, i) => {
      const lines = cluster.lines.map(formatCount);
      const where = [
        lines.length === 0 ? '' : `${pluralWord(lines.length, 'line')} ${lines.join(', ')}`,
        cluster.field ? `(${cluster.field})` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const text = where ? `${where}: ${printable(cluster.message)}` : printable(cluster.message);
      wrapText(text, Math.max(10, width - 6), maxRowsPerProblem).forEach((row, r) => {
        rows.push({
          key: `${group.severity}-${group.code}-${i}-${r}`,
          node: <Text wrap="truncate-end">{`${r === 0 ? '    ' : '      '}${row}`}</Text>,
        });
      });
    });
    if (group.more > 0)
      rows.push({
        key: `${group.severity}-${group.code}-more`,
        node: <Text wrap="truncate-end">{`    and ${formatCount(group.more)} more`}</Text>,
      });
  }
  return rows;
}

/** Errors, then warnings, each grouped by kind with the first lines and "and N more". */
export function problemLines(report: ValidationReport, theme: Theme, width: number, perGroup = 5): Line[] {
  const { errors, warnings } = groupReport(report, { perGroup });
  const rows: Line[] = [];
  if (errors.length > 0) {
    rows.push(
      blank('gap-errors'),
      heading('errors', 'Errors', theme, `${formatCount(report.errorCount)} — these block the upload`),
    );
    rows.push(...groupLines(errors, '✗', theme.danger, width));
  }
  if (warnings.length > 0) {
    rows.push(
      blank('gap-warnings'),
      heading('warnings', 'Warnings', theme, `${formatCount(report.warningCount)} — shown, not blocking`),
    );
    rows.push(...groupLines(warnings, '!', theme.warning, width));
  }
  return rows;
}
