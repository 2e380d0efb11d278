import { describe, expect, it } from 'vitest';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { clientFor } from '../support/pty-jobs.js';
import { serverForConsoles, keys, launchConsole } from '../support/pty.js';

/** The first half of the guide's workflow, from the console, in a real terminal. */
describe('new batch from the console', () => {
  const dir = tempDir();
  const good = writeJsonl(dir, 'good.jsonl', questions(5));
  const bad = writeJsonl(dir, 'bad.jsonl', [
    chatRequest('a', 'x'),
    '{oops',
    chatRequest('a', 'y'),
    chatRequest('c', 'z', { extraBody: { stream: true } }),
  ]);

  const server = serverForConsoles({ failRate: 0 });

  const open = () =>
    launchConsole({
      args: ['--base-url', server().url],
      env: { FIZZ_API_KEY: undefined, FIZZ_BASE_URL: undefined },
      cols: 100,
      rows: 30,
    });

  /** n, then an absolute path typed key by key: its / opens the path field and is the path's first character. */
  async function pick(c: ReturnType<typeof open>, path: string) {
    await c.waitForText(/No batch jobs yet|\d+ jobs?\b/);
    await c.press('n');
    await c.waitForText('Pick a .jsonl file');
    await c.type(path);
    await c.press(keys.enter);
  }

  it('picker → report → form → upload → the new job live', async () => {
    const c = open();
    await pick(c, good);
    await c.waitForText('No problems found');
    expect(c.screen()).toMatch(/Requests\s+5/);
    await c.press(keys.enter);
    await c.waitForText('Upload and create the batch');
    await c.type('from the pty test');
    await c.press(keys.enter);
    await c.press(keys.enter);
    const detail = await c.waitForText(/fizz-batch · Job · /, { timeoutMs: 15_000 });
    expect(detail).toContain('from the pty test');
    const jobs = await clientFor(server()).listBatches({ limit: 5 });
    expect(jobs.items[0]?.metadata).toEqual({ description: 'from the pty test' });
    expect(detail).toContain(jobs.items[0]!.id);
    // Back on the list, the new job is there.
    await c.press('q');
    await c.waitForText('from the pty test');
  });

  it('an absolute path pasted (or typed fast over SSH) in one write right after n reaches that file’s report', async () => {
    const elsewhere = tempDir('fizz-batch-pty-paste-');
    const path = writeJsonl(elsewhere, 'requests.jsonl', questions(3));
    const c = open();
    await c.waitForText(/No batch jobs yet|\d+ jobs?\b/);
    await c.press('n');
    await c.waitForText('Pick a .jsonl file');
    await c.press(`${path}${keys.enter}`);
    const report = await c.waitForText('No problems found');
    expect(report).toContain(`requests.jsonl  (${elsewhere})`);
    expect(report).toMatch(/Requests\s+3/);
  });

  it('a bad file shows its problems by line and is never uploaded', async () => {
    const client = clientFor(server());
    // By name: the jobs of other tests on this server add output files of their own meanwhile.
    const uploadsOfBad = async () =>
      (await client.listFiles({ limit: 100 })).items.filter((f) => f.filename === 'bad.jsonl').length;
    const c = open();
    await pick(c, bad);
    const report = await c.waitForText(/line 2/);
    expect(report).toMatch(/duplicate/i);
    expect(report).toMatch(/line 3/);
    expect(report).toMatch(/stream/i);
    await c.press(keys.enter);
    // Enter does not move on: still the report, nothing uploaded.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.screen()).not.toContain('Upload and create the batch');
    expect(await uploadsOfBad()).toBe(0);
  });
});
