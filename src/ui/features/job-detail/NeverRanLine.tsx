import { Text } from 'ink';
import { plural, type Batch } from '../../../api/index.js';
import { neverRan } from '../../../core/jobs/never-ran.js';
import { formatCount } from '../../format/numbers.js';
import type { Theme } from '../../theme/theme.js';
import type { Line } from '../../kit/DetailLines.js';
import { keyLabel } from '../../keys/keymap.js';

/**
 * "! 141 requests never ran (expired) — R resubmits them", under the counts of an expired or
 * cancelled job; when the counts hide them among the failed, where to look.
 */
export function neverRanLine(job: Batch, theme: Theme): Line | null {
  const never = neverRan(job);
  if (!never) return null;
  const resubmitKey = keyLabel('resubmit', 'detail');
  const text =
    'count' in never
      ? `! ${plural(never.count, 'request', { grouped: true })} never ran (${never.why}) — ${resubmitKey} resubmits them`
      : `! Some of the ${formatCount(never.amongFailed)} failed may never have run (${never.why}) — ${keyLabel('openErrors', 'detail')} shows which, ${resubmitKey} resubmits them`;
  return {
    key: 'never-ran',
    node: (
      <Text color={theme.warning} wrap="truncate-end">
        {text}
      </Text>
    ),
  };
}
