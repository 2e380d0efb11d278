import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient, type Batch, type FileObject } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { FilesScreen } from '../../../../src/ui/features/files/FilesScreen.js';
import { JobDetailScreen } from '../../../../src/ui/features/job-detail/JobDetailScreen.js';
import { NewBatchScreen } from '../../../../src/ui/features/new-batch/NewBatchScreen.js';
import { ResultsScreen } from '../../../../src/ui/features/results/ResultsScreen.js';
import { chatRequest, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { waitFor } from '../../../support/wait.js';
import { fakeSession, keys, makeBatch, renderUi, serverSession } from '../../../support/ui.js';

let session: Session | undefined;
let cacheBefore: string | undefined;
beforeAll(() => {
  // Downloads go to a cache of the test's own.
  cacheBefore = process.env.FIZZ_CACHE_DIR;
  process.env.FIZZ_CACHE_DIR = tempDir('fizz-cache-');
});
afterAll(() => {
  if (cacheBefore === undefined) delete process.env.FIZZ_CACHE_DIR;
  else process.env.FIZZ_CACHE_DIR = cacheBefore;
});
afterEach(() => {
  session?.dispose();
  session = undefined;
});

function detailOf(job: Batch) {
  session = fakeSession({ getBatch: async () => job });
  return renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />, {
    session,
    scope: 'detail',
    body: { width: 100, height: 30 },
  });
}

const finished = { status: 'completed', completedAt: Math.floor(Date.now() / 1000) - 60 } as const;

describe('job detail: o, e and R say why when there is nothing to open', () => {
  it('o opens the output file in the pager; e on a job where everything succeeded says there is no error file', async () => {
    const job = makeBatch({
      ...finished,
      outputFileId: 'file-out',
      errorFileId: null,
      requestCounts: { total: 3, completed: 3, failed: 0 },
    });
    const ui = detailOf(job);
    await ui.waitForFrame('completed');
    await ui.press('e');
    await ui.waitForFrame('This job has no error file: every request succeeded.');
    expect(ui.nav.push).not.toHaveBeenCalled();
    await ui.press('o');
    expect(ui.nav.push).toHaveBeenCalledWith({
      name: 'results',
      source: { kind: 'job', job: expect.objectContaining({ id: job.id }) as Batch, file: 'output' },
    });
    await ui.press('R');
    await ui.waitForFrame('Nothing to resubmit: every request succeeded.');
  });

  it('a completed job whose every request failed has only an error file', async () => {
    const job = makeBatch({
      ...finished,
      outputFileId: null,
      errorFileId: 'file-err',
      requestCounts: { total: 2, completed: 0, failed: 2 },
    });
    const ui = detailOf(job);
    await ui.waitForFrame('completed');
    await ui.press('o');
    await ui.waitForFrame('This job has no output file: no request succeeded (e shows the errors).');
    await ui.press('e');
    expect(ui.nav.push).toHaveBeenCalledWith({
      name: 'results',
      source: { kind: 'job', job: expect.objectContaining({ id: job.id }) as Batch, file: 'error' },
    });
  });

  it('a running job has no files yet, and R waits for it to finish', async () => {
    const job = makeBatch({ status: 'in_progress' });
    const ui = detailOf(job);
    await ui.waitForFrame('in progress');
    await ui.press('o');
    await ui.waitForFrame('This job has no output file yet: it comes when the job finishes (it is in progress).');
    await ui.press('R');
    await ui.waitForFrame('R works on a finished job; this one is in progress.');
    expect(ui.nav.push).not.toHaveBeenCalled();
  });

  it('the footer offers o, e and R', async () => {
    const ui = detailOf(makeBatch({ ...finished, outputFileId: 'file-out' }));
    await ui.waitForFrame('completed');
    // The footer is the App's; the keymap is what it reads.
    const { footerBindings } = await import('../../../../src/ui/keys/keymap.js');
    const labels = footerBindings('detail').map((b) => `${b.label} ${b.hint}`);
    expect(labels).toEqual(expect.arrayContaining(['o output', 'e errors', 'R resubmit failed']));
  });
});

describe('results pager on the built-in server', () => {
  let server: TestServer;
  let job: Batch;
  const ok = (i: number) => chatRequest(`q-${i}`, `What is ${i} squared?`);
  // temperature 2.5 is out of range: the server fails those requests with a 400.
  const bad = (i: number) => chatRequest(`q-${i}`, `Bad ${i}`, { extraBody: { temperature: 2.5 } });

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000, failRate: 0 });
    const client = createBatchClient({ baseURL: server.url, apiKey: null });
    const lines = Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? bad(i + 1) : ok(i + 1)));
    const file = await client.uploadFile(writeJsonl(tempDir(), 'input.jsonl', lines));
    const created = await client.createBatch({
      inputFileId: file.id,
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
    });
    // The server's clock is fast but real: wait for the job to finish, not for time to pass.
    job = await waitFor(
      'the job to complete',
      () => client.getBatch(created.id),
      (b) => b.status === 'completed',
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('o: the output, downloaded and cached, each record beside its own request (joined by custom_id)', async () => {
    expect(job.status).toBe('completed');
    expect(job.requestCounts).toMatchObject({ total: 12, completed: 9, failed: 3 });
    session = serverSession(server.url);
    const ui = renderUi(<ResultsScreen source={{ kind: 'job', job, file: 'output' }} />, {
      session,
      scope: 'results',
      body: { width: 120, height: 30 },
    });
    // Wait for the records themselves: the header and the joined input can arrive a frame before them.
    // Wait for the whole file and its records: the header, the joined input and the rows can each arrive a frame apart.
    let frame = await ui.waitForFrame(
      (f) =>
        /· output\s+line 1 of 9$/m.test(f) &&
        f.includes('input joined (12 requests)') &&
        /^\d+ {2}q-\d+ · 200/m.test(f) &&
        !f.includes('reading…'),
    );
    // Every record on screen shows the request with its own custom_id: the question names the number.
    // The last record may be cut by the bottom of the screen: the others are whole.
    const records = [...frame.matchAll(/^(\d+) {2}(q-(\d+)) · 200/gm)].slice(0, -1);
    expect(records.length).toBeGreaterThan(3);
    for (const [, , , n] of records) expect(frame).toContain(`user: What is ${n} squared?`);
    // Search goes to a record, and that record shows its own input.
    await ui.press('/');
    await ui.press('q-10');
    await ui.press(keys.enter);
    frame = await ui.waitForFrame('"q-10" at line');
    const top = frame.split('\n')[2]!;
    expect(top).toMatch(/^\d+ {2}q-10 · 200/);
    expect(frame.split('\n').slice(3, 8).join('\n')).toContain('user: What is 10 squared?');
    await ui.press('q');
    expect(ui.nav.back).toHaveBeenCalled();
  });

  it('e: the error file of a partly failed job, each failure with its code and request', async () => {
    session = serverSession(server.url);
    const ui = renderUi(<ResultsScreen source={{ kind: 'job', job, file: 'error' }} />, {
      session,
      scope: 'results',
      body: { width: 100, height: 30 },
    });
    // The header, the end of the download and the records each come in their own frame: wait for all.
    const frame = await ui.waitForFrame(
      (f) =>
        /· errors\s+line 1 of 3$/m.test(f) &&
        f.includes('input joined (12 requests)') &&
        /^\d+ {2}q-\d+ · ✗/m.test(f) &&
        !f.includes('reading…'),
    );
    expect(frame).toMatch(/^\d+ {2}q-(4|8|12) · ✗ 400/m);
    expect(frame).toMatch(/temperature 2\.5/);
  });

  it('enter on the files screen opens the selected file in the pager', async () => {
    session = serverSession(server.url);
    const ui = renderUi(<FilesScreen />, { session, scope: 'files', body: { width: 100, height: 21 } });
    await ui.waitForFrame(/\d+ files on/);
    await ui.press(keys.enter);
    const [route] = ui.nav.push.mock.calls.at(-1)! as [{ name: string; source: { kind: string; file: FileObject } }];
    expect(route.name).toBe('results');
    expect(route.source.kind).toBe('file');
    expect(route.source.file.id).toMatch(/^file-/);
  });

  it('an input file from the files screen shows its requests', async () => {
    session = serverSession(server.url);
    const input = (await createBatchClient({ baseURL: server.url, apiKey: null }).getFile(
      job.inputFileId!,
    )) as FileObject;
    const ui = renderUi(<ResultsScreen source={{ kind: 'file', file: input }} />, {
      session,
      scope: 'results',
      body: { width: 100, height: 30 },
    });
    const frame = await ui.waitForFrame(/^1 {2}q-1 · POST \/v1\/chat\/completions/m);
    expect(frame).toContain('input.jsonl · input (requests)');
    expect(frame).toContain('user: What is 1 squared?');
    expect(frame).not.toContain('input not joined');
  });

  it('R: reads what failed, says how many and why, and enter starts the new batch on exactly those requests', async () => {
    session = serverSession(server.url);
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />, {
      session,
      scope: 'detail',
      body: { width: 100, height: 30 },
    });
    await ui.waitForFrame('completed');
    await ui.press('R');
    const frame = await ui.waitForFrame('3 requests to resubmit');
    expect(frame).toContain(`Resubmit what failed in ${job.id}`);
    expect(frame).toMatch(/3 requests to resubmit, by why they did not succeed:.*\n.*\b3 HTTP 400 invalid_value/);
    const dir = join(process.env.FIZZ_CACHE_DIR!, 'resubmit');
    const [name] = readdirSync(dir);
    expect(frame).toMatch(/new file .*resubmit\/.*\.jsonl/);
    const path = join(dir, name!);
    const ids = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
    expect(ids).toEqual(['q-4', 'q-8', 'q-12']);
    await ui.press(keys.enter);
    expect(ui.nav.push).toHaveBeenCalledWith({ name: 'new' });
    ui.unmount();

    // The 'new' route shows the flow started on that file: its report, then the form prefilled.
    const flow = renderUi(<NewBatchScreen />, { session, scope: 'picker', body: { width: 100, height: 30 } });
    await flow.waitForFrame(/Requests\s+3\b/);
    await flow.press(keys.enter);
    await flow.waitForFrame(/Description\s+.*batch_\w+: 3 failed requests/);
    flow.unmount();
  });

  it('R then q closes the count without creating anything', async () => {
    session = serverSession(server.url);
    const before = server.store.listBatches().length;
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />, {
      session,
      scope: 'detail',
      body: { width: 100, height: 30 },
    });
    await ui.waitForFrame('completed');
    await ui.press('R');
    await ui.waitForFrame('requests to resubmit');
    await ui.press('q');
    await ui.waitForFrame((f) => !f.includes('requests to resubmit'));
    expect(ui.nav.push).not.toHaveBeenCalled();
    expect(ui.nav.back).not.toHaveBeenCalled();
    expect(server.store.listBatches()).toHaveLength(before);
  });
});
