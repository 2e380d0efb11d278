import { Text } from 'ink';
import type { Batch } from '../../../api/index.js';
import { neverRan } from '../../../core/jobs/never-ran.js';
import { count } from '../../format/numbers.js';
import type { Theme } from '../../theme/theme.js';
import type { Line } from '../../kit/DetailLines.js';

/**
 * "! 141 requests never ran (expired) — R resubmits them", under the counts of an expired or
 * cancelled job; when the counts hide them among the failed, where to look.
 */
export function neverRanLine(job: Batch, theme: Theme): Line | null {
  const never = neverRan(job);
  if (!never) return null;
  const text =
    'count' in never
      ? `! ${never.count === 1 ? '1 request never ran' : `${count(never.count)} requests never ran`} (${never.why}) — R resubmits them`
      : `! Some of the ${count(never.amongFailed)} failed may never have run (${never.why}) — e shows which, R resubmits them`;
  return {
    key: 'never-ran',
    node: (
      <Text color={theme.warning} wrap="truncate-end">
        {text}
      </Text>
    ),
  };
}
