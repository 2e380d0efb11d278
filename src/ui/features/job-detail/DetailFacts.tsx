import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Batch } from '../../../api/index.js';
import type { Throughput } from '../../../core/jobs/throughput.js';
import { formatCount, rate } from '../../format/numbers.js';
import { duration, localDateTime } from '../../format/time.js';
import type { Theme } from '../../theme/theme.js';
import { heading, printable, type Line } from '../../kit/DetailLines.js';
import { KeyValue } from '../../kit/KeyValue.js';

const labelWidth = 10;

function row(key: string, label: string, value: ReactNode): Line {
  return {
    key,
    node: (
      <KeyValue label={label} labelWidth={labelWidth}>
        {value}
      </KeyValue>
    ),
  };
}

/** When the job stopped running, for "ran 12m". */
function endOfRun(job: Batch): number | null {
  return job.finalizingAt ?? job.cancellingAt ?? job.completedAt ?? job.failedAt ?? job.expiredAt ?? job.cancelledAt;
}

/**
 * Speed, ETA, time left until expiry, and what the job runs. A running job's rate comes from
 * successive polls (from the first one: since it started running); a finished one shows how long it ran instead.
 */
export function factLines(job: Batch, throughput: Throughput | null, nowMs: number, theme: Theme): Line[] {
  const rows: Line[] = [];
  const terminal = job.statusClass === 'terminal';
  const done = job.requestCounts.completed + job.requestCounts.failed;
  const end = endOfRun(job);
  if (terminal || (job.status !== 'in_progress' && job.inProgressAt !== null && end !== null)) {
    if (job.inProgressAt !== null && end !== null && end >= job.inProgressAt) {
      const seconds = end - job.inProgressAt;
      const average = seconds > 0 && done > 0 ? ` · ${rate(done / seconds)} average` : '';
      rows.push(row('ran', 'Ran', `${duration(seconds)}${average}`));
    }
  } else {
    const eta = throughput?.etaSeconds ?? null;
    const etaText =
      eta === null
        ? '—'
        : eta === 0
          ? 'any moment'
          : `${duration(eta)} (about ${aboutTime(nowMs / 1000 + eta, nowMs)})`;
    const late = eta !== null && job.expiresAt !== null && nowMs / 1000 + eta > job.expiresAt;
    rows.push(
      row(
        'rate',
        'Rate',
        <>
          {throughput && throughput.perSecond > 0 ? rate(throughput.perSecond) : '—'}
          {' · ETA '}
          {etaText}
        </>,
      ),
    );
    // On its own row, so the ETA beside it is never cut to make room for it.
    if (late) rows.push(row('eta-late', '', <Text color={theme.warning}>! that is after the expiry</Text>));
  }
  if (!terminal && job.expiresAt !== null) {
    const left = job.expiresAt - nowMs / 1000;
    rows.push(
      row(
        'expires',
        'Expires',
        left > 0 ? (
          <>
            {`in ${duration(left)}`}
            <Text color={theme.muted}>{`  ${localDateTime(job.expiresAt)}`}</Text>
          </>
        ) : (
          <Text
            color={theme.warning}
          >{`expired ${localDateTime(job.expiresAt)} (the server has not said so yet)`}</Text>
        ),
      ),
    );
  }
  rows.push(row('endpoint', 'Endpoint', job.endpoint || '—'));
  // A server leaves `model` out until it has read the file, and the built-in one (fizz flavour)
  // for a file naming several models: said so, rather than a row that silently goes missing.
  const noModel =
    job.status === 'validating'
      ? '— not known until the server has read the file'
      : '— not named by the server (a file may use several models)';
  rows.push(row('model', 'Model', job.model ? printable(job.model) : <Text color={theme.muted}>{noModel}</Text>));
  if (job.completionWindow) rows.push(row('window', 'Window', job.completionWindow));
  return rows;
}

/** Input, output and error file ids, saying plainly why one is missing. */
export function fileLines(job: Batch, theme: Theme): Line[] {
  const terminal = job.statusClass === 'terminal';
  const none = (text: string) => <Text color={theme.muted}>{text}</Text>;
  const missing = terminal ? '— (none)' : '— (none yet)';
  let output: ReactNode = job.outputFileId ?? none(missing);
  // A completed job without an output file is the "every request failed" case: said on its own
  // row, so it is never cut off in a narrow column.
  let explanation: Line | null = null;
  if (!job.outputFileId && job.status === 'completed') {
    const { completed } = job.requestCounts;
    output = none('— (none)');
    const text =
      completed > 0
        ? `the server gave none, although ${formatCount(completed)} completed`
        : 'every request failed — see the error file';
    explanation = {
      key: 'file-output-why',
      node: <Text color={theme.warning} wrap="truncate-end">{`    ${text}`}</Text>,
    };
  }
  const line = (key: string, label: string, value: ReactNode): Line => ({
    key: `file-${key}`,
    node: (
      <KeyValue label={label} labelWidth={8} indent={2}>
        {value}
      </KeyValue>
    ),
  });
  return [
    heading('files', 'Files', theme),
    line('input', 'input', job.inputFileId ?? none('— (none)')),
    line('output', 'output', output),
    ...(explanation ? [explanation] : []),
    line('error', 'error', job.errorFileId ?? none(missing)),
  ];
}

/** Metadata as the user set it, key by key. */
export function metadataLines(job: Batch, theme: Theme): Line[] {
  const entries = Object.entries(job.metadata);
  if (entries.length === 0) return [];
  const width = Math.min(18, Math.max(...entries.map(([k]) => k.length)) + 2);
  return [
    heading('metadata', 'Metadata', theme),
    ...entries.map(([key, value]) => ({
      key: `meta-${key}`,
      node: (
        <KeyValue label={printable(key)} labelWidth={width} indent={2}>
          {printable(value)}
        </KeyValue>
      ),
    })),
  ];
}

/** 14:05 today, 2026-11-27 14:05 on another day: an estimate needs no seconds. */
function aboutTime(unixSeconds: number, nowMs: number): string {
  const full = localDateTime(Math.round(unixSeconds));
  return full.slice(0, 10) === localDateTime(Math.floor(nowMs / 1000)).slice(0, 10)
    ? full.slice(11, 16)
    : full.slice(0, 16);
}
