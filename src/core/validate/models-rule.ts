import { sanitizeLine } from '../../api/text.js';
import type { ModelsPerFile } from './check-types.js';
import { formatCount } from '../../api/counts.js';
import type { Problem } from './report.js';

/**
 * A file naming several models, against what the provider takes: an error where it takes one, a
 * warning where that is unknown, nothing where it takes several. `models`: most used first;
 * `first`: the first line's model; `otherLine`: the first line naming another.
 */
export function multipleModelsProblem(
  models: ReadonlyArray<{ model: string; count: number }>,
  first: { model: string; line: number } | null,
  otherLine: number | null,
  modelsPerFile: ModelsPerFile,
): { severity: 'error' | 'warning'; problem: Problem } | null {
  if (models.length <= 1 || otherLine === null || !first || modelsPerFile === 'several') return null;
  // Models stay as the file has them for comparing; messages quote them sanitized.
  const shown = models
    .slice(0, 5)
    .map((m) => `${sanitizeLine(m.model)} (${formatCount(m.count)})`)
    .join(', ');
  const rest = models.length > 5 ? ` and ${formatCount(models.length - 5)} more` : '';
  const uses =
    `The file uses ${formatCount(models.length)} models: ${shown}${rest}. ` +
    `This line is the first that differs from line ${first.line} (${sanitizeLine(first.model)}). `;
  const where = { code: 'multiple_models', line: otherLine, field: 'body.model' };
  if (modelsPerFile === 'one') {
    // The rule first: the model list can be long, and a narrow screen cuts the end.
    return {
      severity: 'error',
      problem: {
        ...where,
        message: `This provider takes one model per batch file and would fail the whole batch: split the file by model. ${uses.trimEnd()}`,
      },
    };
  }
  return {
    severity: 'warning',
    problem: {
      ...where,
      message: `${uses}OpenAI refuses a batch file with more than one model; fizz.ai and others allow several. Split the file by model if yours needs it.`,
    },
  };
}
