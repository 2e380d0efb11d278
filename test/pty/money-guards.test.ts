import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { clientFor } from '../support/pty-jobs.js';
import { serverForConsoles, keys, launchConsole } from '../support/pty.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** What keeps the user from paying (in time or money) for a batch that cannot work, in a real terminal. */
describe('the console guards the user before upload', () => {
  const dir = tempDir('fizz-batch-pty-guards-');
  const typo = writeJsonl(dir, 'typo.jsonl', [
    ...questions(2),
    ...Array.from({ length: 20 }, (_, i) => chatRequest(`typo-${i}`, 'hi', { model: 'gpt-5-nanoo' })),
  ]);

  const server = serverForConsoles({ failRate: 0 });

  const open = () =>
    launchConsole({
      args: ['--base-url', server().url],
      env: { FIZZ_API_KEY: undefined, FIZZ_BASE_URL: undefined },
      cols: 100,
      rows: 30,
    });

  it('the report warns that a model is not offered by the built-in server, before anything is uploaded', async () => {
    const before = (await clientFor(server()).listFiles({ limit: 100 })).items.length;
    const c = open();
    await c.waitForText(/No batch jobs yet|\d+ jobs?\b/);
    await c.press('n');
    await c.waitForText('Pick a .jsonl file');
    await c.type(typo);
    await c.press(keys.enter);
    const report = await c.waitForText('Model not offered by this provider');
    expect(report).toMatch(/Model check\s+! 1 not offered by this provider/);
    expect(report).toMatch(
      /line 3 \(body\.model\): model gpt-5-nanoo is not offered by this provider — 20 requests use it/,
    );
    expect((await clientFor(server()).listFiles({ limit: 100 })).items).toHaveLength(before);
  });

  describe('ctrl-c while the upload is on its way (a slow server)', () => {
    let slow: TestServer;
    const good = writeJsonl(dir, 'good.jsonl', questions(3));
    beforeAll(async () => {
      // Every answer comes 1.5 s late: the upload finishes while the question is open.
      slow = await startTestServer({ failRate: 0, latencyMs: 1500 });
    });
    afterAll(async () => {
      await slow.close();
    });

    async function askDuringUpload() {
      const c = launchConsole({
        args: ['--base-url', slow.url],
        env: { FIZZ_API_KEY: undefined, FIZZ_BASE_URL: undefined },
        cols: 100,
        rows: 30,
      });
      await c.waitForText(/No batch jobs yet|\d+ jobs?\b/, { timeoutMs: 15_000 });
      await c.press('n');
      await c.waitForText('Pick a .jsonl file');
      await c.type(good);
      await c.press(keys.enter);
      await c.waitForText('enter goes on', { timeoutMs: 15_000 });
      await c.press(keys.enter);
      await c.waitForText('Upload and create the batch');
      await c.press(keys.enter);
      await c.press(keys.enter);
      await c.waitForText('Uploading good.jsonl');
      await c.press(keys.ctrlC);
      await c.waitForText('Quit?');
      // The upload ends while the user is deciding: the batch waits.
      await c.waitForText('The file is uploaded. Quit?', { timeoutMs: 15_000 });
      return c;
    }

    it('no batch is created while "Quit?" is open; n creates it', async () => {
      const batchesBefore = slow.store.listBatches().length;
      const c = await askDuringUpload();
      expect(slow.store.listBatches()).toHaveLength(batchesBefore);
      await c.press('n');
      await c.waitForText(/fizz-batch · Job · /, { timeoutMs: 15_000 });
      expect(slow.store.listBatches()).toHaveLength(batchesBefore + 1);
    });

    it('y quits without creating the batch and says which file was uploaded', async () => {
      const batchesBefore = slow.store.listBatches().length;
      const filesBefore = new Set(slow.store.listFiles().map((f) => f.id));
      const c = await askDuringUpload();
      await c.press('y');
      await c.exit;
      const uploaded = slow.store.listFiles().filter((f) => !filesBefore.has(f.id) && f.purpose === 'batch');
      expect(uploaded).toHaveLength(1);
      const fileId = uploaded[0]!.id;
      expect(c.screen().replace(/\s+/g, ' ')).toContain(`The file was uploaded as ${fileId}, but no batch was created`);
      expect(slow.store.listBatches()).toHaveLength(batchesBefore);
    });
  });
});
