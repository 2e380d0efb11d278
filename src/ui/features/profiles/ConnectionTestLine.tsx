import { Text } from 'ink';
import { plural } from '../../../api/index.js';
import type { ConnectionTest } from './useProfiles.js';
import { useTheme } from '../../theme/context.js';
import { Spinner } from '../../kit/Spinner.js';

/**
 * The outcome of "test connection" in one line: nothing before a test, a spinner while it runs,
 * ✓ and the model count, or ✗ and why. `named` puts the profile tested in front (the profiles
 * list, where the selection may have moved on); the form tests the profile it shows.
 */
export function ConnectionTestLine({ test, named = false }: { test: ConnectionTest; named?: boolean }) {
  const theme = useTheme();
  if (test.status === 'idle') return null;
  const who = named ? `${test.target}: ` : '';
  switch (test.status) {
    case 'running':
      return (
        <Text wrap="truncate-end">
          <Spinner /> {named ? `Testing ${test.target}…` : 'testing…'}
        </Text>
      );
    case 'ok':
      return (
        <Text color={theme.success} wrap="truncate-end">
          {who}✓ {plural(test.models, 'model')}
        </Text>
      );
    case 'failed':
      return (
        <Text color={theme.danger} wrap="truncate-end">
          {who}✗ {test.message}
        </Text>
      );
  }
}
