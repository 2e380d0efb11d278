import { plural, pluralWord, toWireBatch, type Batch } from '../../api/index.js';
import { JOB_STATUSES } from '../../api/statuses.js';
import { UsageError } from '../errors.js';
import { connectCommand } from '../connect.js';
import type { ParsedCommand } from '../framework/spec.js';
import { jobColumns } from '../output/job-columns.js';
import { renderTable } from '../output/table.js';
import { writeJson } from '../output/json.js';
import { jsonOutput, parseInteger } from '../options.js';
import { terminalWidth } from '../output/terminal.js';

/** `fizz-batch list`: the newest jobs first, as a table or JSON. */
export async function runList({ values }: ParsedCommand): Promise<number> {
  const limit = typeof values.limit === 'string' ? parseInteger('--limit', values.limit, 1, 100_000) : 20;
  const wanted = typeof values.status === 'string' ? parseStatuses(values.status) : null;
  const all = values.all === true;
  const { json, keepRaw } = jsonOutput(values);
  const { client } = connectCommand(values);

  // The same bounded, stop-on-repeat pager as the console's list; a status filter reads on until
  // it has found `limit` jobs or the server has no more.
  const pager = client.batchPager({ limit: Math.min(100, all ? 100 : Math.max(limit, 20)), keepRaw });
  const jobs: Batch[] = [];
  let unreadable = 0;
  while (all || jobs.length < limit) {
    const page = await pager.next();
    if (page === null) break;
    unreadable += pager.lastUnreadable?.count ?? 0;
    for (const job of page) if (!wanted || wanted.has(job.status)) jobs.push(job);
    if (pager.done) break;
  }
  const shown = all ? jobs : jobs.slice(0, limit);
  if (unreadable > 0)
    process.stderr.write(
      `fizz-batch: ${plural(unreadable, 'job')} the server sent could not be read and ${pluralWord(unreadable, 'is', 'are')} left out (${pager.lastUnreadable?.reason ?? 'no id'}).\n`,
    );
  if (pager.stopReason === 'repeat')
    process.stderr.write('fizz-batch: the server sent the same jobs again; stopped paging there.\n');
  if (json) writeJson(shown.map(toWireBatch));
  else if (shown.length === 0) process.stderr.write(wanted ? 'No jobs with that status.\n' : 'No batch jobs yet.\n');
  else process.stdout.write(await renderTable(shown, jobColumns(terminalWidth() !== null), terminalWidth()));
  return 0;
}

function parseStatuses(raw: string): Set<string> {
  const given = raw
    .split(',')
    .map((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    )
    .filter((s) => s !== '');
  const unknown = given.filter((s) => !JOB_STATUSES.includes(s));
  if (given.length === 0 || unknown.length > 0)
    throw new UsageError(`--status takes statuses separated by commas (${JOB_STATUSES.join(', ')}); got '${raw}'.`);
  return new Set(given);
}
