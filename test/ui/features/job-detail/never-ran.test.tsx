import { afterEach, describe, expect, it } from 'vitest';
import type { Batch } from '../../../../src/api/index.js';
import { neverRan } from '../../../../src/core/jobs/never-ran.js';
import type { Session } from '../../../../src/core/session.js';
import { JobDetailScreen } from '../../../../src/ui/features/job-detail/JobDetailScreen.js';
import { fakeSession, keys, makeBatch, renderUi } from '../../../support/ui.js';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const ended = Math.floor(Date.now() / 1000) - 60;

function detailOf(job: Batch, body = { width: 100, height: 30 }) {
  session = fakeSession({ getBatch: async () => job });
  return renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />, {
    session,
    scope: 'detail',
    body,
  });
}

describe('expired and cancelled jobs say how many requests never ran', () => {
  it('an expired job: "141 requests never ran (expired) — R resubmits them"', async () => {
    const ui = detailOf(
      makeBatch({ status: 'expired', expiredAt: ended, requestCounts: { total: 400, completed: 256, failed: 3 } }),
    );
    const frame = await ui.waitForFrame('expired');
    expect(frame).toContain('! 141 requests never ran (expired) — R resubmits them');
  });

  it('a cancelled job says it too', async () => {
    const ui = detailOf(
      makeBatch({ status: 'cancelled', cancelledAt: ended, requestCounts: { total: 300, completed: 143, failed: 0 } }),
    );
    const frame = await ui.waitForFrame('cancelled');
    expect(frame).toContain('! 157 requests never ran (cancelled) — R resubmits them');
  });

  it('a server that counts the requests it never ran as failed: the line says where to look', async () => {
    const ui = detailOf(
      makeBatch({
        status: 'expired',
        expiredAt: ended,
        errorFileId: 'file-err',
        requestCounts: { total: 400, completed: 256, failed: 144 },
      }),
    );
    const frame = await ui.waitForFrame('expired');
    expect(frame).toContain('! Some of the 144 failed may never have run (expired) — e shows which, R resubmits them');
  });

  it('stays quiet when every request ran, on other statuses, and on counts that cannot be true', () => {
    expect(
      neverRan(
        makeBatch({ status: 'expired', errorFileId: null, requestCounts: { total: 10, completed: 7, failed: 3 } }),
      ),
    ).toBeNull();
    expect(
      neverRan(makeBatch({ status: 'expired', requestCounts: { total: 10, completed: 10, failed: 0 } })),
    ).toBeNull();
    expect(
      neverRan(makeBatch({ status: 'completed', requestCounts: { total: 10, completed: 7, failed: 0 } })),
    ).toBeNull();
    expect(
      neverRan(makeBatch({ status: 'in_progress', requestCounts: { total: 10, completed: 1, failed: 0 } })),
    ).toBeNull();
    expect(
      neverRan(makeBatch({ status: 'expired', requestCounts: { total: 10, completed: -5, failed: 0 } })),
    ).toBeNull();
    expect(
      neverRan(makeBatch({ status: 'expired', requestCounts: { total: 10.5, completed: 1, failed: 0 } })),
    ).toBeNull();
    expect(neverRan(makeBatch({ status: 'expired', requestCounts: { total: 1, completed: 0, failed: 0 } }))).toEqual({
      count: 1,
      why: 'expired',
    });
  });
});

describe('a job that failed validation shows all its errors', () => {
  it('lists all 20 errors (the detail scrolls), not three and "and 17 more"', async () => {
    const errors = Array.from({ length: 20 }, (_, i) => ({
      code: 'invalid_json_line',
      message: 'This line is not parseable as valid JSON.',
      param: null,
      line: 2 * i + 1,
    }));
    const ui = detailOf(
      makeBatch({ status: 'failed', failedAt: ended, requestCounts: { total: 0, completed: 0, failed: 0 }, errors }),
      { width: 100, height: 20 },
    );
    const first = await ui.waitForFrame('failed');
    expect(first).not.toMatch(/and \d+ more/);
    const seen = new Set<number>();
    const collect = (frame: string) => {
      for (const m of frame.matchAll(/line (\d+): This line is not parseable/g)) seen.add(Number(m[1]));
    };
    collect(first);
    for (let page = 0; page < 6 && seen.size < 20; page++) {
      await ui.press(keys.pageDown);
      collect(ui.frame());
      expect(ui.frame()).not.toMatch(/and \d+ more/);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i + 1));
  });
});
