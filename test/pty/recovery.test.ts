import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { tempDir } from '../support/batch-files.js';
import { rowId, rowIds, seedJobs } from '../support/pty-jobs.js';
import { disposeAllConsoles, launchConsole } from '../support/pty.js';
import type { TestServer } from '../support/server.js';

/**
 * The server goes away while the console is open and comes back on the same port: the last good
 * rows stay on screen marked stale, and the console recovers by itself, without a key press.
 */
describe('the server stopped and restarted while the console is open', () => {
  const dataDir = tempDir('fizz-batch-pty-restart-');
  let server: TestServer | null = null;

  afterEach(async () => {
    await disposeAllConsoles();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows stale data with the error, then recovers on its own', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, failRate: 0 });
    const port = server.port;
    const jobs = await seedJobs(server, { count: 5, requests: 2, prefix: 'kept' });
    const c = launchConsole({ args: ['--base-url', server.url, '--refresh', '1'], cols: 100, rows: 30 });
    await c.waitFor(
      'the job list',
      (screen) => rowIds(screen).length === 5 && (c.lines()[0] ?? '').includes('● updated'),
    );

    await server.close();
    server = null;
    const stale = await c.waitFor('the header to say stale', () => /stale|offline/.test(c.lines()[0] ?? ''), {
      timeoutMs: 15_000,
    });
    const header = stale.split('\n')[0]!;
    // The data's age and the next try, in words; the reason on the row under the jobs.
    expect(header).toMatch(/⚠ stale · last update (just now|\d+s ago) · retrying( in \d+s|…)$/);
    expect(stale).toMatch(/⚠ Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. · r retries now/);
    // The last good rows are still there.
    expect(rowIds(stale)).toEqual(jobs.map((j) => rowId(j.id)).reverse());
    expect(stale).not.toMatch(/NaN|Invalid Date|undefined/);
    expect(c.frameProblems()).toEqual([]);

    server = await startServer({ port, host: '127.0.0.1', dataDir, failRate: 0 });
    // Backing off after errors, the next retry may be some seconds away; no key is pressed.
    const back = await c.waitFor('the header to recover', () => /● updated/.test(c.lines()[0] ?? ''), {
      timeoutMs: 25_000,
    });
    expect(back.split('\n')[0]).not.toContain('✗');
    expect(rowIds(back)).toEqual(jobs.map((j) => rowId(j.id)).reverse());
    expect(c.hasExited).toBe(false);
  });
});
