import { describe, expect, it } from 'vitest';
import { Pager, type Batch, type Page } from '../../src/api/index.js';
import { filterJobs, matchesText } from '../../src/core/jobs/groups.js';
import { JobListService } from '../../src/core/jobs/job-list.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { waitFor } from '../support/wait.js';

const now = Math.floor(Date.now() / 1000);
const running = makeBatch({ id: 'batch_run', status: 'in_progress' });
const failed = makeBatch({ id: 'batch_bad', status: 'failed' });
const done = makeBatch({ id: 'batch_ok', status: 'completed', requestCounts: { total: 3, completed: 3, failed: 0 } });
const allFailed = makeBatch({
  id: 'batch_allbad',
  status: 'completed',
  requestCounts: { total: 3, completed: 0, failed: 3 },
});

describe('the job filter', () => {
  it('matches the status words as the list shows them', () => {
    expect(matchesText(running, 'in progress')).toBe(true);
    expect(matchesText(running, 'In Progress')).toBe(true);
    expect(matchesText(running, 'in_progress')).toBe(true);
    expect(matchesText(done, 'in progress')).toBe(false);
    expect(matchesText(allFailed, 'all failed')).toBe(true);
    expect(matchesText(done, 'all failed')).toBe(false);
  });

  it('narrows by status with status:…, alone or beside text', () => {
    const jobs = [running, failed, done, allFailed];
    expect(filterJobs(jobs, { text: 'status:failed', group: 'all' }).map((j) => j.id)).toEqual(['batch_bad']);
    expect(filterJobs(jobs, { text: 'status:in_progress,failed', group: 'all' }).map((j) => j.id)).toEqual([
      'batch_run',
      'batch_bad',
    ]);
    expect(filterJobs(jobs, { text: 'status:completed allbad', group: 'all' }).map((j) => j.id)).toEqual([
      'batch_allbad',
    ]);
    expect(filterJobs(jobs, { text: 'STATUS:In-Progress', group: 'all' }).map((j) => j.id)).toEqual(['batch_run']);
  });
});

describe('the job list on refresh', () => {
  it('drops the jobs the first page no longer has, keeping older ones it does not cover', async () => {
    const job = (id: string, age: number): Batch => makeBatch({ id, createdAt: now - age });
    let server: Batch[] = [job('batch_a', 10), job('batch_b', 20), job('batch_c', 30), job('batch_d', 40)];
    // Two jobs a page: the newest two, then the rest.
    const page = async (params: { after?: string } = {}): Promise<Page<Batch>> => {
      const start = params.after ? server.findIndex((j) => j.id === params.after) + 1 : 0;
      const items = server.slice(start, start + 2);
      return { items, hasMore: start + 2 < server.length, nextCursor: items.at(-1)?.id ?? null };
    };
    const client = fakeClient({
      listBatches: (params) => page(params?.after ? { after: params.after } : {}),
      batchPager: () => new Pager<Batch>((cursor) => page(cursor ? { after: cursor } : {})),
    });
    const list = new JobListService({ client, intervalMs: 60_000, pageSize: 2 });
    list.start();
    const ids = () => list.getState().jobs.map((j) => j.id);
    await waitFor(
      'the first page',
      async () => ids(),
      (v) => v.length === 2,
    );
    await list.loadMore();
    expect(list.getState().jobs.map((j) => j.id)).toEqual(['batch_a', 'batch_b', 'batch_c', 'batch_d']);

    // batch_b is deleted on the server: the first page is now a, c.
    server = server.filter((j) => j.id !== 'batch_b');
    list.refreshNow();
    expect(
      await waitFor(
        'batch_b to go',
        async () => ids(),
        (v) => !v.includes('batch_b'),
      ),
    ).toEqual(['batch_a', 'batch_c', 'batch_d']);

    // Everything but a is gone, and the first page is the whole list.
    server = [server[0]!];
    list.refreshNow();
    expect(
      await waitFor(
        'the rest to go',
        async () => ids(),
        (v) => v.length === 1,
      ),
    ).toEqual(['batch_a']);
    list.dispose();
  });
});
