import type { Batch } from '../../api/index.js';

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

/** Case-insensitive match on what a row shows: id, status, endpoint, model and metadata. */
export function matchesText(job: Batch, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  const haystack = [job.id, job.status, job.endpoint, job.model ?? '', job.inputFileId ?? '', ...Object.values(job.metadata)].join('\n').toLowerCase();
  return haystack.includes(needle);
}

export function filterJobs(jobs: readonly Batch[], filter: { text: string; group: StatusGroup }): Batch[] {
  return jobs.filter((job) => inGroup(job, filter.group) && matchesText(job, filter.text));
}

export function nextGroup(group: StatusGroup): StatusGroup {
  return statusGroups[(statusGroups.indexOf(group) + 1) % statusGroups.length]!;
}
