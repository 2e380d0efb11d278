import { sanitizeLine, terminalSafeJson } from '../../api/text.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REQUESTS,
  formatBytes,
  groupReport,
  validateBatchFile,
  type ModelsPerFile,
  type ProblemGroup,
  type ValidationReport,
} from '../../core/validate/index.js';
import { formatCount } from '../../api/counts.js';
import type { ConnectionFlags } from '../../config/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { text, type ParsedCommand } from '../framework/spec.js';
import { progressLine } from '../output/progress-line.js';
import { parseInteger } from '../options.js';
import { messageOf } from '../../api/message-of.js';
import { plural, pluralWord } from '../../api/counts.js';

/** Files at least this big get a progress line on standard error (when it is a terminal). */
const PROGRESS_FROM_BYTES = 16 * 1024 * 1024;

export async function runValidate({ values: given, args }: ParsedCommand): Promise<number> {
  const values = {
    json: given.json === true,
    'max-requests': text(given['max-requests']),
    'max-bytes': text(given['max-bytes']),
    examples: text(given.examples),
    'base-url': text(given['base-url']),
    profile: text(given.profile),
  };
  const path = args.FILE!;
  const maxRequests =
    values['max-requests'] === undefined
      ? DEFAULT_MAX_REQUESTS
      : parseInteger('--max-requests', values['max-requests'], 1, 1_000_000_000);
  const maxBytes =
    values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : parseSize('--max-bytes', values['max-bytes']);
  const perGroup = values.examples === undefined ? 5 : parseInteger('--examples', values.examples, 1, 1000);

  const modelsPerFile = await providerRules({
    ...(values['base-url'] !== undefined ? { baseURL: values['base-url'] } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
  });

  const progress = process.stderr.isTTY ? validationProgress() : undefined;
  let report: ValidationReport;
  try {
    report = await validateBatchFile(path, {
      maxRequests,
      maxBytes,
      modelsPerFile,
      examplesPerCode: Math.max(100, perGroup),
      onProgress: progress?.update,
    });
  } finally {
    progress?.clear();
  }

  const { errors, warnings } = groupReport(report, { perGroup });
  // The file's own strings (path, models, endpoint, quoted values) may hold escape sequences: the
  // JSON escapes them (same meaning for a parser), the text sanitizes every line it prints.
  process.stdout.write(
    values.json
      ? `${terminalSafeJson(jsonReport(report, errors, warnings), 2)}\n`
      : textReport(report, errors, warnings),
  );
  return report.errorCount > 0 ? ExitCode.validation : ExitCode.ok;
}

/**
 * What the provider the console would connect to takes in one file (flags > FIZZ_* > the active
 * profile > fizz.ai). The config is only read, never written, and nothing is sent anywhere.
 */
async function providerRules(flags: ConnectionFlags): Promise<ModelsPerFile> {
  const { emptyConfig, modelsPerFileOf, openConfig, resolveConnection } = await import('../../config/index.js');
  const env = process.env;
  const chosen = flags.profile !== undefined || flags.baseURL !== undefined;
  let config = emptyConfig();
  try {
    const opened = openConfig(env);
    config = opened.config;
    // Said on every run: a script's stderr is where a person reading its log will see it.
    if (opened.warning) process.stderr.write(`fizz-batch: warning: ${opened.warning}\n`);
  } catch (error) {
    // An unreadable config is the console's to report; here it matters only to --profile.
    if (flags.profile !== undefined) throw new UsageError(messageOf(error));
  }
  const resolved = resolveConnection(config, flags, {
    FIZZ_BASE_URL: env.FIZZ_BASE_URL,
    FIZZ_PROFILE: env.FIZZ_PROFILE,
  });
  if (!resolved.ok) {
    if (chosen) throw new UsageError(resolved.error);
    return 'unknown';
  }
  return modelsPerFileOf(resolved.connection.baseURL);
}

/** Bytes as a whole number, or with a binary unit: 200MB, 100M, 512KB, 1GB. */
function parseSize(option: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(raw);
  const units: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  const unit = match ? units[(match[2] ?? '').toLowerCase().charAt(0)] : undefined;
  const value = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${option} takes a size in bytes, or with a unit (200MB, 100M, 512KB); got '${raw}'.`);
  }
  return value;
}

function jsonReport(report: ValidationReport, errors: ProblemGroup[], warnings: ProblemGroup[]): unknown {
  return {
    path: report.path,
    ok: report.errorCount === 0,
    bytes: report.bytes,
    lines: report.lines,
    requests: report.requests,
    endpoint: report.endpoint,
    models: report.models,
    estimatedInputTokens: report.estimatedInputTokens,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    counts: report.counts,
    errors: errors.map(({ severity: _severity, ...group }) => group),
    warnings: warnings.map(({ severity: _severity, ...group }) => group),
  };
}

export function textReport(report: ValidationReport, errors: ProblemGroup[], warnings: ProblemGroup[]): string {
  const out: string[] = [report.path];
  const models = report.models.slice(0, 5).map((m) => `${m.model} (${formatCount(m.count)})`);
  if (report.models.length > 5) models.push(`and ${formatCount(report.models.length - 5)} more`);
  const rows: Array<[string, string]> = [
    ['requests', formatCount(report.requests)],
    ['endpoint', report.endpoint ?? '-'],
    [pluralWord(report.models.length, 'model'), models.length > 0 ? models.join(', ') : '-'],
    [
      'size',
      report.bytes < 1024
        ? formatBytes(report.bytes)
        : `${formatBytes(report.bytes)} (${formatCount(report.bytes)} bytes)`,
    ],
    ['input', `≈ ${formatCount(report.estimatedInputTokens)} tokens (estimate: characters of the text ÷ 4)`],
  ];
  for (const [label, value] of rows) out.push(`  ${label.padEnd(9)} ${value}`);
  out.push('');

  for (const group of [...errors, ...warnings]) {
    const kind = group.severity === 'error' ? 'error' : 'warning';
    out.push(`${kind}: ${group.title} (${formatCount(group.count)})`);
    for (const problem of group.examples) {
      const where = [problem.line === null ? null : `line ${formatCount(problem.line)}`, problem.field]
        .filter(Boolean)
        .join(', ');
      out.push(`  ${where ? `${where}: ` : ''}${problem.message}`);
    }
    if (group.more > 0) out.push(`  … and ${formatCount(group.more)} more`);
    out.push('');
  }

  const counted = (n: number, word: string): string => plural(n, word, { grouped: true });
  if (report.errorCount > 0) {
    const also = report.warningCount > 0 ? ` and ${counted(report.warningCount, 'warning')}` : '';
    out.push(`${counted(report.errorCount, 'error')}${also}: fix the errors before uploading.`);
  } else if (report.warningCount > 0) {
    out.push(`No errors, ${counted(report.warningCount, 'warning')}: the file can be uploaded.`);
  } else {
    out.push('No problems: the file is ready to upload.');
  }
  return `${out.map(sanitizeLine).join('\n')}\n`;
}

/** "validating 45% (90 MB of 200 MB)" on standard error, redrawn at most ten times a second. */
/** The validation's progress on a progress line, for files big enough to take a moment, at most ten times a second. */
function validationProgress(): { update: (bytesRead: number, totalBytes: number) => void; clear: () => void } {
  const line = progressLine();
  let last = 0;
  return {
    update(bytesRead, totalBytes) {
      const now = Date.now();
      if (totalBytes < PROGRESS_FROM_BYTES || now - last < 100) return;
      last = now;
      line.show(
        `validating ${Math.floor((bytesRead / totalBytes) * 100)}% (${formatBytes(bytesRead)} of ${formatBytes(totalBytes)})`,
      );
    },
    clear: line.clear,
  };
}
