import type { ResultsState } from '../../../core/results/session/state.js';
import { formatCount } from '../../format/numbers.js';
import { keyLabel, type Command } from '../../keys/keymap.js';

/**
 * The job behind a pager opened from its detail (`o`, `e`): which file is shown and which the
 * job has, so the pager can offer the other one and say where the failures are.
 */
export interface PagerJobFiles {
  showing: 'output' | 'error';
  hasOutput: boolean;
  hasError: boolean;
  /** The job's failed count as the server reported it (already made sane by the counts model). */
  failed: number;
}

/** A pager key that does nothing on what is shown, and what pressing it says instead. */
export type PagerUnavailable = ReadonlyMap<Command, string>;

/**
 * The pager's keys that do nothing on this file, with the reason each says when pressed anyway.
 * The footer and the help leave them out (one rule for every screen: offer only what works).
 */
export function pagerUnavailable(
  state: Pick<ResultsState, 'kind' | 'input'>,
  job: PagerJobFiles | null,
): PagerUnavailable {
  const out = new Map<Command, string>();
  const errorsElsewhere = job?.showing === 'output' && job.hasError;
  if (state.kind === 'input') {
    const why = 'An input file holds requests, not results: it has no error lines.';
    out.set('nextError', why);
    out.set('errorsOnly', why);
  } else if (errorsElsewhere) {
    // The provider put the failures in their own file (OpenAI and the built-in server do): the
    // output file holds only answers, so E and x would scan it for nothing.
    const why = `${failuresText(job.failed)} in the error file: ${keyLabel('openErrors', 'results')} opens it.`;
    out.set('nextError', why);
    out.set('errorsOnly', why);
  }
  if (state.kind === 'input') out.set('inputPanel', 'This is the input file: each record is its own request.');
  else if (state.input.status === 'off')
    out.set('inputPanel', state.input.reason ?? 'No input file is joined to this one.');
  if (!(job?.showing === 'error' && job.hasOutput))
    out.set('openOutput', job ? 'This job has no output file.' : 'This file belongs to no job.');
  if (!errorsElsewhere)
    out.set(
      'openErrors',
      job
        ? job.showing === 'error'
          ? 'This is the error file.'
          : 'This job has no error file.'
        : 'This file belongs to no job.',
    );
  return out;
}

function failuresText(failed: number): string {
  if (failed === 1) return 'The 1 failure is';
  if (failed > 1) return `The ${formatCount(failed)} failures are`;
  return 'Failures are';
}
