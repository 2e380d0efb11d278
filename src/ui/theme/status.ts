import type { Tone } from './theme.js';

/** How a job status is shown: always a word (and a symbol), never colour alone. */
export interface StatusLook {
  label: string;
  symbol: string;
  tone: Tone;
}

/**
 * The server is busy with the job but it is not running requests (validating, finalizing,
 * cancelling). Not `…`, which marks text cut short everywhere in the console: "… validating" read
 * as a cut-off word. ↻ is one cell wide in every terminal (not East Asian ambiguous, no emoji form).
 */
export const workingSymbol = '↻';

const looks: Record<string, StatusLook> = {
  validating: { label: 'validating', symbol: workingSymbol, tone: 'info' },
  in_progress: { label: 'in progress', symbol: '▸', tone: 'accent' },
  finalizing: { label: 'finalizing', symbol: workingSymbol, tone: 'info' },
  completed: { label: 'completed', symbol: '✓', tone: 'success' },
  failed: { label: 'failed', symbol: '✗', tone: 'danger' },
  expired: { label: 'expired', symbol: '!', tone: 'warning' },
  cancelling: { label: 'cancelling', symbol: workingSymbol, tone: 'warning' },
  cancelled: { label: 'cancelled', symbol: '⊘', tone: 'muted' },
};

/** Statuses a provider invents (pre_schedule, queued…) are shown as given, as not finished. */
export function statusLook(status: string): StatusLook {
  return looks[status] ?? { label: status.replaceAll('_', ' '), symbol: '?', tone: 'warning' };
}
