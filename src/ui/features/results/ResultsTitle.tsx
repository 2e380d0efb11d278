import { Box, Text } from 'ink';
import type { DocumentState } from '../../../core/results/types.js';
import type { FilterState, InputState, ResultsKind } from '../../../core/results/session/state.js';
import { errorMessage } from '../../format/errors.js';
import { formatBytes, formatCount, percent } from '../../format/numbers.js';
import { useTheme } from '../../theme/context.js';
import type { Tone } from '../../theme/theme.js';
import { fitFilename } from '../../format/fit.js';
import { keyLabel } from '../../keys/keymap.js';

export interface ResultsTitleProps {
  name: string;
  kind: ResultsKind;
  document: DocumentState;
  input: InputState;
  filter: FilterState | null;
  /** The record at the top (0-based line), and its place among the error lines when filtered. */
  cursor: number;
  filterIndex: number | null;
  raw: boolean;
  width: number;
}

/**
 * Two rows above the pager. The first: what the file is and where the reader is in it ("line
 * 1,234 of 50,000"). The second: how complete it is (a download in progress, resumed, or failed —
 * never passed off as the whole file), whether the input is joined (and if not, why), and the
 * errors-only filter.
 */
export function ResultsTitle(props: ResultsTitleProps) {
  const theme = useTheme();
  const { name, kind, document, width } = props;
  const where = position(props);
  const what = ` · ${kindLabel(kind)}${props.raw ? ' · raw' : ''}`;
  const nameRoom = Math.max(12, width - where.length - what.length - 2);
  const facts = statusFacts(props);
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width} overflow="hidden">
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <Text bold>{fitFilename(name, nameRoom)}</Text>
            <Text color={theme.muted}>{what}</Text>
          </Text>
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <Text bold={document.lines > 0}>{where}</Text>
        </Box>
      </Box>
      <Text wrap="truncate-end">
        {facts.map((fact, i) => (
          <Text key={i} color={theme[fact.tone]}>
            {i > 0 ? ' · ' : ''}
            {fact.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

function kindLabel(kind: ResultsKind): string {
  switch (kind) {
    case 'output':
      return 'output';
    case 'error':
      return 'errors';
    case 'input':
      return 'input (requests)';
    case 'results':
      return 'results';
  }
}

function position({ document, cursor, filter, filterIndex }: ResultsTitleProps): string {
  const lines = document.lines;
  if (lines === 0) return document.complete ? 'empty' : 'no lines yet';
  const of = `${formatCount(lines)}${document.complete ? '' : ' so far'}`;
  if (filter && filterIndex !== null)
    return `error ${formatCount(filterIndex + 1)} of ${formatCount(filter.matches)}${filter.done ? '' : '+'} · line ${formatCount(cursor + 1)}`;
  return `line ${formatCount(cursor + 1)} of ${of}`;
}

interface Fact {
  text: string;
  tone: Tone;
}

function statusFacts({ document, input, filter, kind }: ResultsTitleProps): Fact[] {
  const facts: Fact[] = [loadFact(document)];
  if (document.resumedFrom !== null && document.resumedFrom > 0)
    facts.push({ text: `resumed at ${formatBytes(document.resumedFrom)}`, tone: 'muted' });
  const joined = inputFact(input, kind);
  if (joined) facts.push(joined);
  if (filter) {
    const scanning = filter.done
      ? ''
      : `, scanning ${filter.progress ? share(filter.progress.scannedBytes, filter.progress.totalBytes) : '…'}`;
    facts.push({ text: `errors only: ${formatCount(filter.matches)} found${scanning} (x: all)`, tone: 'accent' });
  }
  return facts;
}

/** How much of the file is here: the whole of it, or how far its download or indexing is. */
function loadFact(document: DocumentState): Fact {
  if (document.error) {
    const got = document.totalBytes
      ? `${share(document.bytes, document.totalBytes)} of ${formatBytes(document.totalBytes)}`
      : formatBytes(document.bytes);
    // The way out first: a long error message is what gets cut.
    const retry = document.retryable === false ? '' : ` · ${retryKey} retries`;
    return { text: `✗ download stopped at ${got}${retry} · ${errorMessage(document.error)}`, tone: 'danger' };
  }
  if (document.complete) {
    const origin =
      document.origin === 'local' ? 'local file' : document.origin === 'cache' ? 'cached copy' : 'downloaded';
    return { text: `${origin} · ${formatBytes(document.totalBytes ?? document.bytes)}`, tone: 'muted' };
  }
  const amount = document.totalBytes ? share(document.bytes, document.totalBytes) : formatBytes(document.bytes);
  const doing = document.origin === 'network' ? 'downloading' : 'indexing';
  // A stall is said before the lines, so a narrow terminal cuts the count, not the way out.
  if (document.stalledMs)
    return {
      text: `${doing} ${amount} · ${stallText(document.stalledMs)} · ${formatCount(document.lines)} lines so far`,
      tone: 'warning',
    };
  return { text: `${doing} ${amount} · ${formatCount(document.lines)} lines so far`, tone: 'info' };
}

function inputFact(input: InputState, kind: ResultsKind): Fact | null {
  switch (input.status) {
    case 'off':
      return input.reason && kind !== 'input' ? { text: `input not joined: ${input.reason}`, tone: 'warning' } : null;
    case 'failed':
      return {
        text: `input not joined${input.retry ? ` (${retryKey} retries)` : ''}: ${input.reason}`,
        tone: 'warning',
      };
    case 'indexing': {
      const done = input.progress?.totalBytes
        ? share(input.progress.scannedBytes, input.progress.totalBytes)
        : `${formatCount(input.lines)} lines`;
      if (input.stalledMs) return { text: `input: indexing ${done}, ${stallText(input.stalledMs)}`, tone: 'warning' };
      return { text: `input: indexing ${done}`, tone: 'muted' };
    }
    case 'ready':
      return {
        text: `input joined (${formatCount(input.lines)} requests${input.duplicates > 0 ? `, ${formatCount(input.duplicates)} duplicate ids` : ''})`,
        tone: 'muted',
      };
    case 'carried':
      return { text: 'requests in the file (joined export)', tone: 'muted' };
  }
}

/** "no data for 20 s — r retries": a stalled download, and what to do about it. */
function stallText(stalledMs: number): string {
  return `no data for ${formatCount(Math.floor(stalledMs / 1000))} s — ${retryKey} retries`;
}

/** The pager's retry key (the same in the console's pager and the viewer). */
const retryKey = keyLabel('retry', 'results');

function share(part: number, whole: number | null): string {
  return whole ? percent(part, whole) : formatBytes(part);
}
