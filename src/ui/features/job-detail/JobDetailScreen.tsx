import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Batch } from '../../../api/index.js';
import { CancelDialog } from '../../kit/CancelDialog.js';
import { movementFor, scrollAfter, scrollWindow } from '../../kit/listCursor.js';
import { PagingLine } from '../../kit/PagingLine.js';
import { factLines, fileLines, metadataLines } from './DetailFacts.js';
import { headerLines, pollLabel, type PollLabel } from './DetailHeader.js';
import { ResubmitAgainDialog } from './ResubmitAgainDialog.js';
import { ResultsResubmitDialog } from '../../kit/ResultsResubmitDialog.js';
import { joinSections, type Line } from '../../kit/DetailLines.js';
import { errorLines } from './ErrorsByCode.js';
import { neverRanLine } from './NeverRanLine.js';
import { timelineLines } from './Timeline.js';
import { usageLines } from './Usage.js';
import { errorMessage } from '../../format/errors.js';
import { formatCount } from '../../format/numbers.js';
import { keyRefusedMessage } from '../../format/key-refused.js';
import { wrapKeepingTail } from '../../format/wrap-tail.js';
import { useCountdownNow } from '../../kit/useClock.js';
import { useCopyId } from '../../kit/useCopyId.js';
import { useJobDetail } from './useJobDetail.js';
import { useResubmitGuard } from './useResubmitGuard.js';
import { useResultsResubmit } from './useResultsResubmit.js';
import { useStateNotice } from './useStateNotice.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useServices } from '../../state/services-context.js';
import { keyLabel, type Command } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';
import { statusLook } from '../../theme/status.js';
import { missingFile, missingFileText } from '../../../core/jobs/missing-file.js';
import type { Theme } from '../../theme/theme.js';

const defaultIntervalMs = 5000;
/** At this width the details sit in two columns. */
const twoColumnWidth = 100;

export interface JobDetailScreenProps {
  id: string;
  /** What the list knew, painted before the first poll returns. */
  initial?: Batch;
  /** Poll interval (tests use a short one); the default is 5 s. */
  intervalMs?: number;
}

/**
 * One job, live: status and since when, counts and progress, rate and ETA, time
 * left, timeline, errors by code, files, tokens, metadata. The top rows stay put; the rest
 * scrolls when it is taller than the body, and only the visible rows are rendered.
 */
export function JobDetailScreen({ id, initial, intervalMs }: JobDetailScreenProps) {
  const theme = useTheme();
  const body = useBodySize();
  const { state, service } = useJobDetail(id, initial, intervalMs);
  // The shared clock ticks once a minute, and the true time is read whenever fresh data re-renders
  // the screen ("for 3m"); only while a retry is pending does its countdown move on its own.
  const now = useCountdownNow(Boolean(state.poll.error) && state.poll.nextAt !== null);
  const services = useServices();
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState(false);
  const [cancelRequested, setCancelRequested] = useState(false);
  const job = state.job;
  // Every notice here is about the job as it was when it was written ("no output file yet: it is
  // in progress"), so it goes when the job's status or files change.
  const [notice, setNotice] = useStateNotice(
    job ? `${job.status} ${job.outputFileId ?? ''} ${job.errorFileId ?? ''}` : 'loading',
  );
  const nav = useNavigation();
  const resubmit = useResultsResubmit(setNotice);
  const guard = useResubmitGuard(resubmit.start);
  const copyId = useCopyId();

  const poll = pollLabel(
    state,
    now,
    intervalMs ?? defaultIntervalMs,
    services ? (error) => keyRefusedMessage(error, services, 'detail') : undefined,
  );
  const header = job
    ? headerLines(state, job, poll, now, body.width, theme)
    : loadingLines(id, poll, body.width, theme);
  // What an expired or cancelled job left undone stays in view: it is what R is for.
  const never = job ? neverRanLine(job, theme) : null;
  if (never) header.push(never);
  // "Cancel requested" explains the cancelling status, so it goes when the status does.
  // A refusal that arrives after the dialog was closed (while it was still sending) is shown here.
  const lateError = !dialog && state.cancel.error ? `✗ Cancel failed: ${errorMessage(state.cancel.error)}` : null;
  const looking = guard.state?.status === 'looking' ? 'Looking for an earlier resubmit of this job…' : null;
  const noticeText =
    lateError ??
    looking ??
    (cancelRequested && job?.status === 'cancelling'
      ? 'Cancel sent: waiting for the server to say cancelled.'
      : notice);
  if (noticeText)
    header.push(...messageLines('notice', noticeText, '', body.width, lateError ? theme.danger : theme.warning));
  const content = job ? contentLines(job, state.throughput, now, body.width, theme) : [];
  // A blank row under the fixed rows, unless the terminal is short and every row counts.
  if (content.length > 0 && body.height >= 16) content.unshift({ key: 'gap-top', node: <Text> </Text> });

  const view = scrollWindow(content.length, body.height - header.length, offset);

  useCommands(
    'detail',
    (command) => {
      if (command !== 'cancelJob') setNotice(null);
      if (state.cancel.error) service?.dismissCancelError();
      switch (command) {
        case 'back':
          return false;
        case 'refresh':
          service?.refreshNow();
          return true;
        case 'openOutput':
        case 'openErrors': {
          const which = command === 'openOutput' ? 'output' : 'error';
          if (!job) setNotice('The job has not loaded yet.');
          else if ((which === 'output' ? job.outputFileId : job.errorFileId) === null)
            setNotice(noFileText(job, which));
          else nav.push({ name: 'results', source: { kind: 'job', job, file: which } });
          return true;
        }
        case 'copyId':
          setNotice(copyId(id));
          return true;
        case 'resubmit':
          if (!job) setNotice('The job has not loaded yet.');
          else if (job.statusClass !== 'terminal')
            setNotice(
              `${keyLabel('resubmit', 'detail')} works on a finished job; this one is ${statusLook(job.status).label}.`,
            );
          else if (!resubmittable(job)) setNotice('Nothing to resubmit: every request succeeded.');
          else guard.check(job);
          return true;
        case 'cancelJob':
          if (!job) setNotice('The job has not loaded yet.');
          else if (job.statusClass === 'terminal')
            setNotice(`This job is ${statusLook(job.status).label}; there is nothing to cancel.`);
          else if (job.status === 'cancelling') setNotice('This job is already cancelling.');
          else {
            setNotice(null);
            setDialog(true);
          }
          return true;
        default: {
          const movement = movementFor(command, view.visible);
          // Functional update: keys that arrive in one chunk ("jjj") are dispatched before a re-render.
          if (movement) setOffset((o) => scrollAfter(o, movement, view.maxTop));
          return movement !== null;
        }
      }
    },
    true,
    unavailableOn(job),
  );

  if (guard.state?.status === 'asking') {
    return (
      <Box width={body.width} height={body.height} flexDirection="column" justifyContent="center" alignItems="center">
        <ResubmitAgainDialog
          job={guard.state.job}
          previous={guard.state.previous}
          onConfirm={guard.confirm}
          onClose={guard.close}
        />
      </Box>
    );
  }

  if (resubmit.state && job) {
    return (
      <Box width={body.width} height={body.height} flexDirection="column" justifyContent="center" alignItems="center">
        <ResultsResubmitDialog
          jobId={job.id}
          state={resubmit.state}
          onCancel={resubmit.cancel}
          onContinue={resubmit.proceed}
          onClose={resubmit.close}
        />
      </Box>
    );
  }

  if (dialog && job) {
    const close = () => {
      service?.dismissCancelError();
      setDialog(false);
    };
    const confirm = () => {
      void service?.cancel().then((ok) => {
        if (ok) {
          setDialog(false);
          setCancelRequested(true);
        }
      });
    };
    return (
      <Box width={body.width} height={body.height} flexDirection="column" justifyContent="center" alignItems="center">
        <CancelDialog
          job={job}
          busy={state.cancel.inFlight}
          error={state.cancel.error ? errorMessage(state.cancel.error) : null}
          onConfirm={confirm}
          onClose={close}
        />
      </Box>
    );
  }

  const shown = content.slice(view.top, view.top + view.visible);
  return (
    <Box flexDirection="column" width={body.width} height={body.height} overflow="hidden">
      {header.map((line) => (
        <Box key={line.key} height={1} width={body.width}>
          {line.node}
        </Box>
      ))}
      {shown.map((line) => (
        <Box key={line.key} height={1} width={body.width}>
          {line.node}
        </Box>
      ))}
      <PagingLine window={view} shown={shown.length} total={content.length} keys="j/k PgUp/PgDn g/G" />
    </Box>
  );
}

/** The detail's keys that do nothing on this job now: the footer and the help leave them out. */
function unavailableOn(job: Batch | null): Command[] {
  if (!job) return ['cancelJob', 'openOutput', 'openErrors', 'resubmit'];
  const out: Command[] = [];
  if (job.statusClass === 'terminal' || job.status === 'cancelling') out.push('cancelJob');
  if (job.outputFileId === null) out.push('openOutput');
  if (job.errorFileId === null) out.push('openErrors');
  if (!resubmittable(job)) out.push('resubmit');
  return out;
}

/** R has something to do: a finished job with requests that failed or never ran. */
function resubmittable(job: Batch): boolean {
  return (
    job.statusClass === 'terminal' &&
    !(
      job.status === 'completed' &&
      job.requestCounts.failed === 0 &&
      job.requestCounts.completed >= job.requestCounts.total
    )
  );
}

/** Why `o` or `e` has nothing to open, in words (a completed job may have only an error file). */
function noFileText(job: Batch, which: 'output' | 'error'): string {
  const missing = missingFile(job, which);
  if (!missing) return '';
  return missingFileText(missing, which, 'This job', {
    status: statusLook(job.status).label,
    errorsHint: job.errorFileId ? `${keyLabel('openErrors', 'detail')} shows the errors` : null,
    count: formatCount,
  });
}

function loadingLines(id: string, poll: PollLabel, width: number, theme: Theme): Line[] {
  const title: Line = {
    key: 'title',
    node: (
      <Text bold wrap="truncate-end">
        {id}
      </Text>
    ),
  };
  if (!poll.stale) return [title, { key: 'loading', node: <Text color={theme.muted}>loading…</Text> }];
  return [title, ...messageLines('loading', poll.text, poll.tail ?? '', width, theme[poll.tone])];
}

/** A message read whole: up to two rows, then cut, its tail (a countdown) never. */
function messageLines(key: string, text: string, tail: string, width: number, color: string | undefined): Line[] {
  return wrapKeepingTail(text, tail, width, 2).map((row, i) => ({
    key: `${key}-${i}`,
    node: (
      <Text color={color} wrap="truncate-end">
        {row}
      </Text>
    ),
  }));
}

/**
 * Everything below the fixed rows. Wide terminals get two columns (what the job is and when it
 * happened on the left, what went wrong and what it cost on the right), paired row by row so the
 * same slice scrolls both.
 */
function contentLines(
  job: Batch,
  throughput: Parameters<typeof factLines>[1],
  now: number,
  width: number,
  theme: Theme,
): Line[] {
  const facts = factLines(job, throughput, now, theme);
  const timeline = timelineLines(job, now, theme);
  const files = fileLines(job, theme);
  const gutter = 2;
  // Half the width, so the left column grows with the terminal and shows a model name, an ETA and
  // file ids whole at 120 columns; error messages on the right wrap rather than being cut.
  const leftWidth = Math.min(80, Math.max(46, Math.floor((width - gutter) / 2)));
  const rightWidth = width - gutter - leftWidth;
  const twoColumns = width >= twoColumnWidth;
  const errors = errorLines(job, theme, twoColumns ? rightWidth : width);
  const usage = usageLines(job.usage, theme);
  const metadata = metadataLines(job, theme);
  const right = joinSections([errors, usage, metadata]);
  if (!twoColumns || right.length === 0) return joinSections([facts, timeline, files, errors, usage, metadata]);

  const left = joinSections([facts, timeline, files]);
  const rows: Line[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i];
    const r = right[i];
    rows.push({
      key: `row-${l?.key ?? ''}-${r?.key ?? ''}-${i}`,
      node: (
        <Box width={width}>
          <Box width={leftWidth} marginRight={gutter}>
            {l?.node ?? <Text> </Text>}
          </Box>
          <Box width={rightWidth}>{r?.node ?? <Text> </Text>}</Box>
        </Box>
      ),
    });
  }
  return rows;
}
