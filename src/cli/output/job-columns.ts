import type { Batch } from '../../api/index.js';
import { formatCount } from '../../ui/format/numbers.js';
import { localDateTime } from '../../ui/format/time.js';
import { statusLook } from '../../ui/theme/status.js';
import type { Column } from './table.js';

/**
 * The job table of `list`: on a terminal as a person reads it (status words, local times, grouped
 * numbers); piped, as a program reads it (OpenAI's status, ISO 8601 UTC times, plain numbers).
 */
export function jobColumns(forPeople: boolean): Column<Batch>[] {
  const number = (n: number) => (forPeople ? formatCount(n) : String(n));
  return [
    { title: 'ID', cell: (job) => job.id },
    {
      title: 'STATUS',
      cell: (job) => (forPeople ? `${statusLook(job.status).symbol} ${statusLook(job.status).label}` : job.status),
    },
    {
      title: 'DONE',
      cell: (job) =>
        `${number(job.requestCounts.completed + job.requestCounts.failed)}/${number(job.requestCounts.total)}`,
      align: 'right',
    },
    { title: 'FAILED', cell: (job) => number(job.requestCounts.failed), align: 'right' },
    {
      title: 'CREATED',
      cell: (job) =>
        job.createdAt === null
          ? ''
          : forPeople
            ? localDateTime(job.createdAt).slice(0, 16)
            : new Date(job.createdAt * 1000).toISOString(),
      optional: true,
    },
    { title: 'MODEL', cell: (job) => job.model ?? '', flexible: true },
    { title: 'DESCRIPTION', cell: (job) => job.metadata['description'] ?? '', flexible: true },
  ];
}
