import { messageOf, plural } from '../../../api/index.js';
import type { DocumentState, LineDocument } from '../types.js';
import { share } from './format.js';
import { retryable } from './retry.js';
import type { InputIndex } from '../input-index.js';
import type { ResultRecord } from '../record/types.js';
import type { InputState, ResultsKind, ResultsState } from './state.js';

// Small decisions of the results session (session.ts) about its documents, and the words for them.

export function followingNotice(document: DocumentState): string {
  const how = document.origin === 'network' ? `downloading, ${share(document)}` : `indexing, ${share(document)}`;
  return `Following the end as it arrives (${how}); any move stops.`;
}

/** A name like batch_abc_error.jsonl says error; otherwise results until the first line says more. */
export function guessKind(name: string): ResultsKind {
  if (/error/i.test(name)) return 'error';
  if (/output/i.test(name)) return 'output';
  return 'results';
}

/** "the job's input file is gone" for a 404; the error's own words otherwise. */
export function inputFailure(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404) return "the job's input file is gone";
  return `the input file could not be read: ${messageOf(error)}`;
}

/** The joined input as the title area shows it: being indexed, ready, or failed (and whether r retries it). */
export function inputStateOf(input: { document: LineDocument; index: InputIndex }): InputState {
  const { index, document } = input;
  const state = index.getState();
  const docState = document.getState();
  if (state.error || (docState.error && docState.lines === 0)) {
    return {
      status: 'failed',
      reason: inputFailure(state.error ?? docState.error),
      retry: retryable(document) !== null,
    };
  }
  if (state.done) return { status: 'ready', lines: state.indexedLines, duplicates: state.duplicates };
  return {
    status: 'indexing',
    lines: state.indexedLines,
    progress: state.progress,
    stalledMs: docState.stalledMs ?? null,
  };
}

/** `:` past the last line: where the reader lands and why (the file is shorter, or still arriving). */
export function pastTheEnd(wanted: number, document: DocumentState): string {
  const have = plural(document.lines, 'line', { grouped: true });
  return document.complete
    ? `Line ${wanted.toLocaleString('en-US')} is past the end: the file has ${have}; showing the last.`
    : `Line ${wanted.toLocaleString('en-US')} has not arrived yet: ${have} so far; showing the last.`;
}

/**
 * What the first record tells about the file: its kind (`guess`: the caller did not say it, and
 * the name may not have), and whether it carries its own requests (a joined export).
 */
export function whatTheFirstRecordSays(
  firstRecord: ResultRecord | undefined,
  state: Pick<ResultsState, 'kind' | 'input'>,
  guess: boolean,
): Partial<ResultsState> {
  const patch: Partial<ResultsState> = {};
  if (guess) {
    // The first line says what the file is, unless its name said it already. An error first
    // says little: output files of some servers (vLLM) hold errors too.
    const first = firstRecord?.kind;
    if (first === 'input') patch.kind = 'input';
    else if (first === 'output' && state.kind === 'results') patch.kind = 'output';
  }
  // The file says it holds its requests (a joined export): the title says so instead of "not joined".
  if (
    state.input.status === 'off' &&
    firstRecord &&
    (firstRecord.kind === 'output' || firstRecord.kind === 'error') &&
    firstRecord.joinedRequest !== undefined
  ) {
    patch.input = { status: 'carried' };
  }
  return patch;
}
