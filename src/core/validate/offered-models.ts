import { sanitizeLine } from '../../api/text.js';
import type { ValidationReport } from './check-types.js';
import type { Problem } from './report.js';
import { plural, pluralWord } from '../../api/counts.js';

/**
 * The models a batch file names against the ones the provider lists (GET /v1/models). A model the
 * provider does not offer makes every request that names it fail with `model_not_found` after the
 * upload and the create — the user pays for neither, but loses the wait. It is a warning, not an
 * error: some providers serve models they do not list (aliases, fine-tunes, private deployments).
 */

export const MODEL_NOT_OFFERED = 'model_not_offered';

/** Kept with line and message, as the validator keeps the first problems of each code. */
const EXAMPLES_KEPT = 100;

/**
 * The report with one warning per model that `offered` does not hold, on the line the model is
 * first named, saying how many requests use it. The same report when every model is offered.
 */
export function withOfferedModels(report: ValidationReport, offered: readonly string[]): ValidationReport {
  const known = new Set(offered);
  const missing = report.models.filter((m) => !known.has(m.model));
  if (missing.length === 0) return report;
  const problems: Problem[] = missing.slice(0, EXAMPLES_KEPT).map((m) => ({
    code: MODEL_NOT_OFFERED,
    line: report.firstLineOfModel.get(m.model) ?? null,
    field: 'body.model',
    message:
      `model ${sanitizeLine(m.model)} is not offered by this provider — ${plural(m.count, 'request', { grouped: true })} ${pluralWord(m.count, 'uses', 'use')} it, the first on this line; ` +
      'they would fail with model_not_found.',
  }));
  const byLine = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0);
  return {
    ...report,
    warnings: [...report.warnings, ...problems].sort(byLine),
    warningCount: report.warningCount + missing.length,
    counts: { ...report.counts, [MODEL_NOT_OFFERED]: missing.length },
  };
}
