import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/api/index.js';
import type { Flavor } from '../../src/server/index.js';
import { localDateTime } from '../../src/ui/format/time.js';
import { rowIds, seedJobs, selectJob } from '../support/pty-jobs.js';
import { disposeAllConsoles, keys, launchConsole, type PtyConsole } from '../support/pty.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The provider-quirks run: the same jobs on a server answering as the fizz.ai guide shows
 * (numeric-string timestamps, `errors: []`, extra list fields) and on one answering as OpenAI
 * does must look the same in the console: same dates, same counts, same statuses.
 */
describe('the console shows the same dates and counts against the fizz flavour as against the openai one', () => {
  // Both servers share one clock, frozen after the setup, so both hold jobs in the same state. It
  // starts two hours and 30 s ago: the ages on screen ("2h 00m ago") are then half a minute away
  // from turning over while the two consoles are read a few seconds apart.
  const start = Math.floor((Date.now() - 2 * 3_600_000 - 30_000) / 1000) * 1000;
  let clock = start;
  const now = () => clock;
  const flavors: Flavor[] = ['openai', 'fizz'];
  const servers = {} as Record<Flavor, TestServer>;
  const jobs = {} as Record<Flavor, { finished: Batch; running: Batch }>;

  beforeAll(async () => {
    for (const flavor of flavors) servers[flavor] = await startTestServer({ flavor, now, failRate: 0 });
    // One job that ends completed with one refused request, created two hours ago…
    for (const flavor of flavors)
      jobs[flavor] = {
        finished: (
          await seedJobs(servers[flavor], { count: 1, requests: 6, withFailure: true, prefix: 'finished' })
        )[0]!,
        running: undefined as never,
      };
    clock += 60 * 60_000;
    await Promise.all(flavors.map((f) => servers[f].engine.advance()));
    // …and one created an hour later that has been running for ten minutes when the clock stops.
    for (const flavor of flavors)
      jobs[flavor].running = (await seedJobs(servers[flavor], { count: 1, requests: 5000, prefix: 'running' }))[0]!;
    clock += 10 * 60_000;
    await Promise.all(flavors.map((f) => servers[f].engine.advance()));
  });
  afterAll(async () => {
    await Promise.all(flavors.map((f) => servers[f]?.close()));
  });
  afterEach(async () => {
    await disposeAllConsoles();
  });

  /** The body of the screen with every id replaced by its role. */
  function masked(c: PtyConsole, flavor: Flavor): string {
    const body = c
      .lines()
      .slice(1, c.rows - 1)
      .join('\n');
    return body
      .replaceAll(jobs[flavor].finished.id, '<finished-id>')
      .replaceAll(jobs[flavor].running.id, '<running-id>')
      .replace(/file-[0-9a-f]+/g, '<file-id>')
      .replace(/^(›| ) [0-9a-f]{8} /gm, '$1 <row-id> ');
  }

  async function screens(flavor: Flavor): Promise<{ list: string; finished: string; running: string }> {
    const c = launchConsole({ args: ['--base-url', servers[flavor].url], cols: 120, rows: 32 });
    await c.waitFor('both jobs on the list', (screen) => rowIds(screen).length === 2);
    const list = masked(c, flavor);
    const detail = async (job: Batch, what: string) => {
      await selectJob(c, job.id);
      await c.press(keys.enter);
      await c.waitFor(
        `the detail of the ${what} job`,
        (screen) => (c.lines()[0] ?? '').includes('· Job ·') && screen.includes(job.id) && screen.includes('Timeline'),
      );
      // The first poll of the detail has come back: nothing is in flight any more.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await c.settled();
      const text = masked(c, flavor);
      await c.press('q');
      await c.waitFor('the list again', () => (c.lines()[0] ?? '').includes('· Jobs ·'));
      return text;
    };
    const finished = await detail(jobs[flavor].finished, 'finished');
    const running = await detail(jobs[flavor].running, 'running');
    return { list, finished, running };
  }

  it('lists and details are identical but for the ids', async () => {
    const [openai, fizz] = await Promise.all([screens('openai'), screens('fizz')]);
    expect(fizz.list).toBe(openai.list);
    expect(fizz.finished).toBe(openai.finished);
    expect(fizz.running).toBe(openai.running);

    // And what they say is right: local creation dates, counts from the server.
    const created = (ms: number) => localDateTime(Math.floor(ms / 1000));
    expect(openai.finished).toContain(created(start));
    expect(openai.finished).toMatch(/7 total · 6 completed · 1 failed/);
    expect(openai.finished).toContain('completed');
    expect(openai.running).toContain(created(start + 60 * 60_000));
    expect(openai.running).toContain('in progress');
    // Ten minutes at two requests a second, less the second of validation.
    expect(openai.running).toMatch(/5,000 total · 1,198 completed · 0 failed/);
    expect(openai.list).toMatch(/7\/7/);
    for (const text of Object.values(openai)) expect(text).not.toMatch(/NaN|Invalid Date|undefined/);
  });
});
