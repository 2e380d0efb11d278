import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createBatchClient, type Batch, type BatchClient } from '../../../../src/api/index.js';
import { emptyConfig } from '../../../../src/config/index.js';
import { Session } from '../../../../src/core/session.js';
import { finishedMessage } from '../../../../src/ui/features/job-detail/useJobDetail.js';
import { JobDetailScreen } from '../../../../src/ui/features/job-detail/JobDetailScreen.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { fakeSession, keys, makeBatch, renderUi } from '../../../support/ui.js';

/** A real client on the test server that counts GET /batches/{id}, to see when polling stops. */
function countingSession(baseURL: string): { session: Session; gets: () => number } {
  let gets = 0;
  const session = new Session({
    store: null,
    config: emptyConfig(),
    flags: { baseURL },
    env: {},
    label: 'test',
    createClient: (connection) => {
      const real = createBatchClient({ baseURL: connection.baseURL, apiKey: null });
      return new Proxy(real, {
        get(target, name) {
          const value = Reflect.get(target, name, target) as unknown;
          if (name === 'getBatch')
            return (...args: Parameters<BatchClient['getBatch']>) => ((gets += 1), target.getBatch(...args));
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  });
  session.connect();
  return { session, gets: () => gets };
}

async function submit(
  server: TestServer,
  lines: Array<Record<string, unknown> | string>,
  description = 'UI test batch',
): Promise<Batch> {
  const client = createBatchClient({ baseURL: server.url, apiKey: null });
  const path = writeJsonl(tempDir(), 'input.jsonl', lines);
  const file = await client.uploadFile(path);
  return client.createBatch({
    inputFileId: file.id,
    endpoint: '/v1/chat/completions',
    completionWindow: '24h',
    metadata: { description },
  });
}

const body = { width: 80, height: 21 };

describe('JobDetailScreen on the built-in server', () => {
  let server: TestServer | undefined;
  let session: Session | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
    session = undefined;
  });

  it('shows a running job moving, with a throughput once two polls exist', async () => {
    server = await startTestServer({ requestsPerSecond: 20, failRate: 0 });
    const job = await submit(server, questions(400), 'Moving job');
    ({ session } = countingSession(server.url));
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={250} />, { session, body });

    const first = await ui.waitForFrame(/in progress since/);
    expect(first).toContain('Moving job');
    expect(first).toContain('polling every');
    const doneOf = (frame: string) => Number(/(\d+)\/400/.exec(frame)?.[1] ?? -1);
    const start = doneOf(first);
    const moved = await ui.waitForFrame((f) => doneOf(f) > start && /\d+(\.\d)? req\/s/.test(f));
    expect(moved).toMatch(/Rate\s+\d+(\.\d)? req\/s · ETA \d+/);
    expect(moved).toContain('400 total');
    expect(moved).toContain('to go');
    expect(moved).toMatch(/Expires\s+in 23h/);
    for (const bad of ['NaN', 'undefined', 'Invalid Date']) expect(moved).not.toContain(bad);
    // The list agrees with what the detail saw.
    const listed = session
      .getState()
      .services!.jobs.getState()
      .jobs.find((j) => j.id === job.id);
    expect(listed?.status).toBe('in_progress');
    ui.unmount();
  });

  it('shows the timeline and the output file of a completed job, and stops polling', async () => {
    server = await startTestServer({ speed: 1000, failRate: 0 });
    const job = await submit(server, questions(5), 'Quick job');
    await server.engine.advance();
    const counting = countingSession(server.url);
    session = counting.session;
    const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={100} />, { session, body: { width: 80, height: 40 } });

    const frame = await ui.waitForFrame('final — not polled');
    expect(frame).toContain('✓ completed at');
    expect(frame).toMatch(/Timeline\n\s+created\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(frame).toMatch(/in progress\s+\d{4}-\d\d-\d\d/);
    expect(frame).toMatch(/completed\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const done = await createBatchClient({ baseURL: server.url, apiKey: null }).getBatch(job.id);
    expect(done.outputFileId).toBeTruthy();
    expect(frame).toMatch(new RegExp(`output\\s+${done.outputFileId!}`));
    expect(frame).toMatch(/Ran\s+/);
    const gets = counting.gets();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(counting.gets()).toBe(gets);
    expect(ui.notifier.notify).not.toHaveBeenCalled();
    ui.unmount();
  });

  it('groups validation errors by code, with line numbers, and lists every one of them', async () => {
    server = await startTestServer({ speed: 1000 });
    const lines: Array<Record<string, unknown> | string> = questions(12);
    for (const n of [2, 4, 6, 8, 10]) lines[n - 1] = '{"custom_id": "broken", ';
    lines[11] = chatRequest('request-1', 'Again?');
    const job = await submit(server, lines, 'Broken file');
    await server.engine.advance();
    session = countingSession(server.url).session;
    const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={100} />, { session, body: { width: 80, height: 40 } });

    const frame = await ui.waitForFrame('✗ failed');
    expect(frame).toContain('Errors  6 in 2 codes');
    expect(frame).toContain('invalid_json_line ×5');
    expect(frame).toContain('line 2: This line is not parseable as valid JSON.');
    // A failed job's errors are all there is to fix: every one is listed, none summed up.
    for (const n of [2, 4, 6, 8, 10]) expect(frame).toContain(`line ${n}: This line is not parseable as valid JSON.`);
    expect(frame).not.toMatch(/and \d+ more/);
    expect(frame).toMatch(
      /duplicate_custom_id ×1\n\s+line 12 \(custom_id\): The custom_id 'request-1' is used more than once/,
    );
    ui.unmount();
  });

  it('says every request failed when a completed job has no output file', async () => {
    server = await startTestServer({ speed: 1000 });
    const job = await submit(
      server,
      Array.from({ length: 4 }, (_, i) => chatRequest(`t-${i}`, 'Hi', { extraBody: { temperature: 2.5 } })),
      'All bad',
    );
    await server.engine.advance();
    session = countingSession(server.url).session;
    const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={100} />, { session, body: { width: 80, height: 40 } });

    const frame = await ui.waitForFrame('final — not polled');
    // Not a green ✓: the status word itself says that nothing succeeded.
    expect(frame).toContain('✗ completed · all failed');
    expect(frame).toContain('0 completed · 4 failed');
    expect(frame).toMatch(/output {2}— \(none\)\n\s+every request failed — see the error file/);
    expect(frame).toMatch(/error\s+file-/);
    ui.unmount();
  });

  it('cancels after y: cancelling, then cancelled; enter keeps the job running', async () => {
    server = await startTestServer({ requestsPerSecond: 5, failRate: 0 });
    const job = await submit(server, questions(400), 'To cancel');
    session = countingSession(server.url).session;
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={200} />, { session, body });
    await ui.waitForFrame(/in progress since/);

    await ui.press('c');
    await ui.waitForFrame('Cancel this batch?');
    await ui.press(keys.enter);
    let frame = await ui.waitForFrame((f) => !f.includes('Cancel this batch?'));
    expect(frame).toContain('in progress');
    expect((await createBatchClient({ baseURL: server.url, apiKey: null }).getBatch(job.id)).status).toBe(
      'in_progress',
    );

    await ui.press('c');
    await ui.waitForFrame('Cancel this batch?');
    await ui.press('y');
    frame = await ui.waitForFrame('↻ cancelling since');
    expect(frame).toContain('Cancel sent: waiting for the server to say cancelled.');
    expect(frame).toContain('polling every');
    frame = await ui.waitForFrame('⊘ cancelled at', 20_000);
    expect(frame).toContain('final — not polled');
    expect(ui.notifier.notify).toHaveBeenCalledTimes(1);
    ui.unmount();
  });

  it('notifies exactly once when a watched job completes', async () => {
    server = await startTestServer({ requestsPerSecond: 10, failRate: 0 });
    const job = await submit(server, questions(15), 'Notify me');
    session = countingSession(server.url).session;
    const ui = renderUi(<JobDetailScreen id={job.id} initial={job} intervalMs={150} />, { session, body });
    await ui.waitForFrame('✓ completed', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ui.notifier.notify).toHaveBeenCalledTimes(1);
    expect(ui.notifier.notify).toHaveBeenCalledWith('fizz-batch: batch Notify me completed — 15/15 done, 0 failed');
    ui.unmount();
  });
});

describe('JobDetailScreen with a fake client', () => {
  let session: Session | undefined;
  afterEach(() => session?.dispose());

  it('shows a 409 refusal in the dialog until it is dismissed', async () => {
    const running = makeBatch({ id: 'batch_409', status: 'in_progress' });
    let cancels = 0;
    session = fakeSession({
      getBatch: async () => running,
      cancelBatch: async () => {
        cancels += 1;
        throw new ApiError({
          kind: 'conflict',
          status: 409,
          message: "Cannot cancel a batch with status 'completed'.",
        });
      },
    });
    const ui = renderUi(<JobDetailScreen id="batch_409" intervalMs={60_000} />, { session, body });
    await ui.waitForFrame('in progress since');
    await ui.press('c');
    await ui.press('y');
    const frame = await ui.waitForFrame("✗ Cannot cancel a batch with status 'completed'.");
    expect(cancels).toBe(1);
    expect(frame).toContain('Cancel this batch?');
    await ui.press(keys.escape);
    const after = await ui.waitForFrame((f) => !f.includes('Cancel this batch?'));
    expect(after).not.toContain('Cannot cancel');
    ui.unmount();
  });

  it('shows a refusal that arrives after the dialog was closed', async () => {
    let refuse: (error: unknown) => void = () => {};
    session = fakeSession({
      getBatch: async () => makeBatch({ id: 'batch_late' }),
      cancelBatch: () => new Promise<Batch>((_, reject) => (refuse = reject)),
    });
    const ui = renderUi(<JobDetailScreen id="batch_late" intervalMs={60_000} />, { session, body });
    await ui.waitForFrame('in progress since');
    await ui.press('c');
    await ui.press('y');
    await ui.waitForFrame('cancelling…');
    await ui.press('n');
    await ui.waitForFrame((f) => !f.includes('Cancel this batch?'));
    refuse(new ApiError({ kind: 'unreachable', message: 'Cannot reach http://127.0.0.1:9 (ECONNREFUSED).' }));
    await ui.waitForFrame('✗ Cancel failed: Cannot reach http://127.0.0.1:9 (ECONNREFUSED).');
    await ui.press('r');
    expect(ui.frame()).not.toContain('Cancel failed');
    ui.unmount();
  });

  it('keeps the last good data, marked stale, with the error and the retry time', async () => {
    let calls = 0;
    session = fakeSession({
      getBatch: async () => {
        calls += 1;
        if (calls === 1) return makeBatch({ id: 'batch_stale' });
        throw new ApiError({
          kind: 'server',
          status: 503,
          message: 'The server had an error (503). It will be retried.',
          retryAfterMs: 12_000,
        });
      },
    });
    const ui = renderUi(<JobDetailScreen id="batch_stale" intervalMs={50} />, { session, body });
    const frame = await ui.waitForFrame((f) =>
      /⚠ stale · last update just now: The server had an error \(503\)\. It will be retried\. · retrying in 1[12]s/.test(
        f.replace(/\s+/g, ' '),
      ),
    );
    expect(frame).toContain('5/10');
    expect(frame).toContain('4 completed · 1 failed');
    ui.unmount();
  });

  it('says there is nothing to cancel on a finished job, and q falls through to go back', async () => {
    session = fakeSession({
      getBatch: async () =>
        makeBatch({ id: 'batch_done', status: 'completed', requestCounts: { total: 10, completed: 10, failed: 0 } }),
    });
    const ui = renderUi(<JobDetailScreen id="batch_done" intervalMs={50} />, { session, body });
    await ui.waitForFrame('final — not polled');
    await ui.press('c');
    expect(ui.frame()).toContain('This job is completed; there is nothing to cancel.');
    expect(ui.frame()).not.toContain('Cancel this batch?');
    await ui.press('q');
    expect(ui.onCommand).toHaveBeenCalledWith('back', expect.anything());
    ui.unmount();
  });

  it('does not notify for a job opened already completed', async () => {
    const done = makeBatch({
      id: 'batch_old',
      status: 'completed',
      requestCounts: { total: 10, completed: 10, failed: 0 },
    });
    session = fakeSession({ getBatch: async () => done });
    const ui = renderUi(<JobDetailScreen id="batch_old" initial={done} intervalMs={50} />, { session, body });
    await ui.waitForFrame('final — not polled');
    await ui.press('r');
    await ui.waitForFrame('final — not polled');
    expect(ui.notifier.notify).not.toHaveBeenCalled();
    ui.unmount();
  });

  it('scrolls content taller than the body and renders only what fits', async () => {
    const errors = Array.from({ length: 40 }, (_, i) => ({
      code: `code_${i % 8}`,
      message: `problem ${i}`,
      param: null,
      line: i + 1,
    }));
    const job = makeBatch({
      id: 'batch_tall',
      status: 'failed',
      errors,
      metadata: { description: 'Tall', owner: 'ops' },
      usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200, cachedTokens: 10 },
    });
    session = fakeSession({ getBatch: async () => job });
    const ui = renderUi(<JobDetailScreen id="batch_tall" intervalMs={50} />, {
      session,
      body: { width: 60, height: 12 },
    });
    const top = await ui.waitForFrame('final — not polled');
    expect(top.split('\n').length).toBeLessThanOrEqual(12);
    expect(top).toMatch(/rows 1–\d+ of \d+/);
    expect(top).not.toContain('owner');
    await ui.press('G');
    const bottom = ui.frame();
    expect(bottom.split('\n').length).toBeLessThanOrEqual(12);
    expect(bottom).toMatch(/owner\s+ops/);
    expect(bottom).toContain('batch_tall');
    await ui.press('g');
    expect(ui.frame()).toMatch(/rows 1–/);
    await ui.press(keys.down);
    expect(ui.frame()).toMatch(/rows 2–/);
    // Keys typed faster than a frame arrive as one chunk; each one still scrolls.
    await ui.press('jjj');
    expect(ui.frame()).toMatch(/rows 5–/);
    ui.unmount();
  });

  it('lays out two columns at wide widths', async () => {
    const job = makeBatch({
      id: 'batch_wide',
      status: 'failed',
      errors: [{ code: 'invalid_json_line', message: 'bad', param: null, line: 3 }],
      metadata: { description: 'Wide' },
    });
    session = fakeSession({ getBatch: async () => job });
    const ui = renderUi(<JobDetailScreen id="batch_wide" intervalMs={50} />, {
      session,
      body: { width: 120, height: 30 },
    });
    const frame = await ui.waitForFrame('final — not polled');
    expect(frame).toMatch(/Endpoint .*Errors/);
  });
});

describe('JobDetailScreen layout', () => {
  it('never draws a row wider than the body, from 60 to 100 columns, dialog included', async () => {
    const errors = Array.from({ length: 9 }, (_, i) => ({
      code: `code_${i % 3}`,
      message: `A long message about problem ${i} that goes on and on and on`,
      param: 'body.model',
      line: i + 1,
    }));
    const job = makeBatch({
      id: 'batch_3a93c7668329fa8e1837cbdcbdd9b016',
      errors,
      requestCounts: { total: 5000, completed: 2389, failed: 20 },
      model: 'klusterai/Meta-Llama-3.3-70B-Instruct-Turbo',
      metadata: { description: 'Catalogue translation FR→EN, 5k SKUs' },
      usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
    });
    const session = fakeSession({ getBatch: async () => job });
    const tooWide: string[] = [];
    try {
      for (const width of [60, 61, 67, 73, 80, 91, 99, 100]) {
        const ui = renderUi(<JobDetailScreen id={job.id} intervalMs={60_000} />, {
          session,
          body: { width, height: 12 },
        });
        await ui.waitForFrame('polling');
        const check = (what: string) => {
          const lines = ui.frame().split('\n');
          if (lines.length > 12) tooWide.push(`${width} ${what}: ${lines.length} rows`);
          for (const line of lines) if ([...line].length > width) tooWide.push(`${width} ${what}: ${line}`);
        };
        check('detail');
        await ui.press('c');
        check('dialog');
        ui.unmount();
      }
    } finally {
      session.dispose();
    }
    expect(tooWide).toEqual([]);
  });
});

describe('finishedMessage', () => {
  it('names the job by description, else by id', () => {
    expect(
      finishedMessage(makeBatch({ id: 'b1', status: 'failed', requestCounts: { total: 3, completed: 1, failed: 2 } })),
    ).toBe('fizz-batch: batch b1 failed — 1/3 done, 2 failed');
  });
});
