import { afterEach, describe, expect, it } from 'vitest';
import { Pager, type Batch, type Page } from '../../src/api/index.js';
import { JobListService } from '../../src/core/jobs/job-list.js';
import { findResubmission, loadedBackTo, resubmissionOf } from '../../src/core/jobs/resubmissions.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { untilState } from '../support/wait.js';

const job = makeBatch({ id: 'batch_job', status: 'expired', createdAt: 1000 });
const resub = (id: string, createdAt: number) => makeBatch({ id, createdAt, metadata: { resubmit_of: 'batch_job' } });
const other = (i: number) => makeBatch({ id: `batch_${i}`, createdAt: 5000 - i });

const lists: JobListService[] = [];
afterEach(() => lists.splice(0).forEach((l) => l.dispose()));

/** A job list over pages of jobs (newest first), its first page loaded; `asked` counts requests. */
async function listOver(pages: Batch[][]) {
  const asked = { pages: 0 };
  const listBatches = async ({ after }: { after?: string } = {}): Promise<Page<Batch>> => {
    asked.pages += 1;
    const index = after ? pages.findIndex((p) => p.at(-1)?.id === after) + 1 : 0;
    const items = pages[index] ?? [];
    const hasMore = index < pages.length - 1;
    return { items, hasMore, nextCursor: hasMore ? items.at(-1)!.id : null };
  };
  const client = fakeClient({
    listBatches,
    batchPager: () => new Pager<Batch>((cursor) => listBatches(cursor ? { after: cursor } : {})),
  });
  const list = new JobListService({ client, intervalMs: 60_000 });
  lists.push(list);
  const loaded = untilState(list, (state) => state.poll.updatedAt !== null);
  list.start();
  await loaded;
  return { list, asked };
}

describe('resubmissions', () => {
  it('finds the newest job whose metadata.resubmit_of names the job', () => {
    expect(resubmissionOf([other(1), resub('batch_a', 2000), resub('batch_b', 3000), job], 'batch_job')?.id).toBe(
      'batch_b',
    );
    expect(resubmissionOf([other(1), job], 'batch_job')).toBeNull();
  });

  it('knows when the loaded jobs reach back to the job (nothing newer can be missing)', () => {
    expect(loadedBackTo([other(1), job], job)).toBe(true);
    expect(loadedBackTo([other(1), makeBatch({ id: 'old', createdAt: 10 })], job)).toBe(true);
    expect(loadedBackTo([other(1), other(2)], job)).toBe(false);
  });

  it('pages the list only until the job is reached', async () => {
    const { list, asked } = await listOver([[other(1)], [other(2), job], [other(3)]]);
    expect(await findResubmission(list, job)).toEqual({ found: null, complete: true });
    expect(asked.pages).toBe(2);
  });

  it('stops after the page cap, saying the search is not complete', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => [other(i)]);
    const { list, asked } = await listOver([...pages, [resub('batch_far', 2000), job]]);
    expect(await findResubmission(list, job, 3)).toEqual({ found: null, complete: false });
    expect(asked.pages).toBe(4);
  });
});
