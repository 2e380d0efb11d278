import { Box, Text } from 'ink';
import type { Batch } from '../../../api/index.js';
import { countsProblem } from '../../../core/jobs/counts.js';
import type { JobDetailState } from '../../../core/jobs/job-detail.js';
import { errorMessage } from '../../format/errors.js';
import { formatCount, percent } from '../../format/numbers.js';
import { retryTail } from '../../format/freshness.js';
import { coarseDuration, duration, localDateTime, updateAge } from '../../format/time.js';
import { wrapKeepingTail } from '../../format/wrap-tail.js';
import type { Theme } from '../../theme/theme.js';
import { printable, type Line } from '../../kit/DetailLines.js';
import { ProgressBar } from '../../kit/ProgressBar.js';
import { StatusText } from '../../kit/StatusText.js';

const enteredField: Record<string, keyof Batch> = {
  validating: 'createdAt',
  in_progress: 'inProgressAt',
  finalizing: 'finalizingAt',
  completed: 'completedAt',
  failed: 'failedAt',
  expired: 'expiredAt',
  cancelling: 'cancellingAt',
  cancelled: 'cancelledAt',
};

/** When the job entered its current status (unix seconds): the server's timestamp, else when we first saw it. */
export function statusEnteredAt(job: Batch, seenAtMs: number | null): number | null {
  const field = enteredField[job.status];
  const at = field ? job[field] : null;
  if (typeof at === 'number') return at;
  return seenAtMs === null ? null : Math.floor(seenAtMs / 1000);
}

/** 14:03:07 today, the full date otherwise. */
export function clockTime(unixSeconds: number, nowMs: number): string {
  const full = localDateTime(unixSeconds);
  return full.slice(0, 10) === localDateTime(Math.floor(nowMs / 1000)).slice(0, 10)
    ? full.slice(11)
    : full.slice(0, 16);
}

export interface PollLabel {
  text: string;
  /** Said after the text and never cut from it: the retry countdown of a failed poll, the keys to press. */
  tail?: string;
  tone: 'muted' | 'danger' | 'success' | 'warning';
  /** The numbers shown are not current (a failed poll, polling stopped): said on rows of its own. */
  stale?: boolean;
}

/**
 * What the poller is doing, in words: "polling every 5s", "final — not polled", "⚠ stale · last
 * update 3m ago: … · retrying in 12s", or a refused key (`keyRefused` words it: polling stopped).
 */
export function pollLabel(
  state: JobDetailState,
  nowMs: number,
  fallbackIntervalMs: number,
  keyRefused?: (error: unknown) => { text: string; tail: string },
): PollLabel {
  const { poll, job } = state;
  if (poll.halted && keyRefused) return { ...keyRefused(poll.error), tone: 'danger', stale: true };
  if (poll.error) {
    const tail = retryTail(poll, nowMs);
    if (!job) return { text: `✗ offline: ${errorMessage(poll.error)}`, tail, tone: 'danger', stale: true };
    const since = poll.updatedAt === null ? '' : ` · last update ${updateAge(poll.updatedAt, nowMs)}`;
    return { text: `⚠ stale${since}: ${errorMessage(poll.error)}`, tail, tone: 'warning', stale: true };
  }
  if (job && job.statusClass === 'terminal' && !state.cancel.inFlight && (poll.finished || !poll.inFlight))
    return { text: 'final — not polled', tone: 'muted' };
  if (poll.updatedAt === null) return { text: 'loading…', tone: 'muted' };
  const interval =
    poll.nextAt !== null ? Math.max(fallbackIntervalMs, poll.nextAt - poll.updatedAt) : fallbackIntervalMs;
  return { text: `polling every ${duration(interval / 1000)}`, tone: 'success' };
}

/**
 * The rows that stay put while the rest scrolls: which job, its status and since when, whether
 * the numbers are live, and the progress.
 */
export function headerLines(
  state: JobDetailState,
  job: Batch,
  poll: PollLabel,
  nowMs: number,
  width: number,
  theme: Theme,
): Line[] {
  const rows: Line[] = [];
  const description = job.metadata['description'];
  rows.push({
    key: 'title',
    node: (
      <Text wrap="truncate-end">
        <Text bold>{job.id}</Text>
        {description ? <Text>{`  ${printable(description)}`}</Text> : null}
      </Text>
    ),
  });

  const entered = statusEnteredAt(job, state.statusSeenAtMs);
  const terminal = job.statusClass === 'terminal';
  let since = '';
  if (entered !== null) {
    const elapsed = nowMs / 1000 - entered;
    const ago = coarseDuration(Math.max(0, elapsed));
    // A time ahead of the clock (skew, or a server's absurd date) says so rather than "<1m ago".
    if (elapsed < -60)
      since = ` at ${clockTime(entered, nowMs)} (in ${coarseDuration(-elapsed)}, by the server's clock)`;
    else
      since = terminal
        ? ` at ${clockTime(entered, nowMs)} (${ago} ago)`
        : ` since ${clockTime(entered, nowMs)} (for ${ago})`;
  }
  const stale = poll.stale === true;
  rows.push({
    key: 'status',
    node: (
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate-end">
            <StatusText job={job} />
            {since}
          </Text>
        </Box>
        {stale ? null : (
          <Box flexShrink={0} marginLeft={2}>
            <Text color={theme[poll.tone]}>{poll.text}</Text>
          </Box>
        )}
      </Box>
    ),
  });
  // The whole message on up to two rows, and the retry countdown always.
  if (stale) {
    wrapKeepingTail(poll.text, poll.tail ?? '', width, 2).forEach((text, i) =>
      rows.push({
        key: `stale-${i}`,
        node: (
          <Text color={theme[poll.tone]} wrap="truncate-end">
            {text}
          </Text>
        ),
      }),
    );
  }

  const { total, completed, failed } = job.requestCounts;
  const done = completed + failed;
  const pct = percent(done, total);
  const tail = ` ${pct.padStart(4)}  ${formatCount(done)}/${formatCount(total)}`;
  rows.push({
    key: 'bar',
    node: (
      <Text wrap="truncate-end">
        <ProgressBar completed={completed} failed={failed} total={total} width={Math.max(10, width - tail.length)} />
        {tail}
      </Text>
    ),
  });
  const left = Math.max(0, total - done);
  rows.push({
    key: 'counts',
    node: (
      <Text wrap="truncate-end">
        {`${formatCount(total)} total · `}
        <Text color={theme.success}>{`${formatCount(completed)} completed`}</Text>
        {' · '}
        <Text color={failed > 0 ? theme.danger : undefined}>{`${formatCount(failed)} failed`}</Text>
        {terminal || total === 0 || job.status === 'cancelling' ? '' : ` · ${formatCount(left)} to go`}
      </Text>
    ),
  });
  const problem = countsProblem(job.requestCounts);
  if (problem)
    rows.push({ key: 'counts-problem', node: <Text color={theme.warning} wrap="truncate-end">{`⚠ ${problem}`}</Text> });
  if (job.problem)
    rows.push({
      key: 'job-problem',
      node: (
        <Text color={theme.warning} wrap="truncate-end">{`⚠ The server sent this job broken: ${job.problem}`}</Text>
      ),
    });
  return rows;
}
