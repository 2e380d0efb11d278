import { createReadStream } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, Pager, type Batch } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { JobListScreen } from '../../../../src/ui/features/jobs/JobListScreen.js';
import { ScreenMemory } from '../../../../src/ui/state/screen-memory.js';
import { questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { sdkFor, startTestServer, type TestServer } from '../../../support/server.js';
import { fakeSession, keys, makeBatch, renderUi, serverSession } from '../../../support/ui.js';
import { waitFor } from '../../../support/wait.js';

/** The line of the frame with the selection marker. */
function selectedLine(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

/** Short id as the table shows it at 100 columns: the id without `batch_`, first 8 characters. */
function short(id: string): string {
  return id.replace(/^batch_/, '').slice(0, 8);
}

function jobsOf(session: Session): readonly Batch[] {
  return session.getState().services!.jobs.getState().jobs;
}

async function type(ui: ReturnType<typeof renderUi>, text: string): Promise<void> {
  for (const ch of text) await ui.press(ch);
}

async function createBatches(server: TestServer, descriptions: string[]): Promise<void> {
  const sdk = sdkFor(server);
  const path = writeJsonl(tempDir(), 'input.jsonl', questions(2));
  const file = await sdk.files.create({ file: createReadStream(path), purpose: 'batch' });
  for (const description of descriptions) {
    await sdk.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description },
    });
  }
}

describe('job list on the demo server', () => {
  let server: TestServer;
  let session: Session;
  beforeAll(async () => {
    server = await startTestServer({ demoData: true });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => session?.dispose());

  function open(body = { width: 100, height: 21 }, memory?: ScreenMemory) {
    session = serverSession(server.url);
    return renderUi(<JobListScreen />, { session, body, ...(memory ? { memory } : {}) });
  }

  it('shows one row per job: short id, status word, progress, failed, description; the first selected', async () => {
    const ui = open();
    const frame = await ui.waitForFrame('17 jobs');
    const jobs = jobsOf(session);
    expect(frame).toMatch(/id\s+status\s+progress\s+fail\s+age\s+model\s+description/);
    // Newest first, as the server sends them: the validating job was created last.
    expect(selectedLine(frame)).toContain(short(jobs[0]!.id));
    expect(selectedLine(frame)).toContain('↻ validating');
    expect(frame).toContain('Legal clause summari');
    const running = jobs.find((j) => j.metadata['description']?.startsWith('Catalogue translation'))!;
    const { completed, failed } = running.requestCounts;
    const row = frame.split('\n').find((line) => line.includes(short(running.id)))!;
    expect(row).toContain('▸ in progress');
    expect(row).toMatch(new RegExp(`${(completed + failed).toLocaleString('en-US')}/5,000`));
    expect(frame).toContain('✗ failed');
    expect(frame).toContain('✓ completed');
    expect(frame).toContain('! expired');
    expect(frame).toContain('⊘ cancelled');
    expect(frame).not.toMatch(/NaN|undefined|Invalid Date/);
    // The filter line, the titles, 17 rows (18 would fit) and the status line.
    expect(frame.split('\n')).toHaveLength(20);
    expect(frame).toContain('end of list');
  });

  it('moves the selection with j/k and the arrows, g and G, and keeps it on screen', async () => {
    const ui = open({ width: 100, height: 8 });
    await ui.waitForFrame('17 jobs');
    const ids = jobsOf(session).map((j) => short(j.id));
    await ui.press('j');
    expect(selectedLine(ui.frame())).toContain(ids[1]);
    await ui.press(keys.down);
    expect(selectedLine(ui.frame())).toContain(ids[2]);
    await ui.press('k');
    expect(selectedLine(ui.frame())).toContain(ids[1]);
    await ui.press(keys.up);
    expect(selectedLine(ui.frame())).toContain(ids[0]);
    // Only 5 rows fit: moving past them scrolls, the selection stays visible.
    for (let i = 0; i < 7; i++) await ui.press('j');
    expect(selectedLine(ui.frame())).toContain(ids[7]);
    expect(ui.frame()).not.toContain(ids[0]);
    await ui.press('G');
    expect(selectedLine(ui.frame())).toContain(ids[16]);
    expect(ui.frame()).toContain('17/17');
    await ui.press('g');
    expect(selectedLine(ui.frame())).toContain(ids[0]);
    // A held key arrives as one chunk: every press counts.
    await ui.press('jjj');
    await ui.waitForFrame((f) => selectedLine(f).includes(ids[3]!));
  });

  it('keys in one chunk act one after the other: "Gc" asks about the job G selected', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    const last = jobsOf(session).at(-1)!;
    await ui.press('Gc');
    const frame = await ui.waitForFrame('nothing to cancel');
    expect(frame).toContain(`Job ${short(last.id)} is already completed`);
    expect(selectedLine(frame)).toContain(short(last.id));
  });

  it('an enter in the same chunk as the moves opens the job they selected', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    const third = jobsOf(session)[2]!;
    await ui.press('jj\r');
    await waitFor(
      'the detail route',
      async () => ui.nav.push.mock.calls.length,
      (n) => n > 0,
    );
    expect(ui.nav.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'detail', id: third.id }));
  });

  it('filters by text with /, applies with enter, clears with esc', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('/');
    await type(ui, 'legal');
    let frame = await ui.waitForFrame('1 of 17 loaded');
    expect(frame).toContain('Legal clause summari');
    expect(frame).not.toContain('Catalogue translation');
    // While typing, letters are text: the g of "legal" went to the field, not to the list.
    await ui.press(keys.enter);
    frame = ui.frame();
    expect(frame).toContain('filter: "legal"');
    expect(frame).toContain('1 of 17 loaded');
    await ui.press('/');
    await ui.press('x');
    await ui.waitForFrame('No jobs match "legalx".');
    await ui.press(keys.escape);
    frame = await ui.waitForFrame('17 jobs');
    expect(frame).toContain('filter: none');
    expect(frame).toContain('Catalogue translation');
    expect(ui.exit).not.toHaveBeenCalled();
  });

  it('cycles the status group with tab and s', async () => {
    const ui = open({ width: 100, height: 24 });
    await ui.waitForFrame('17 jobs');
    await ui.press(keys.tab);
    let frame = ui.frame();
    expect(frame).toContain('status: active');
    expect(frame).not.toContain('✓ completed');
    expect(frame).toContain('▸ in progress');
    await ui.press('s');
    frame = ui.frame();
    expect(frame).toContain('status: completed');
    expect(frame).not.toContain('in progress');
    expect(frame).toMatch(/\d of 17 loaded/);
    await ui.press('s');
    frame = ui.frame();
    expect(frame).toContain('status: failed/expired/cancelled');
    expect(frame).toContain('✗ failed');
    expect(frame).toContain('! expired');
    expect(frame).toContain('⊘ cancelled');
    expect(frame).not.toContain('✓ completed');
    await ui.press('s');
    expect(ui.frame()).toContain('17 jobs');
  });

  it('opens the detail of the selected job with enter', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('j');
    await ui.press('j');
    await ui.press(keys.enter);
    const job = jobsOf(session)[2]!;
    expect(ui.nav.push).toHaveBeenCalledTimes(1);
    expect(ui.nav.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'detail', id: job.id }));
  });

  it('+ and - change the refresh interval, space pauses, q and ? go to the app', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    const jobs = () => session.getState().services!.jobs.getState();
    expect(jobs().intervalMs).toBe(15_000);
    await ui.press('+');
    expect(jobs().intervalMs).toBe(8_000);
    await ui.press('-');
    await ui.press('-');
    expect(jobs().intervalMs).toBe(32_000);
    await ui.press(' ');
    expect(jobs().poll.paused).toBe(true);
    await ui.press(' ');
    expect(jobs().poll.paused).toBe(false);
    await ui.press('q');
    await ui.press('?');
    expect(ui.onCommand.mock.calls.map(([command]) => command)).toEqual(['quit', 'help']);
  });

  it('coming back to the list (after a detail) finds the same filter, selection and scroll', async () => {
    // The list's route entry stays on the stack under the detail, with what the list left in it.
    const memory = new ScreenMemory();
    const ui = open({ width: 100, height: 8 }, memory);
    await ui.waitForFrame('17 jobs');
    await ui.press(keys.tab);
    await ui.press('j');
    await ui.press('j');
    const before = ui.frame();
    await ui.press(keys.enter);
    ui.unmount();
    // The App unmounts the list while the detail is shown, and mounts it again on q.
    const again = renderUi(<JobListScreen />, { session, body: { width: 100, height: 8 }, memory });
    const after = await again.waitForFrame('status: active');
    expect(selectedLine(after)).toBe(selectedLine(before));
    // The same rows (marker and id; ages and counts may have moved on meanwhile).
    const ids = (frame: string) =>
      frame
        .split('\n')
        .slice(2, 7)
        .map((line) => line.slice(0, 10));
    expect(ids(after)).toEqual(ids(before));
  });

  it('a paste outside the filter field is not taken as keys', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('quarterly report, cancel');
    await ui.press('j');
    expect(ui.onCommand).not.toHaveBeenCalled();
    expect(ui.frame()).not.toContain('Cancel this batch?');
    expect(selectedLine(ui.frame())).toContain(short(jobsOf(session)[1]!.id));
  });

  it('"/legal⏎" typed as one chunk (fast, over SSH) opens the filter, types into it and applies it', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('/legal\r');
    const frame = await ui.waitForFrame('filter: "legal"');
    expect(frame).toContain('1 of 17 loaded');
    expect(frame).toContain('Legal clause summari');
    // The g of "legal" went to the field, not to the list; the l did not open anything.
    expect(ui.exit).not.toHaveBeenCalled();
  });

  it('c on a job already cancelling says so instead of asking again', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('/');
    await type(ui, 'subject-line');
    await ui.press(keys.enter);
    expect(selectedLine(ui.frame())).toContain('↻ cancelling');
    await ui.press('c');
    const frame = await ui.waitForFrame('is already cancelling.');
    expect(frame).not.toContain('Cancel this batch?');
  });

  it('c on a finished job says there is nothing to cancel', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('/');
    await type(ui, 'embeddings');
    await ui.press(keys.enter);
    await ui.press('c');
    const frame = await ui.waitForFrame('nothing to cancel');
    expect(frame).toMatch(/is already completed — nothing to cancel/);
    expect(frame).not.toContain('Cancel this batch?');
  });

  it('c on a running job asks first; n keeps it, y cancels and the row shows cancelling', async () => {
    const ui = open();
    await ui.waitForFrame('17 jobs');
    await ui.press('/');
    await type(ui, 'ticket triage');
    await ui.press(keys.enter);
    expect(selectedLine(ui.frame())).toContain('▸ in progress');
    await ui.press('c');
    let frame = await ui.waitForFrame('Cancel this batch?');
    expect(frame).toContain('Support ticket triage');
    await ui.press('n');
    frame = await ui.waitForFrame((f) => !f.includes('Cancel this batch?'));
    expect(selectedLine(frame)).toContain('▸ in progress');
    await ui.press('c');
    await ui.waitForFrame('Cancel this batch?');
    await ui.press('y');
    frame = await ui.waitForFrame('Cancel requested');
    expect(selectedLine(frame)).toContain('↻ cancelling');
  });
});

describe('job list on a server with jobs created by the test', () => {
  let server: TestServer;
  let session: Session;
  afterEach(async () => {
    session?.dispose();
    await server.close();
  });

  it('keeps the selection on the same job when a new job appears on top', async () => {
    server = await startTestServer({ failRate: 0 });
    await createBatches(server, ['first', 'second', 'third']);
    session = serverSession(server.url);
    const ui = renderUi(<JobListScreen />, { session });
    await ui.waitForFrame('3 jobs');
    await ui.press('j');
    const before = selectedLine(ui.frame());
    expect(before).toContain('second');
    await createBatches(server, ['fourth']);
    await ui.press('r');
    const frame = await ui.waitForFrame('4 jobs');
    expect(frame.split('\n')[2]).toContain('fourth');
    expect(selectedLine(frame)).toContain('second');
    expect(frame).toContain('3/4');
  });

  it('loads the next page only when the selection nears the end of the loaded jobs', async () => {
    server = await startTestServer({ failRate: 0 });
    await createBatches(
      server,
      Array.from({ length: 65 }, (_, i) => `job ${i + 1}`),
    );
    session = serverSession(server.url);
    const ui = renderUi(<JobListScreen />, { session, body: { width: 100, height: 13 } });
    await ui.waitForFrame('50+ jobs');
    // Ten rows on screen: nothing more is loaded while the selection is far from the 50th job.
    await ui.press(keys.pageDown);
    await ui.press(keys.pageDown);
    expect(ui.frame()).toContain('50+ jobs');
    expect(ui.frame()).toContain('more load as you scroll');
    expect(jobsOf(session)).toHaveLength(50);
    await ui.press(keys.pageDown);
    await ui.press(keys.pageDown);
    const frame = await ui.waitForFrame('65 jobs');
    expect(selectedLine(frame)).toContain('job 25');
    expect(new Set(jobsOf(session).map((j) => j.id)).size).toBe(65);
    await ui.press('G');
    expect(selectedLine(ui.frame())).toContain('job 1');
    expect(ui.frame()).toContain('end of list');
  });
});

describe('job list with a fake client', () => {
  let session: Session;
  afterEach(() => session?.dispose());

  it('says when there are no jobs yet', async () => {
    session = fakeSession({});
    const ui = renderUi(<JobListScreen />, { session });
    await ui.waitForFrame('No batch jobs yet.');
  });

  it('shows a refused cancel (409) in the dialog, and nothing crashes', async () => {
    const job = makeBatch({
      id: 'batch_refused1',
      status: 'in_progress',
      metadata: { description: 'about to finish' },
    });
    const page = async () => ({ items: [job], hasMore: false, nextCursor: null });
    // The server answers when the test says so, to see the dialog while the request is in flight.
    let refuse = () => {};
    const cancelBatch = vi.fn(
      () =>
        new Promise<Batch>((_, reject) => {
          refuse = () =>
            reject(
              new ApiError({
                kind: 'conflict',
                status: 409,
                message: "Cannot cancel a batch with status 'completed'.",
              }),
            );
        }),
    );
    session = fakeSession({
      listBatches: page,
      batchPager: () => new Pager<Batch>(page),
      cancelBatch,
    });
    const ui = renderUi(<JobListScreen />, { session });
    await ui.waitForFrame('about to finish');
    await ui.press('c');
    await ui.waitForFrame('Cancel this batch?');
    // A y held down (two in one chunk) sends one request while it is in flight.
    await ui.press('yy');
    await ui.waitForFrame('cancelling…');
    await ui.press('y');
    expect(cancelBatch).toHaveBeenCalledTimes(1);
    refuse();
    const frame = await ui.waitForFrame("Cannot cancel a batch with status 'completed'.");
    expect(frame).toContain('Cancel this batch?');
    expect(cancelBatch).toHaveBeenCalledTimes(1);
    await ui.press('n');
    await ui.waitForFrame((f) => !f.includes('Cancel this batch?') && f.includes('about to finish'));
  });

  it('shows a failed "load more" in the last line, and r retries it', async () => {
    const jobs = Array.from({ length: 12 }, (_, i) =>
      makeBatch({ id: `batch_${String(i).padStart(4, '0')}`, metadata: { description: `job ${i}` } }),
    );
    let failNext = true;
    const fetchPage = async (after: string | undefined) => {
      if (after === undefined) return { items: jobs.slice(0, 6), hasMore: true, nextCursor: jobs[5]!.id };
      if (failNext) {
        failNext = false;
        throw new ApiError({ kind: 'server', status: 503, message: 'The server is unavailable (503).' });
      }
      return { items: jobs.slice(6), hasMore: false, nextCursor: null };
    };
    session = fakeSession({ listBatches: () => fetchPage(undefined), batchPager: () => new Pager<Batch>(fetchPage) });
    const ui = renderUi(<JobListScreen />, { session, body: { width: 100, height: 9 } });
    // Six rows fit and six are loaded: the first page is already within a screenful of its end.
    let frame = await ui.waitForFrame('could not load more');
    expect(frame).toContain('The server is unavailable (503).');
    expect(frame).toContain('r retries');
    await ui.press('r');
    frame = await ui.waitForFrame('12 jobs');
    expect(frame).not.toContain('could not load more');
  });

  it('fits 60 columns without wrapping: description, then model, left out', async () => {
    const jobs = Array.from({ length: 30 }, (_, i) =>
      makeBatch({
        id: `batch_${i.toString(16).padStart(32, 'a')}`,
        model: 'klusterai/Meta-Llama-3.3-70B-Instruct-Turbo',
        status: i % 3 === 0 ? 'in_progress' : i % 3 === 1 ? 'completed' : 'pre_schedule',
        requestCounts: { total: 50_000, completed: 12_345 + i, failed: 1_234 },
        metadata: { description: `A long description that would never fit on a narrow terminal ${i}` },
      }),
    );
    const page = async () => ({ items: jobs, hasMore: false, nextCursor: null });
    session = fakeSession({ listBatches: page, batchPager: () => new Pager<Batch>(page) });
    const ui = renderUi(<JobListScreen />, { session, body: { width: 60, height: 12 } });
    const frame = await ui.waitForFrame('30 jobs');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(12);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    // Every job row starts with the marker column and a short id: none is a wrapped continuation.
    const rows = lines.slice(2, 11);
    for (const row of rows) expect(row).toMatch(/^[› ] [0-9a-f]{8} /);
    expect(frame).not.toContain('description');
    expect(frame).not.toContain('Llama');
    expect(frame).toContain('13,579/50,000');
    expect(frame).toContain('? pre schedule');

    // At 80 columns every column is there, still one line per job.
    const wide = renderUi(<JobListScreen />, { session, body: { width: 80, height: 12 } });
    const wideFrame = await wide.waitForFrame('30 jobs');
    for (const line of wideFrame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(wideFrame).toMatch(/model\s+description/);
    expect(wideFrame).toContain('Llama');
    expect(wideFrame).toContain('A long des');
  });

  it('scrolls 10,000 jobs rendering only the rows that fit', async () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) =>
      makeBatch({ id: `batch_${String(i).padStart(8, '0')}`, metadata: { description: `job ${i}` } }),
    );
    const page = async () => ({ items: jobs, hasMore: false, nextCursor: null });
    session = fakeSession({ listBatches: page, batchPager: () => new Pager<Batch>(page) });
    const ui = renderUi(<JobListScreen />, { session, body: { width: 100, height: 21 } });
    await ui.waitForFrame('10,000 jobs');
    for (let i = 0; i < 40; i++) await ui.press('j');
    const frame = ui.frame();
    expect(selectedLine(frame)).toContain('job 40');
    expect(frame.split('\n')).toHaveLength(21);
    expect(frame).toContain('41/10,000');
    // Only the rows that fit are laid out: how fast that is belongs to the benchmarks, not here.
    await ui.press('G');
    expect(selectedLine(ui.frame())).toContain('job 9999');
  });
});
