import type { Tone } from './theme.js';

/** How a job status is shown: always a word (and a symbol), never colour alone. */
export interface StatusLook {
  label: string;
  symbol: string;
  tone: Tone;
}

const looks: Record<string, StatusLook> = {
  validating: { label: 'validating', symbol: '…', tone: 'info' },
  in_progress: { label: 'in progress', symbol: '▸', tone: 'accent' },
  finalizing: { label: 'finalizing', symbol: '…', tone: 'info' },
  completed: { label: 'completed', symbol: '✓', tone: 'success' },
  failed: { label: 'failed', symbol: '✗', tone: 'danger' },
  expired: { label: 'expired', symbol: '!', tone: 'warning' },
  cancelling: { label: 'cancelling', symbol: '…', tone: 'warning' },
  cancelled: { label: 'cancelled', symbol: '⊘', tone: 'muted' },
};

/** Statuses a provider invents (pre_schedule, queued…) are shown as given, as not finished. */
export function statusLook(status: string): StatusLook {
  return looks[status] ?? { label: status.replaceAll('_', ' '), symbol: '?', tone: 'warning' };
}
