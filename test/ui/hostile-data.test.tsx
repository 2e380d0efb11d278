import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchSchema, Pager, type Batch } from '../../src/api/index.js';
import { countsProblem } from '../../src/core/jobs/counts.js';
import type { Session } from '../../src/core/session.js';
import { barCells, ProgressBar } from '../../src/ui/kit/ProgressBar.js';
import { formatCount, percent } from '../../src/ui/format/numbers.js';
import { age, duration, localDateTime, relativeTime } from '../../src/ui/format/time.js';
import { JobDetailScreen } from '../../src/ui/features/job-detail/JobDetailScreen.js';
import { JobListScreen } from '../../src/ui/features/jobs/JobListScreen.js';
import { ThemeProvider } from '../../src/ui/theme/context.js';
import { monoTheme } from '../../src/ui/theme/theme.js';
import { startHostileServer } from '../support/hostile-server.js';
import { fakeSession, makeBatch, renderUi, serverSession } from '../support/ui.js';

// What a server this project did not write may send: every count and time the contract allows
// (plain integers), and some it does not.

const forbidden = /NaN|undefined|Invalid Date|\[object|Infinity/;

function expectFits(frame: string, width: number) {
  for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
}

describe('the progress bar', () => {
  const hostile: [string, { completed: number; failed: number; total: number }, number][] = [
    ['negative completed', { completed: -5, failed: 0, total: 50 }, 10],
    ['more done than total', { completed: 60, failed: 0, total: 50 }, 10],
    ['huge', { completed: 1e308, failed: 1e308, total: 1e308 }, 10],
    [
      'NaN and Infinity',
      { completed: Number.NaN, failed: Number.POSITIVE_INFINITY, total: Number.NEGATIVE_INFINITY },
      10,
    ],
    ['fractional', { completed: 2.5, failed: 0.25, total: 7.75 }, 10],
    ['total 0', { completed: 0, failed: 0, total: 0 }, 10],
    ['fractional width', { completed: 1, failed: 1, total: 2 }, 5.7],
    ['NaN width', { completed: 1, failed: 1, total: 2 }, Number.NaN],
    ['negative width', { completed: 1, failed: 1, total: 2 }, -3],
  ];

  it.each(hostile)('draws %s without throwing, exactly as wide as asked', (_name, counts, width) => {
    const { lastFrame, unmount } = render(
      <ThemeProvider theme={monoTheme}>
        <ProgressBar {...counts} width={width} />
      </ThemeProvider>,
    );
    const wide = Number.isFinite(width) && width > 0 ? Math.floor(width) : 0;
    expect(stringWidth(lastFrame() ?? '')).toBe(wide);
    unmount();
  });

  it('is empty at 0 %, full when the server counts more done than the total, and clamps negatives', () => {
    expect(barCells({ completed: 0, failed: 0, total: 50 }, 10)).toEqual({ done: 0, bad: 0 });
    expect(barCells({ completed: 60, failed: 0, total: 50 }, 10)).toEqual({ done: 10, bad: 0 });
    expect(barCells({ completed: -5, failed: 0, total: 50 }, 10)).toEqual({ done: 0, bad: 0 });
  });

  it('fills a cell only for at least half a cell of share: one failure in 50,000 fills none', () => {
    expect(barCells({ completed: 0, failed: 1, total: 50_000 }, 10)).toEqual({ done: 0, bad: 0 });
    expect(barCells({ completed: 0, failed: 2_500, total: 50_000 }, 10)).toEqual({ done: 0, bad: 1 });
    expect(barCells({ completed: 0, failed: 2_499, total: 50_000 }, 10)).toEqual({ done: 0, bad: 0 });
    // Both halves round up: the failed segment gives way so the bar keeps its width.
    expect(barCells({ completed: 1, failed: 1, total: 2 }, 5)).toEqual({ done: 3, bad: 2 });
  });
});

describe('numbers and times from a hostile server', () => {
  it('clamps percentages and keeps absurd counts short', () => {
    expect(percent(60, 50)).toBe('100%');
    expect(percent(-5, 50)).toBe('0%');
    expect(percent(5, Number.NaN)).toBe('—');
    expect(formatCount(1e300)).toBe('1.0e+300');
    expect(formatCount(-5)).toBe('-5');
    expect(formatCount(2.5)).toBe('2.5');
  });

  it('names impossible counts', () => {
    expect(countsProblem({ total: 50, completed: 60, failed: 0 })).toBe('counts do not add up: 60 done of 50');
    expect(countsProblem({ total: 50, completed: -5, failed: 0 })).toBe('completed is negative (-5)');
    expect(countsProblem({ total: 7.5, completed: 1, failed: 0 })).toBe('total is not a whole number (7.5)');
    expect(countsProblem({ total: 50, completed: 60, failed: 0.5 })).toBe(
      'counts do not add up: 60.5 done of 50; failed is not a whole number (0.5)',
    );
    expect(countsProblem({ total: 50, completed: 10, failed: 2 })).toBeNull();
    expect(countsProblem({ total: 0, completed: 0, failed: 0 })).toBeNull();
  });

  it('gives times in 1970, 2300 and beyond a sensible relative form, never NaN', () => {
    const now = Date.UTC(2026, 11, 3);
    const in2300 = Date.UTC(2300, 0, 1) / 1000;
    expect(relativeTime(in2300, now)).toBe('in 273 years');
    expect(relativeTime(1, now)).toBe('56 years ago');
    expect(relativeTime(Number.NaN, now)).toBe('—');
    expect(duration(1e300)).toBe('over 9,999 years');
    expect(duration(Number.POSITIVE_INFINITY)).toBe('—');
    expect(localDateTime(1e300)).toBe('—');
    expect(age(1, now)).toBe('56y');
    expect(age(in2300, now)).toBe('+273y');
    expect(age(now / 1000 + 3 * 3600, now)).toBe('+3h00m');
  });

  it('reads timestamps a person cannot read as unknown', () => {
    const base = { id: 'batch_t', status: 'completed', endpoint: '/v1/chat/completions' };
    expect(BatchSchema.parse({ ...base, created_at: 1_764_000_000_123 }).createdAt).toBe(1_764_000_000);
    expect(BatchSchema.parse({ ...base, created_at: 1e15 }).createdAt).toBeNull();
    expect(BatchSchema.parse({ ...base, created_at: 'soon-ish' }).createdAt).toBeNull();
    expect(BatchSchema.parse({ ...base, created_at: -40 }).createdAt).toBeNull();
  });
});

const long = 'x'.repeat(10_000);
const hostileJobs: Batch[] = [
  makeBatch({
    id: 'batch_negative',
    requestCounts: { total: 50, completed: -5, failed: 0 },
    metadata: { description: 'negative' },
  }),
  makeBatch({
    id: 'batch_over',
    requestCounts: { total: 50, completed: 60, failed: 0 },
    metadata: { description: 'over the total' },
  }),
  makeBatch({
    id: 'batch_huge',
    requestCounts: { total: 1e300, completed: 1e299, failed: 1e298 },
    createdAt: Date.UTC(2300, 0, 1) / 1000,
  }),
  makeBatch({
    id: 'batch_fraction',
    requestCounts: { total: 7.75, completed: 2.5, failed: 0.25 },
    createdAt: 1,
    expiresAt: 1,
  }),
  makeBatch({ id: 'batch_nan', requestCounts: { total: Number.NaN, completed: Number.POSITIVE_INFINITY, failed: -0 } }),
  makeBatch({
    id: 'batch_unreadable',
    requestCounts: { total: 0, completed: 0, failed: 0, problem: 'total is "lots", not a number' },
  }),
  makeBatch({ id: 'batch_zero', status: 'completed', requestCounts: { total: 0, completed: 0, failed: 0 } }),
  makeBatch({ id: '', model: long, metadata: { description: long } }),
  makeBatch({ id: `batch_${long}`, model: 'm', metadata: { description: `line\nbreak\ttab ${long}` } }),
];

describe('screens fed hostile jobs', () => {
  let session: Session | undefined;
  afterEach(() => session?.dispose());

  it.each([60, 80, 160])(
    'the job list at %i columns keeps running, one line per job, ⚠ on impossible counts',
    async (width) => {
      const page = async () => ({ items: hostileJobs, hasMore: false, nextCursor: null });
      session = fakeSession({ listBatches: page, batchPager: () => new Pager<Batch>(page) });
      const ui = renderUi(<JobListScreen />, { session, body: { width, height: 20 } });
      const frame = await ui.waitForFrame('negative');
      expect(frame).not.toMatch(forbidden);
      expectFits(frame, width);
      // Rows start with the marker and the short id (without `batch_`).
      const row = (shortId: string) => frame.split('\n').find((line) => line.slice(2).startsWith(`${shortId} `)) ?? '';
      expect(row('over')).toContain('⚠ 60/50');
      expect(row('negative')).toContain('⚠ -5/50');
      expect(row('zero')).toContain(' 0/0');
      expect(row('zero')).not.toContain('⚠');
      expect(frame).not.toMatch(/ -0 /);
      ui.unmount();
    },
  );

  it('the detail of a job with more done than the total says why the counts are impossible and shows 100 %', async () => {
    const job = makeBatch({ id: 'batch_over', requestCounts: { total: 50, completed: 60, failed: 0 } });
    session = fakeSession({ getBatch: async () => job });
    const ui = renderUi(<JobDetailScreen id="batch_over" intervalMs={60_000} />, {
      session,
      body: { width: 80, height: 22 },
    });
    const frame = await ui.waitForFrame('⚠');
    expect(frame).toContain('⚠ counts do not add up: 60 done of 50');
    expect(frame).toContain('100%');
    expect(frame).not.toContain('120%');
    expectFits(frame, 80);
    ui.unmount();
  });

  it('says a status entered in 2300 is ahead of the clock instead of "<1m ago"', async () => {
    const at2300 = Date.UTC(2300, 0, 1) / 1000;
    const job = makeBatch({ id: 'batch_2300', status: 'cancelled', cancelledAt: at2300 });
    session = fakeSession({ getBatch: async () => job });
    const ui = renderUi(<JobDetailScreen id="batch_2300" initial={job} intervalMs={60_000} />, {
      session,
      body: { width: 100, height: 22 },
    });
    const frame = await ui.waitForFrame('cancelled at');
    expect(frame).toMatch(/cancelled at 2300-01-01 \d\d:\d\d \(in 27\d years, by the server's clock\)/);
    ui.unmount();
  });

  it.each(hostileJobs.map((job) => [job.id.slice(0, 20) || '(empty id)', job] as const))(
    'the detail of %s renders without NaN or a row wider than 80',
    async (_name, job) => {
      session = fakeSession({ getBatch: async () => job });
      const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={60_000} />, {
        session,
        body: { width: 80, height: 22 },
      });
      const frame = await ui.waitForFrame((f) => f.includes('total ·'));
      expect(frame).not.toMatch(forbidden);
      expectFits(frame, 80);
      ui.unmount();
    },
  );

  it('reads a hostile server over HTTP: the list shows every job, ⚠ where counts are impossible, and stops paging its repeating list', async () => {
    const hostile = await startHostileServer();
    try {
      session = serverSession(hostile.url);
      const ui = renderUi(<JobListScreen />, { session, body: { width: 80, height: 22 } });
      const frame = await ui.waitForFrame('8 jobs');
      expect(frame).not.toMatch(forbidden);
      expectFits(frame, 80);
      expect(frame).toContain('⚠ 270.5/50');
      expect(frame).toContain('⚠ 0/0'); // "NaN" and "lots" as counts
      expect(frame).toMatch(/1970 .* 56y /);
      expect(frame).toMatch(/huge .* \+273y /);
      await ui.press('G');
      await ui.waitForFrame('end of list');
      expect(hostile.listCalls()).toBe(2);
      ui.unmount();
    } finally {
      await hostile.close();
    }
  });

  it('stops paging a list that repeats itself (the same ids on every page)', async () => {
    const jobs = Array.from({ length: 30 }, (_, i) => makeBatch({ id: `batch_loop${String(i).padStart(2, '0')}` }));
    const listBatches = vi.fn(async () => ({ items: jobs, hasMore: true, nextCursor: 'batch_loop29' }));
    session = fakeSession({ listBatches, batchPager: () => new Pager<Batch>(() => listBatches()) });
    const ui = renderUi(<JobListScreen />, { session, body: { width: 100, height: 20 } });
    await ui.waitForFrame('batch_loop00');
    // At the end of the loaded jobs, the list asks for the next page: it brings back the same ids.
    await ui.press('G');
    await ui.waitForFrame(() => listBatches.mock.calls.length >= 2);
    for (let i = 0; i < 3; i++) await ui.press('G');
    await ui.press('g');
    const frame = await ui.waitForFrame('batch_loop00');
    expect(listBatches).toHaveBeenCalledTimes(2);
    expect(frame).toContain('30 jobs');
    expect(frame).not.toContain('60');
    ui.unmount();
  });
});
