import { afterEach, describe, expect, it } from 'vitest';
import { Pager, type Batch, type Page } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { JobDetailScreen } from '../../../../src/ui/features/job-detail/JobDetailScreen.js';
import { fakeSession, keys, makeBatch, renderUi } from '../../../support/ui.js';
import { untilState } from '../../../support/wait.js';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const now = Math.floor(Date.now() / 1000);
const original = makeBatch({
  id: 'batch_original',
  status: 'expired',
  createdAt: now - 90_000,
  expiredAt: now - 3600,
  errorFileId: 'file-err',
  requestCounts: { total: 200, completed: 59, failed: 0 },
});
const again = makeBatch({
  id: 'batch_again',
  status: 'in_progress',
  createdAt: now - 600,
  metadata: { resubmit_of: 'batch_original', description: 'again' },
});
const others = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeBatch({ id: `batch_other_${from + i}`, status: 'completed', createdAt: now - 100 - from - i }),
  );

/** A server whose job list comes in the given pages, newest first; `asked` counts the pages read. */
function listedIn(pages: Batch[][]) {
  const asked = { pages: 0 };
  const listBatches = async ({ after }: { after?: string } = {}): Promise<Page<Batch>> => {
    const index = after ? pages.findIndex((p) => p.at(-1)?.id === after) + 1 : 0;
    asked.pages += 1;
    const items = pages[index] ?? [];
    const hasMore = index < pages.length - 1;
    return { items, hasMore, nextCursor: hasMore ? items.at(-1)!.id : null };
  };
  session = fakeSession({
    getBatch: async () => original,
    listBatches,
    batchPager: ({ maxPages } = {}) =>
      new Pager<Batch>((cursor) => listBatches(cursor ? { after: cursor } : {}), maxPages ? { maxPages } : {}),
  });
  return { session, asked };
}

function detail(s: Session) {
  return renderUi(<JobDetailScreen id={original.id} initial={original} intervalMs={60_000} />, {
    session: s,
    scope: 'detail',
    body: { width: 100, height: 30 },
  });
}

/** The job list has read its first page (R looks there first). */
async function listLoaded(s: Session) {
  await untilState(s.getState().services!.jobs, (state) => state.poll.updatedAt !== null);
}

describe('R on a job that was resubmitted already', () => {
  it('says so and asks; the default (enter) resubmits nothing, y goes on', async () => {
    const { session: s } = listedIn([[again, ...others(0, 3), original]]);
    await listLoaded(s);
    const ui = detail(s);
    await ui.waitForFrame('expired');
    await ui.press('R');
    const asked = await ui.waitForFrame('Resubmit again?');
    expect(asked).toMatch(/batch_original was already resubmitted as batch_again \(in progress\) — resubmit\W+again\?/);
    expect(asked).toMatch(/y resubmit again · n\/enter\/esc do not \(default\)/);
    await ui.press(keys.enter);
    await ui.waitForFrame((f) => !f.includes('Resubmit again?'));
    expect(ui.frame()).not.toContain('Resubmit what failed');

    await ui.press('R');
    await ui.waitForFrame('Resubmit again?');
    await ui.press('y');
    // The resubmit itself starts: it reads the job's files.
    await ui.waitForFrame('Resubmit what failed in batch_original');
    ui.unmount();
  });

  it('finds a resubmission further down the list by loading a few more pages', async () => {
    const { session: s, asked } = listedIn([others(0, 3), [again, ...others(3, 2)], [...others(5, 2), original]]);
    await listLoaded(s);
    const ui = detail(s);
    await ui.waitForFrame('expired');
    await ui.press('R');
    await ui.waitForFrame('was already resubmitted as batch_again');
    // It stopped on the page that had it: the third page was not needed.
    expect(asked.pages).toBe(2);
    ui.unmount();
  });

  it('a job never resubmitted goes straight to the resubmit', async () => {
    const { session: s } = listedIn([[...others(0, 3), original]]);
    await listLoaded(s);
    const ui = detail(s);
    await ui.waitForFrame('expired');
    await ui.press('R');
    await ui.waitForFrame('Resubmit what failed in batch_original');
    expect(ui.frame()).not.toContain('Resubmit again?');
    ui.unmount();
  });
});
