import { Box, Text } from 'ink';
import { hostOf } from '../../config/index.js';
import type { Services } from '../../core/session.js';
import { errorMessage } from '../format/errors.js';
import { duration, sinceUpdate } from '../format/time.js';
import { useNow } from '../hooks/useClock.js';
import { useObservable } from '../hooks/useObservable.js';
import { useTheme } from '../theme/context.js';
import { Spinner } from './Spinner.js';

/** Profile, host, connection state and freshness: what a person checks before trusting the screen. */
export function Header({ services, title, width }: { services: Services | null; title: string; width: number }) {
  const theme = useTheme();
  if (!services) {
    return (
      <Box width={width}>
        <Text bold color={theme.accent}>fizz-batch</Text>
        <Text color={theme.muted}> · {title}</Text>
      </Box>
    );
  }
  return <ConnectedHeader services={services} title={title} width={width} />;
}

function ConnectedHeader({ services, title, width }: { services: Services; title: string; width: number }) {
  const theme = useTheme();
  const now = useNow();
  const { poll, intervalMs } = useObservable(services.jobs);
  const { connection } = services;
  const who = connection.profile?.name ?? services.label ?? (connection.keySource === 'env' ? 'FIZZ_API_KEY' : 'no profile');
  const key = services.label ? '' : connection.keySource === 'none' ? ' (no key)' : connection.keySource === 'env' && connection.profile ? ' (key: env)' : '';

  let state: { text: string; tone: string | undefined };
  if (poll.error) {
    const retry = poll.nextAt ? ` · retry in ${duration((poll.nextAt - now) / 1000)}` : '';
    state = { text: `✗ ${poll.data ? 'stale' : 'offline'}: ${errorMessage(poll.error)}${retry}`, tone: theme.danger };
  } else if (poll.updatedAt === null) {
    state = { text: 'connecting…', tone: theme.muted };
  } else {
    const every = poll.paused ? 'paused' : `every ${duration(intervalMs / 1000)}`;
    state = { text: `● ${sinceUpdate(poll.updatedAt, now)} · ${every}`, tone: poll.paused ? theme.warning : theme.success };
  }

  // overflow hidden: Yoga rounds the two shrinking halves so that they can add up to one column
  // more than the width, and a 61-column line in a 60-column terminal wraps and shifts the frame.
  return (
    <Box width={width} overflow="hidden">
      <Box flexShrink={1} flexGrow={1}>
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>fizz-batch</Text>
          <Text> · {title} · </Text>
          <Text bold>{who}</Text>
          <Text color={theme.muted}>{key} @ {hostOf(connection.baseURL)}</Text>
        </Text>
      </Box>
      <Box flexShrink={2} marginLeft={1}>
        {poll.inFlight ? <Spinner /> : null}
        <Text color={state.tone} wrap="truncate-end"> {state.text}</Text>
      </Box>
    </Box>
  );
}
