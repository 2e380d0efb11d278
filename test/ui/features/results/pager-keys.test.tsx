import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient, type Batch, type FileObject } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { ResultsScreen } from '../../../../src/ui/features/results/ResultsScreen.js';
import { chatRequest, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { waitFor } from '../../../support/wait.js';
import { keys, renderApp, renderUi, serverSession } from '../../../support/ui.js';

/** The footer: the last non-blank row of the app's frame. */
function footerOf(frame: string): string {
  return (
    frame
      .split('\n')
      .filter((row) => row.trim() !== '')
      .at(-1) ?? ''
  );
}

describe('the pager offers only the keys that do something on the file it shows', () => {
  let server: TestServer;
  let job: Batch;
  let session: Session | undefined;
  let cacheBefore: string | undefined;

  beforeAll(async () => {
    cacheBefore = process.env.FIZZ_CACHE_DIR;
    process.env.FIZZ_CACHE_DIR = tempDir('fizz-cache-');
    server = await startTestServer({ speed: 1000, failRate: 0 });
    const client = createBatchClient({ baseURL: server.url, apiKey: null });
    // Two of six fail (temperature out of range): the built-in server puts them in an error file.
    const lines = Array.from({ length: 6 }, (_, i) =>
      chatRequest(`q-${i + 1}`, `Question ${i + 1}?`, i % 3 === 2 ? { extraBody: { temperature: 2.5 } } : {}),
    );
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
    if (cacheBefore === undefined) delete process.env.FIZZ_CACHE_DIR;
    else process.env.FIZZ_CACHE_DIR = cacheBefore;
  });
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  it('on the output file: E and x give way to e, which opens the error file where the failures are; o comes back', async () => {
    expect(job.requestCounts).toMatchObject({ total: 6, completed: 4, failed: 2 });
    session = serverSession(server.url);
    const app = renderApp(session);
    await app.waitForFrame(job.id);
    await app.press(keys.enter);
    await app.waitForFrame(/✓ completed/);
    await app.press('o');
    let frame = await app.waitForFrame((f) => /· output\s+line 1 of 4$/m.test(f) && /^\d+ {2}q-\d+ · 200/m.test(f));
    let footer = footerOf(frame);
    expect(footer).toContain('e error file');
    expect(footer).not.toContain('next error');
    expect(footer).not.toContain('errors only');
    expect(footer).not.toContain('o output file');

    // Pressed anyway, E says where the failures are instead of scanning the file for nothing.
    await app.press('E');
    await app.waitForFrame('The 2 failures are in the error file: e opens it.');
    await app.press('x');
    frame = await app.waitForFrame('The 2 failures are in the error file: e opens it.');
    expect(frame).not.toContain('errors only');

    await app.press('e');
    frame = await app.waitForFrame((f) => /· errors\s+line 1 of 2$/m.test(f) && /^\d+ {2}q-(3|6) · ✗ 400/m.test(f));
    footer = footerOf(frame);
    expect(footer).toContain('E next error');
    expect(footer).not.toContain('e error file');
    // o (less used than the paging keys) may not fit the footer: the help lists it, and not e.
    await app.press('?');
    frame = await app.waitForFrame("the job's output file instead of its error file");
    expect(frame).not.toContain("the job's error file instead");
    await app.press('q');
    await app.waitForFrame(/· errors\s+line 1 of 2$/m);

    await app.press('o');
    await app.waitForFrame(/· output\s+line 1 of 4$/m);
    // q from the pager goes to the job's detail, not to a second pager.
    await app.press('q');
    await app.waitForFrame((f) => f.includes('✓ completed') && !f.includes('· output'));
    app.unmount();
  });

  it('on an input file: no i, E or x in the footer; i says why', async () => {
    session = serverSession(server.url);
    const input = (await createBatchClient({ baseURL: server.url, apiKey: null }).getFile(
      job.inputFileId!,
    )) as FileObject;
    const ui = renderUi(<ResultsScreen source={{ kind: 'file', file: input }} />, {
      session,
      scope: 'results',
      body: { width: 140, height: 30 },
      footer: true,
    });
    const frame = await ui.waitForFrame(/^1 {2}q-1 · POST/m);
    const footer = footerOf(frame);
    expect(footer).toContain('/ search');
    expect(footer).not.toContain('i input');
    expect(footer).not.toContain('next error');
    expect(footer).not.toContain('errors only');
    expect(footer).not.toContain('error file');
    await ui.press('i');
    await ui.waitForFrame('This is the input file: each record is its own request.');
    await ui.press('E');
    await ui.waitForFrame('An input file holds requests, not results: it has no error lines.');
  });
});
