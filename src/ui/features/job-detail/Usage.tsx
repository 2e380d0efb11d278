import { Text } from 'ink';
import type { BatchUsage } from '../../../api/index.js';
import { formatCount } from '../../format/numbers.js';
import type { Theme } from '../../theme/theme.js';
import { heading, type Line } from '../../kit/DetailLines.js';

/** Token usage, when the server reports it: two short rows rather than five. */
export function usageLines(usage: BatchUsage | null, theme: Theme): Line[] {
  if (!usage) return [];
  const rows: Line[] = [
    heading('usage', 'Tokens', theme),
    {
      key: 'usage-main',
      node: (
        <Text wrap="truncate-end">{`  ${formatCount(usage.inputTokens)} input · ${formatCount(usage.outputTokens)} output · ${formatCount(usage.totalTokens)} total`}</Text>
      ),
    },
  ];
  const extra = [
    usage.cachedTokens !== undefined ? `${formatCount(usage.cachedTokens)} cached` : '',
    usage.reasoningTokens !== undefined ? `${formatCount(usage.reasoningTokens)} reasoning` : '',
  ].filter(Boolean);
  if (extra.length > 0)
    rows.push({ key: 'usage-extra', node: <Text wrap="truncate-end">{`  ${extra.join(' · ')}`}</Text> });
  return rows;
}
