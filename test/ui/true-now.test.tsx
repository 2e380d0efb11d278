import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, Pager, type Batch, type Page } from '../../src/api/index.js';
import { osc52 } from '../../src/ui/terminal/clipboard.js';
import { emptyConfig, StateStore } from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { JobDetailScreen } from '../../src/ui/features/job-detail/JobDetailScreen.js';
import { JobListScreen } from '../../src/ui/features/jobs/JobListScreen.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { fakeClient, fakeSession, keys, makeBatch, renderApp, renderUi } from '../support/ui.js';

// The console says what is true now: status words that do not flatter a job, notices that go with
// the state they describe, keys offered only where they do something, nothing important cut.

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

/** A fake server holding `jobs` (newest first, one page of up to 50); tests change it between polls. */
function listSession(jobs: { current: Batch[] }): Session {
  const page = async (): Promise<Page<Batch>> => ({ items: [...jobs.current], hasMore: false, nextCursor: null });
  return fakeSession({
    listBatches: page,
    batchPager: () => new Pager<Batch>(page),
    getBatch: async (id: string) => {
      const job = jobs.current.find((j) => j.id === id);
      if (!job) throw new Error(`no job ${id}`);
      return job;
    },
  });
}

const allFailed = makeBatch({
  id: 'batch_allfailed000000000000000000001',
  status: 'completed',
  completedAt: Math.floor(Date.now() / 1000) - 60,
  requestCounts: { total: 20, completed: 0, failed: 20 },
  errorFileId: 'file-errors',
});

describe('a job whose every request failed', () => {
  it('is "completed · all failed", not a green ✓, in the list and the detail', async () => {
    session = listSession({
      current: [
        allFailed,
        makeBatch({ id: 'batch_fine', status: 'completed', requestCounts: { total: 5, completed: 5, failed: 0 } }),
      ],
    });
    const list = renderUi(<JobListScreen />, { session, body: { width: 140, height: 20 } });
    const frame = await list.waitForFrame(' fine ');
    const row = frame.split('\n').find((line) => line.includes('allfaile'))!;
    expect(row).toContain('✗ completed · all failed');
    expect(row).not.toContain('✓');
    // The job that did succeed keeps its ✓.
    expect(frame.split('\n').find((line) => line.includes(' fine '))).toContain('✓ completed');
    list.unmount();

    const narrow = renderUi(<JobListScreen />, { session, body: { width: 80, height: 20 } });
    const narrowFrame = await narrow.waitForFrame('fine');
    expect(narrowFrame.split('\n').find((line) => line.includes('allfaile'))).toContain('✗ all failed');
    narrow.unmount();

    const detail = renderUi(<JobDetailScreen id={allFailed.id} initial={allFailed} intervalMs={100} />, {
      session,
      body: { width: 100, height: 21 },
    });
    const detailFrame = await detail.waitForFrame('all failed');
    expect(detailFrame).toContain('✗ completed · all failed');
    expect(detailFrame).not.toContain('✓ completed');
    detail.unmount();
  });
});

describe('notices on the job detail', () => {
  it('"… no output file yet … in progress" goes when the job completes', async () => {
    const running = makeBatch({
      id: 'batch_running',
      status: 'in_progress',
      requestCounts: { total: 10, completed: 9, failed: 0 },
    });
    const jobs = { current: [running] };
    session = listSession(jobs);
    const ui = renderUi(<JobDetailScreen id={running.id} initial={running} intervalMs={100} />, {
      session,
      body: { width: 100, height: 21 },
    });
    await ui.waitForFrame('polling every');
    await ui.press('o');
    await ui.waitForFrame('This job has no output file yet');
    jobs.current = [
      {
        ...running,
        status: 'completed',
        statusClass: 'terminal',
        completedAt: Math.floor(Date.now() / 1000),
        outputFileId: 'file-out',
        requestCounts: { total: 10, completed: 10, failed: 0 },
      },
    ];
    const done = await ui.waitForFrame('✓ completed');
    expect(done).not.toContain('no output file yet');
    expect(done).not.toContain('it is in progress');
    ui.unmount();
  });
});

describe('keys offered only where they do something', () => {
  it('offers no c, o or R on a finished job with nothing to open or resubmit, in the footer and the help; one interval', async () => {
    const running = makeBatch({
      id: 'batch_running',
      status: 'in_progress',
      createdAt: Math.floor(Date.now() / 1000) - 60,
    });
    const done = makeBatch({
      id: 'batch_done',
      status: 'completed',
      createdAt: Math.floor(Date.now() / 1000) - 120,
      completedAt: Math.floor(Date.now() / 1000) - 30,
      outputFileId: 'file-out',
      requestCounts: { total: 10, completed: 10, failed: 0 },
    });
    session = listSession({ current: [running, done] });
    const ui = renderApp(session);
    const footer = (frame: string) => frame.split('\n').at(-1) ?? '';
    // The running job is selected: c cancels it.
    expect(footer(await ui.waitForFrame(' done '))).toContain('c cancel job');
    await ui.press('j');
    expect(footer(await ui.waitForFrame((f) => /› done/.test(f)))).not.toContain('cancel job');

    await ui.press(keys.enter);
    const detail = await ui.waitForFrame('final — not polled');
    expect(footer(detail)).toContain('o output');
    expect(footer(detail)).not.toMatch(/\bc cancel|\be errors|R resubmit/);
    // The header does not state the list's interval beside the detail's.
    expect(detail.split('\n')[0]).not.toContain('every');
    await ui.press('?');
    const help = await ui.waitForFrame('Keys on the');
    expect(help).toContain('read the output file');
    expect(help).not.toMatch(/cancel the job|read the error file|resubmit its failed/);
    ui.unmount();
  });
});

describe('keys offered only where they do something, in a new batch', () => {
  it('offers no enter on a report with errors, and ←→ only on a field with a choice', async () => {
    const dir = tempDir('fizz-true-now-');
    writeJsonl(dir, 'bad.jsonl', [chatRequest('a', 'one'), chatRequest('a', 'again')]);
    writeJsonl(dir, 'good.jsonl', questions(2));
    const state = StateStore.inMemory();
    state.remember('host:127.0.0.1:9', { pickerDir: dir });
    session = new Session({
      store: null,
      config: emptyConfig(),
      flags: { baseURL: 'http://127.0.0.1:9/v1' },
      env: {},
      state,
      createClient: () => fakeClient({}),
    });
    session.connect();
    const ui = renderApp(session);
    const footer = () => ui.frame().split('\n').at(-1) ?? '';
    await ui.waitForFrame('No batch jobs yet');
    await ui.press('n');
    await ui.waitForFrame('good.jsonl');
    // bad.jsonl sorts first and is selected.
    await ui.press(keys.enter);
    await ui.waitForFrame('nothing is uploaded');
    expect(footer()).toContain('q other file');
    expect(footer()).not.toContain('continue');
    await ui.press('?');
    const help = await ui.waitForFrame('Keys on the');
    expect(help).not.toContain('continue to the form');
    await ui.press('q');
    await ui.waitForFrame('nothing is uploaded');
    await ui.press('q');
    await ui.waitForFrame('good.jsonl');
    await ui.press('j');
    await ui.press(keys.enter);
    await ui.waitForFrame('enter continue');
    await ui.press(keys.enter);
    // The form opens on the description: a text field, nothing to choose with ←→.
    await ui.waitForFrame('Upload and create');
    expect(footer()).not.toContain('←→');
    // This host offers one completion window: on its field too, ←→ would change nothing.
    await ui.press(keys.up);
    await ui.waitForFrame('› Window');
    expect(footer()).toContain('next field');
    expect(footer()).not.toContain('←→');
    ui.unmount();
  });
});

const longMessage =
  'The gateway in front of the batch service did not answer in time: upstream connect error or disconnect/reset before headers (connection termination)';

describe('nothing important is cut', () => {
  it("keeps the header's retry time when the offline message is long", async () => {
    session = fakeSession({
      listBatches: () =>
        Promise.reject(new ApiError({ kind: 'server', status: 503, message: longMessage, retryAfterMs: 12_000 })),
      batchPager: () =>
        new Pager<Batch>(() =>
          Promise.reject(new ApiError({ kind: 'server', status: 503, message: longMessage, retryAfterMs: 12_000 })),
        ),
    });
    const ui = renderApp(session);
    const frame = await ui.waitForFrame('offline');
    expect(frame.split('\n')[0]).toMatch(/✗ offline · retrying in \d+s\s*$/);
    ui.unmount();
  });

  it('wraps an error message on the detail to two rows, its retry time whole', async () => {
    let calls = 0;
    session = fakeSession({
      getBatch: async () => {
        calls += 1;
        if (calls === 1) return makeBatch({ id: 'batch_stale' });
        throw new ApiError({ kind: 'server', status: 503, message: longMessage, retryAfterMs: 12_000 });
      },
    });
    const ui = renderUi(<JobDetailScreen id="batch_stale" intervalMs={50} />, {
      session,
      body: { width: 100, height: 21 },
    });
    const frame = await ui.waitForFrame(/retrying in 1[12]s/);
    expect(frame.replace(/\s+/g, ' ')).toMatch(
      new RegExp(`⚠ stale · last update just now: ${longMessage.replace(/[()]/g, '\\$&')} · retrying in 1[12]s`),
    );
    ui.unmount();
  });

  it('shows model, ETA and file ids whole at 120 columns', async () => {
    const model = 'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo';
    const job = makeBatch({
      id: 'batch_wide',
      model,
      inputFileId: 'file-594a8b4442d7494d8b7b1006aa',
      metadata: { description: 'A job with metadata, so the detail has two columns' },
    });
    session = fakeSession({ getBatch: async () => job });
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />, {
      session,
      body: { width: 120, height: 30 },
    });
    const frame = await ui.waitForFrame('Metadata');
    expect(frame).toContain(`Model     ${model}`);
    expect(frame).toContain('file-594a8b4442d7494d8b7b1006aa');
    ui.unmount();
  });

  it('y copies the job id with OSC 52 and shows it whole, on the list and the detail', async () => {
    const id = 'batch_67f0a1b2c3d4e5f60718293a4b5c6d7e';
    const jobs = { current: [makeBatch({ id })] };
    session = listSession(jobs);
    const copied: string[] = [];
    const clipboard = { copy: (text: string) => void copied.push(text) };
    const list = renderUi(<JobListScreen />, { session, body: { width: 80, height: 20 }, clipboard });
    await list.waitForFrame('67f0a1b2');
    await list.press('y');
    expect(list.frame()).toContain(`copied ${id} (if your terminal allows OSC 52)`);
    list.unmount();
    const detail = renderUi(<JobDetailScreen id={id} intervalMs={60_000} />, {
      session,
      body: { width: 80, height: 21 },
      clipboard,
    });
    await detail.waitForFrame('in progress since');
    await detail.press('y');
    expect(detail.frame()).toContain(`copied ${id}`);
    expect(copied).toEqual([id, id]);
    detail.unmount();
    // The sequence carries the id sanitized and base64-encoded: nothing in it can end the sequence early.
    expect(osc52('batch_\u0007x', {})).toBe(`\u001b]52;c;${Buffer.from('batch_\uFFFDx').toString('base64')}\u0007`);
  });
});

describe('rate and ETA', () => {
  it('show from the first poll, from the time the job started running and its counts', async () => {
    const started = Math.floor(Date.now() / 1000) - 100;
    const job = makeBatch({
      id: 'batch_fresh',
      status: 'in_progress',
      inProgressAt: started,
      requestCounts: { total: 150, completed: 48, failed: 2 },
    });
    let gets = 0;
    session = fakeSession({ getBatch: async () => ((gets += 1), job) });
    const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={60_000} />, {
      session,
      body: { width: 100, height: 21 },
    });
    const frame = await ui.waitForFrame('in progress since');
    expect(gets).toBe(1);
    // 50 done in 100 s: 0.5 a second, so the 100 left take about 200 s.
    expect(frame).toMatch(/Rate\s+(29\.\d|30(\.0)?) req\/min · ETA 3m/);
    ui.unmount();
  });
});

describe('the job list columns', () => {
  it('stay where they are when a job with longer cells loads', async () => {
    const jobs = {
      current: [makeBatch({ id: 'batch_small', model: 'm1', requestCounts: { total: 5, completed: 1, failed: 0 } })],
    };
    session = listSession(jobs);
    const ui = renderUi(<JobListScreen />, { session, body: { width: 120, height: 20 } });
    const titles = (frame: string) => frame.split('\n').find((line) => line.trimStart().startsWith('id'));
    const before = titles(await ui.waitForFrame('small'));
    jobs.current = [
      makeBatch({
        id: 'batch_big',
        model: 'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo',
        requestCounts: { total: 2_500_000, completed: 1_200_000, failed: 34_567 },
        metadata: { description: 'A long description of a big job' },
      }),
      ...jobs.current,
    ];
    await ui.press('r');
    const after = await ui.waitForFrame('big');
    expect(titles(after)).toBe(before);
    ui.unmount();
  });
});
