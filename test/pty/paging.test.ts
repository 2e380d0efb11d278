import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/api/index.js';
import { rowId, rowIds, seedJobs } from '../support/pty-jobs.js';
import { disposeAllConsoles, keys, launchConsole } from '../support/pty.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** More jobs than one page: the list loads the next page with `after` as the user scrolls. */
describe('paging through more than one page of jobs in a real terminal', () => {
  let server: TestServer;
  let jobs: Batch[];
  const pageReads: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      failRate: 0,
      log: (line) => {
        if (line.startsWith('GET /v1/batches?')) pageReads.push(line);
      },
    });
    jobs = await seedJobs(server, { count: 70, requests: 2, prefix: 'paged' });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await disposeAllConsoles();
  });

  /** The nth job of the list (1 = the newest). */
  const nth = (n: number) => jobs[jobs.length - n]!;

  it('shows the first page only, then the 60th job after scrolling down with PgDn and j', async () => {
    const c = launchConsole({ args: ['--base-url', server.url], cols: 100, rows: 30 });
    const first = await c.waitFor(
      'the first page',
      (screen) => rowIds(screen).length > 0 && screen.includes('50+ jobs'),
    );
    expect(rowIds(first)[0]).toBe(rowId(nth(1).id));
    expect(pageReads.some((line) => line.includes('after='))).toBe(false);

    // Page down until the 50th job is on screen, then step on with j: the next page comes in.
    for (let i = 0; i < 4 && !rowIds(c.screen()).includes(rowId(nth(50).id)); i++) {
      const before = rowIds(c.screen())[0];
      await c.press(keys.pageDown);
      await c.waitFor('the page to move', (screen) => rowIds(screen)[0] !== before, { timeoutMs: 3000 });
    }
    await c.waitFor('the 50th job', (screen) => rowIds(screen).includes(rowId(nth(50).id)));
    for (let i = 0; i < 12 && !rowIds(c.screen()).includes(rowId(nth(60).id)); i++) {
      await c.press('j');
      await c.settled();
    }
    const screen = await c.waitFor('the 60th job', (s) => rowIds(s).includes(rowId(nth(60).id)));
    expect(screen).toContain('70 jobs');
    expect(pageReads.some((line) => line.includes(`after=${nth(50).id}`))).toBe(true);
    const ids = rowIds(screen);
    expect(new Set(ids).size).toBe(ids.length);
    expect(c.frameProblems()).toEqual([]);

    // The end of the list, and every job exactly once on the way.
    await c.press('G');
    const end = await c.waitFor('the oldest job', (s) => rowIds(s).includes(rowId(nth(70).id)));
    expect(end).toContain('end of list');
    expect(end).toContain('70/70');
  });
});
