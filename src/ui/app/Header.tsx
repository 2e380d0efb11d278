import { Box, Text } from 'ink';
import { hostOf } from '../../config/index.js';
import type { Services } from '../../core/session.js';
import { freshness } from '../format/freshness.js';
import { duration } from '../format/time.js';
import { useCountdownNow } from '../kit/useClock.js';
import { useObservable } from '../kit/useObservable.js';
import { useTheme } from '../theme/context.js';
import { Spinner } from '../kit/Spinner.js';

/**
 * Profile, host, connection state and freshness: what a person checks before trusting the screen.
 * The freshness is a word as well as a colour ("● updated 3m ago", "⚠ stale · last update 14m ago").
 *
 * `listInterval`: whether to say how often the job list refreshes. Not on a job's detail, which
 * polls the job at its own pace and says so in its body: one screen, one interval.
 */
export function Header({
  services,
  title,
  width,
  listInterval = true,
}: {
  services: Services | null;
  title: string;
  width: number;
  listInterval?: boolean;
}) {
  const theme = useTheme();
  if (!services) {
    return (
      <Box width={width}>
        <Text bold color={theme.accent}>
          fizz-batch
        </Text>
        <Text color={theme.muted}> · {title}</Text>
      </Box>
    );
  }
  return <ConnectedHeader services={services} title={title} width={width} listInterval={listInterval} />;
}

function ConnectedHeader({
  services,
  title,
  width,
  listInterval,
}: {
  services: Services;
  title: string;
  width: number;
  listInterval: boolean;
}) {
  const theme = useTheme();
  const { poll, intervalMs, pollIntervalMs } = useObservable(services.jobs);
  const now = useCountdownNow(Boolean(poll.error) && poll.nextAt !== null);
  const { connection } = services;
  const who =
    connection.profile?.name ?? services.label ?? (connection.keySource === 'env' ? 'FIZZ_API_KEY' : 'no profile');
  // A key kept from this host is said in words, not as "no key" and then a 401.
  const withheld = services.label ? null : connection.keyWithheldShort;
  const key = services.label
    ? ''
    : withheld
      ? ` (no key: ${withheld})`
      : connection.keySource === 'none'
        ? ' (no key)'
        : connection.keySource === 'env' && connection.profile
          ? ' (key: env)'
          : '';

  // The tail is never cut: when the line is too long the rest gives way, not the retry countdown.
  // Nor is stale data's "⚠ stale · last update 14m ago": the reason to distrust the screen.
  // Stale against what the list waits now: off screen it refreshes slower than the interval chosen.
  const fresh = freshness(poll, now, Math.max(intervalMs, pollIntervalMs));
  const paused = listInterval && poll.paused && !fresh.stale;
  const every =
    !listInterval || fresh.stale || poll.updatedAt === null
      ? ''
      : paused
        ? ' · paused'
        : ` · every ${duration(intervalMs / 1000)}`;
  const state = { text: `${fresh.text}${every}`, tail: fresh.tail, tone: theme[fresh.tone] };

  // overflow hidden: Yoga rounds the two shrinking halves so that they can add up to one column
  // more than the width, and a 61-column line in a 60-column terminal wraps and shifts the frame.
  return (
    <Box width={width} overflow="hidden">
      <Box flexShrink={1} flexGrow={1}>
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            fizz-batch
          </Text>
          <Text> · {title} · </Text>
          <Text bold>{who}</Text>
          <Text color={withheld ? theme.warning : theme.muted}>{key}</Text>
          <Text color={theme.muted}> @ {hostOf(connection.baseURL)}</Text>
        </Text>
      </Box>
      {/* Stale data says so whole, with its age: the profile and host give way first. */}
      <Box flexShrink={fresh.stale ? 0 : 2} marginLeft={1}>
        {poll.inFlight ? <Spinner /> : null}
        <Text color={state.tone} wrap="truncate-end">
          {' '}
          {state.text}
        </Text>
      </Box>
      {state.tail ? (
        <Box flexShrink={0}>
          <Text color={state.tone}>{state.tail}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
