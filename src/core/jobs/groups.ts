import type { Batch } from '../../api/index.js';
import { everyRequestFailed } from './outcome.js';

/** The status groups the job list cycles through. */
export const statusGroups = ['all', 'active', 'completed', 'ended'] as const;
export type StatusGroup = (typeof statusGroups)[number];

export const statusGroupLabels: Record<StatusGroup, string> = {
  all: 'all',
  active: 'active',
  completed: 'completed',
  ended: 'failed/expired/cancelled',
};

export function inGroup(job: Batch, group: StatusGroup): boolean {
  switch (group) {
    case 'all':
      return true;
    case 'active':
      // Statuses a provider invents (pre_schedule…) are not finished, so they count as active.
      return job.statusClass !== 'terminal';
    case 'completed':
      return job.status === 'completed';
    case 'ended':
      return job.status === 'failed' || job.status === 'expired' || job.status === 'cancelled';
  }
}

/** `in_progress`, `in-progress` and `In Progress` are one status. */
function statusKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Case-insensitive match on what a row shows: id, status (as the API writes it and as the row
 * does, "in progress"), endpoint, model and metadata. `status:failed` or
 * `status:in_progress,failed` narrows by status; the other words of the text match as a phrase.
 */
export function matchesText(job: Batch, text: string): boolean {
  const words = text.trim().split(/\s+/);
  const statusWords = words.filter((w) => /^status:/i.test(w));
  const wanted = statusWords
    .flatMap((w) => w.slice('status:'.length).split(','))
    .map(statusKey)
    .filter(Boolean);
  if (wanted.length > 0 && !wanted.includes(statusKey(job.status))) return false;
  const needle = words
    .filter((w) => !/^status:/i.test(w))
    .join(' ')
    .toLowerCase();
  if (needle === '') return true;
  const shownStatus = job.status.replaceAll('_', ' ') + (everyRequestFailed(job) ? ' · all failed' : '');
  const haystack = [
    job.id,
    job.status,
    shownStatus,
    job.endpoint,
    job.model ?? '',
    job.inputFileId ?? '',
    ...Object.values(job.metadata),
  ]
    .join('\n')
    .toLowerCase();
  return haystack.includes(needle);
}

export function filterJobs(jobs: readonly Batch[], filter: { text: string; group: StatusGroup }): Batch[] {
  return jobs.filter((job) => inGroup(job, filter.group) && matchesText(job, filter.text));
}

export function nextGroup(group: StatusGroup): StatusGroup {
  return statusGroups[(statusGroups.indexOf(group) + 1) % statusGroups.length]!;
}
