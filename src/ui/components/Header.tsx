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
/**
 * `listInterval`: whether to say how often the job list refreshes. Not on a job's detail, which
 * polls the job at its own pace and says so in its body: one screen, one interval.
 */
export function Header({ services, title, width, listInterval = true }: { services: Services | null; title: string; width: number; listInterval?: boolean }) {
  const theme = useTheme();
  if (!services) {
    return (
      <Box width={width}>
        <Text bold color={theme.accent}>fizz-batch</Text>
        <Text color={theme.muted}> · {title}</Text>
      </Box>
    );
  }
  return <ConnectedHeader services={services} title={title} width={width} listInterval={listInterval} />;
}

function ConnectedHeader({ services, title, width, listInterval }: { services: Services; title: string; width: number; listInterval: boolean }) {
  const theme = useTheme();
  const now = useNow();
  const { poll, intervalMs } = useObservable(services.jobs);
  const { connection } = services;
  const who = connection.profile?.name ?? services.label ?? (connection.keySource === 'env' ? 'FIZZ_API_KEY' : 'no profile');
  // A key kept from this host is said in words, not as "no key" and then a 401.
  const withheld = services.label ? null : connection.keyWithheldShort;
  const key = services.label ? '' : withheld ? ` (no key: ${withheld})` : connection.keySource === 'none' ? ' (no key)' : connection.keySource === 'env' && connection.profile ? ' (key: env)' : '';

  // `tail` is never cut: when the line is too long the message gives way, not the retry countdown.
  let state: { text: string; tail?: string; tone: string | undefined };
  if (poll.error) {
    const retry = poll.nextAt ? ` · retry in ${duration(Math.max(1, (poll.nextAt - now) / 1000))}` : '';
    state = { text: `✗ ${poll.data ? 'stale' : 'offline'}: ${errorMessage(poll.error)}`, tail: retry, tone: theme.danger };
  } else if (poll.updatedAt === null) {
    state = { text: 'connecting…', tone: theme.muted };
  } else {
    const paused = listInterval && poll.paused;
    const every = !listInterval ? '' : paused ? ' · paused' : ` · every ${duration(intervalMs / 1000)}`;
    state = { text: `● ${sinceUpdate(poll.updatedAt, now)}${every}`, tone: paused ? theme.warning : theme.success };
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
          <Text color={withheld ? theme.warning : theme.muted}>{key}</Text>
          <Text color={theme.muted}> @ {hostOf(connection.baseURL)}</Text>
        </Text>
      </Box>
      <Box flexShrink={2} marginLeft={1}>
        {poll.inFlight ? <Spinner /> : null}
        <Text color={state.tone} wrap="truncate-end"> {state.text}</Text>
      </Box>
      {state.tail ? (
        <Box flexShrink={0}>
          <Text color={state.tone}>{state.tail}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
