import { describe, expect, it } from 'vitest';
import { Pager, type Batch, type Page } from '../../src/api/index.js';
import { JobDetailService } from '../../src/core/jobs/job-detail.js';
import { JobListService } from '../../src/core/jobs/job-list.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { waitFor } from '../support/wait.js';

const now = Math.floor(Date.now() / 1000);

/** A server of jobs, two a page, newest first, answering copies (as JSON would), counting reads. */
function server(jobs: Batch[]) {
  const reads = new Map<string, number>();
  let lists = 0;
  const copy = (job: Batch): Batch => structuredClone(job);
  const page = async (after?: string): Promise<Page<Batch>> => {
    const start = after ? jobs.findIndex((j) => j.id === after) + 1 : 0;
    const items = jobs.slice(start, start + 2).map(copy);
    return { items, hasMore: start + 2 < jobs.length, nextCursor: items.at(-1)?.id ?? null };
  };
  const client = fakeClient({
    listBatches: async (params) => {
      lists += 1;
      return page(params?.after);
    },
    batchPager: () => new Pager<Batch>((cursor) => page(cursor ?? undefined)),
    getBatch: async (id) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return copy(jobs.find((j) => j.id === id)!);
    },
  });
  return { client, reads: (id: string) => reads.get(id) ?? 0, lists: () => lists, jobs };
}

const job = (id: string, age: number, patch: Partial<Batch> = {}): Batch =>
  makeBatch({ id, createdAt: now - age, ...patch });

async function loaded(list: JobListService, count: number): Promise<void> {
  list.start();
  await waitFor(
    'the first page',
    async () => list.getState().poll.updatedAt,
    (v) => v !== null,
  );
  while (list.getState().jobs.length < count) await list.loadMore();
}

/** Refreshes now and waits for the answer. */
async function refresh(list: JobListService, s: { lists: () => number }): Promise<void> {
  const before = s.lists();
  list.refreshNow();
  await waitFor(
    'the refresh',
    async () => s.lists() > before && !list.getState().poll.inFlight,
    (v) => v,
  );
}

describe('the job list, left open', () => {
  it('keeps the same jobs (objects and array) when a refresh brings the same data', async () => {
    const s = server([job('batch_a', 10, { status: 'in_progress' }), job('batch_b', 20)]);
    const list = new JobListService({ client: s.client, intervalMs: 600_000, pageSize: 2 });
    await loaded(list, 2);
    const before = list.getState().jobs;
    let changes = 0;
    const stop = list.subscribe(() => changes++);
    await refresh(list, s);
    expect(list.getState().jobs).toBe(before);
    // The request going out and its answer coming back: nothing else to draw.
    expect(changes).toBeLessThanOrEqual(2);

    s.jobs[0] = { ...s.jobs[0]!, requestCounts: { total: 10, completed: 4, failed: 0 } };
    await refresh(list, s);
    expect(list.getState().jobs).not.toBe(before);
    expect(list.getState().jobs[0]!.requestCounts.completed).toBe(4);
    // The job that did not change is the same object as before.
    expect(list.getState().jobs[1]).toBe(before[1]);
    stop();
    list.dispose();
  });

  it('re-reads a running job below the first page less often while it does not change, a finished one never', async () => {
    const s = server([
      job('batch_a', 10),
      job('batch_b', 20),
      job('batch_still', 30, { status: 'in_progress', statusClass: 'active' }),
      job('batch_done', 40, { status: 'completed', statusClass: 'terminal' }),
    ]);
    const list = new JobListService({ client: s.client, intervalMs: 600_000, pageSize: 2 });
    await loaded(list, 4);
    for (let i = 0; i < 16; i++) await refresh(list, s);
    expect(s.reads('batch_done')).toBe(0);
    // Every refresh would be 16; backing off (1, 1, 2, 2, 4, 4, 8 refreshes apart) it is 7.
    expect(s.reads('batch_still')).toBeLessThanOrEqual(8);
    expect(s.reads('batch_still')).toBeGreaterThanOrEqual(4);

    // It moves: read on the next refreshes again, and the list shows it.
    const reads = s.reads('batch_still');
    s.jobs[2] = { ...s.jobs[2]!, requestCounts: { total: 10, completed: 9, failed: 0 } };
    for (let i = 0; i < 10; i++) await refresh(list, s);
    expect(list.getState().jobs.find((j) => j.id === 'batch_still')!.requestCounts.completed).toBe(9);
    expect(s.reads('batch_still') - reads).toBeGreaterThanOrEqual(3);
    list.dispose();
  });

  it('says how long it waits between refreshes: slower while not on screen', () => {
    const s = server([job('batch_a', 10)]);
    const list = new JobListService({ client: s.client, intervalMs: 15_000 });
    expect(list.getState().pollIntervalMs).toBe(15_000);
    list.setShown(false);
    expect(list.getState().pollIntervalMs).toBe(60_000);
    list.setShown(true);
    expect(list.getState().pollIntervalMs).toBe(15_000);
    list.dispose();
  });
});

describe("a job's detail", () => {
  it('asks nothing for a job the list already knows is final', async () => {
    let reads = 0;
    const done = job('batch_done', 40, { status: 'completed', statusClass: 'terminal' });
    const client = fakeClient({
      getBatch: async () => {
        reads += 1;
        return done;
      },
    });
    const detail = new JobDetailService({ client, id: done.id, initial: done, intervalMs: 10 });
    detail.start();
    detail.refreshNow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(0);
    expect(detail.getState().poll).toMatchObject({ finished: true, inFlight: false });
    expect(detail.getState().job).toBe(done);
    detail.dispose();

    // Running when the list saw it: polled as ever.
    const running = new JobDetailService({
      client,
      id: done.id,
      initial: { ...done, status: 'in_progress', statusClass: 'active' },
      intervalMs: 10,
    });
    running.start();
    await waitFor(
      'the first poll',
      async () => reads,
      (n) => n === 1,
    );
    running.dispose();
  });
});
