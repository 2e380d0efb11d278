import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/api/index.js';
import { clientFor, rowId, rowIds, rowOf, seedJobs, selectJob } from '../support/pty-jobs.js';
import { disposeAllConsoles, keys, launchConsole, type PtyConsole } from '../support/pty.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * What a person does with the console, in a real terminal against the built-in server on
 * loopback: open a job and come back, cancel (no, then yes), filter, and watch the list refresh.
 */

afterEach(async () => {
  await disposeAllConsoles();
});

const headerOf = (c: PtyConsole) => c.lines()[0] ?? '';
const selectedRow = (c: PtyConsole) => c.lines().find((line) => line.startsWith('› ')) ?? '';

describe('the demo', () => {
  it('shows the header and the demo jobs in every status', async () => {
    const c = launchConsole({ args: ['--demo'], cols: 120, rows: 32 });
    const screen = await c.waitForText('Nightly product-review sentiment');
    expect(headerOf(c)).toMatch(/^fizz-batch · Jobs · demo @ 127\.0\.0\.1:\d+ .*● updated/);
    expect(screen).toContain('17 jobs');
    expect(rowIds(screen)).toHaveLength(17);
    for (const word of [
      'validating',
      'in progress',
      'finalizing',
      'cancelling',
      'completed',
      'failed',
      'expired',
      'cancelled',
    ])
      expect(screen).toContain(word);
    expect(screen).not.toMatch(/NaN|Invalid Date|undefined/);
    expect(c.frameProblems()).toEqual([]);
  });
});

describe('the job list and the job detail, against a server on loopback', () => {
  let server: TestServer;
  let done: Batch[];
  let running: Batch[];
  let listReads = 0;

  beforeAll(async () => {
    server = await startTestServer({
      failRate: 0,
      log: (line) => {
        if (line.startsWith('GET /v1/batches?') || line.startsWith('GET /v1/batches ')) listReads++;
      },
    });
    done = await seedJobs(server, { count: 4, requests: 3, prefix: 'done' });
    // 2,000 requests at 2 a second: running for the whole test.
    running = await seedJobs(server, { count: 3, requests: 2000, prefix: 'running' });
  });
  afterAll(async () => {
    await server.close();
  });

  const open = async (args: string[] = []) => {
    const c = launchConsole({ args: ['--base-url', server.url, ...args], cols: 100, rows: 30 });
    await c.waitFor('the job list', (screen) => rowIds(screen).length >= 7);
    return c;
  };

  it('enter opens the selected job, q comes back to the list with the same job selected', async () => {
    const c = await open();
    expect(headerOf(c)).toContain(`@ 127.0.0.1:${server.port}`);
    const job = done[1]!;
    await selectJob(c, job.id);
    await c.press(keys.enter);
    // The description is on the list too: the detail is there once the header says so.
    const detail = await c.waitFor(
      'the detail of done 002',
      (screen) => headerOf(c).includes('· Job ·') && screen.includes('Timeline'),
    );
    expect(detail).toContain('done 002');
    expect(detail).toContain(job.id);
    expect(detail).toContain('Timeline');
    expect(detail).toMatch(/created\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(detail).not.toMatch(/NaN|Invalid Date|undefined/);
    expect(c.frameProblems()).toEqual([]);

    await c.press('q');
    await c.waitFor('the job list again', () => headerOf(c).includes('· Jobs ·') && rowIds(c.screen()).length >= 7);
    await c.waitFor('the same job still selected', () => selectedRow(c).slice(2, 10) === rowId(job.id), {
      timeoutMs: 2000,
    });
    expect(c.hasExited).toBe(false);
  });

  it('c then n closes the dialog and changes nothing', async () => {
    const c = await open();
    const job = running[0]!;
    await selectJob(c, job.id);
    await c.press('c');
    const dialog = await c.waitForText('Cancel this batch?');
    expect(dialog).toContain(job.id);
    expect(dialog).toContain('in progress');
    expect(dialog).toMatch(/still count/);
    await c.press('n');
    await c.waitForNoText('Cancel this batch?');
    expect(rowOf(c.screen(), job.id)).toContain('in progress');
    expect((await clientFor(server).getBatch(job.id)).status).toBe('in_progress');
  });

  it('c then y on the detail screen cancels: cancelling, then cancelled', async () => {
    const c = await open();
    const job = running[1]!;
    await selectJob(c, job.id);
    await c.press(keys.enter);
    await c.waitFor(
      'the detail of running 002',
      (screen) => headerOf(c).includes('· Job ·') && screen.includes('running 002') && screen.includes('in progress'),
    );
    await c.press('c');
    await c.waitForText('Cancel this batch?');
    await c.press('y');
    // The dialog says "cancelling…" while the request is out; then the detail shows the new status.
    await c.waitForNoText('Cancel this batch?');
    await c.waitForText(/[…⊘] cancell(ing|ed)/);
    // The server takes 3 s to cancel; the detail keeps polling until it says so.
    await c.waitForText(/⊘ cancelled/, { timeoutMs: 20_000 });
    expect((await clientFor(server).getBatch(job.id)).status).toBe('cancelled');
  });

  it('c then y on the list cancels the selected job', async () => {
    const c = await open();
    const job = running[2]!;
    await selectJob(c, job.id);
    await c.press('c');
    await c.waitForText('Cancel this batch?');
    await c.press('y');
    await c.waitFor('the row saying cancelling', () => /cancell(ing|ed)/.test(rowOf(c.screen(), job.id) ?? ''));
    expect(['cancelling', 'cancelled']).toContain((await clientFor(server).getBatch(job.id)).status);
  });

  it('/ filters the rows by text; esc clears the filter', async () => {
    const c = await open();
    await c.press('/');
    await c.type('done 003');
    await c.waitFor('one row', (screen) => rowIds(screen).length === 1);
    await c.press(keys.enter);
    // "1 of 7 loaded" shows while typing too: wait for the applied filter, then check the rest.
    const filtered = await c.waitForText('"done 003"');
    expect(rowIds(filtered)).toEqual([rowId(done[2]!.id)]);
    expect(filtered).toContain('1 of 7 loaded');

    await c.press('/');
    await c.press(keys.esc);
    await c.waitFor('every row again', (screen) => rowIds(screen).length === 7 && screen.includes('7 jobs'));
  });

  it('refreshing every second never duplicates a row, also while new jobs arrive on top', async () => {
    const c = await open(['--refresh', '1']);
    expect(headerOf(c)).toContain('every 1s');
    const seen: string[][] = [];
    const before = listReads;
    const added = await seedJobs(server, { count: 2, requests: 3, prefix: 'late' });
    for (let i = 0; i < 6; i++) {
      const reads = listReads;
      // One more refresh has reached the server and its answer had time to be drawn.
      await c.waitFor('a refresh', () => listReads > reads, { timeoutMs: 5000 });
      await c.settled();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const ids = rowIds(c.screen());
      seen.push(ids);
      expect(new Set(ids).size, c.describe()).toBe(ids.length);
      expect(c.frameProblems()).toEqual([]);
    }
    expect(listReads - before).toBeGreaterThanOrEqual(6);
    const last = seen.at(-1)!;
    for (const job of [...added, ...done, ...running])
      expect(last.filter((id) => id === rowId(job.id))).toHaveLength(1);
    expect(last.slice(0, 2)).toEqual([rowId(added[1]!.id), rowId(added[0]!.id)]);
  });
});
