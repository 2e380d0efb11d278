import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import {
  escapeInputLines,
  escapeJobId,
  escapeOutputLines,
  startEscapeServer,
  type HostileServer,
} from '../support/hostile-server.js';
import { clientFor } from '../support/pty-jobs.js';
import { disposeAllConsoles, keys, launchConsole } from '../support/pty.js';
import { startTestServer } from '../support/server.js';
import { foreignControls, withoutOwnSequences } from '../support/terminal-bytes.js';

/**
 * A server that puts escape sequences, C1 controls, BEL, CR, BS, bidi overrides, lone surrogates
 * and zero-width characters in every string of every object and error body (see
 * hostile-server.ts), and the console run through every screen that shows them, in a real
 * terminal: no byte of it may reach the terminal as a control, only the app's own sequences.
 */
describe('nothing a hostile server sends reaches the terminal raw', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startEscapeServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await disposeAllConsoles();
  });

  it(
    'through the list, the detail, a refused cancel, the pager (records and raw), the files and the models',
    { timeout: 60_000 },
    async () => {
      // Outside tmux, whatever runs the tests: inside it the app's own sequences are wrapped for tmux.
      const c = launchConsole({
        args: ['--base-url', server.url],
        color: true,
        cols: 110,
        rows: 32,
        env: { TMUX: undefined },
      });
      /** Everything written so far holds no control but the app's own sequences. */
      const expectNothingForeign = (after: string): void => {
        const own = withoutOwnSequences(c.raw());
        expect(foreignControls(own.rest), `controls written by the time of ${after}`).toEqual([]);
        // No C1 control in any form (U+0080–U+009F as UTF-8: C2 80 – C2 9F).
        expect(c.raw().toString('latin1'), `C1 controls written by the time of ${after}`).not.toMatch(
          /\u00c2[\u0080-\u009f]/,
        );
      };
      expect(escapeJobId).toContain('\u001b');

      // The status line names the selected job once the list takes keys.
      await c.waitForText(/^1\/1 · esc/m);
      expectNothingForeign('the list');
      await c.press(keys.enter);
      await c.waitForText('Timeline');
      expectNothingForeign('the detail');
      // y: the app's own OSC 52, with the id as the client made it.
      await c.press('y');
      await c.waitForText('copied batch_esc');
      await c.press('c');
      await c.waitForText('Cancel this batch?');
      await c.press('y');
      await c.waitForText('cannot cancel');
      expectNothingForeign('the refused cancel (409)');
      await c.press(keys.esc);
      await c.waitForNoText('Cancel this batch?');
      await c.press('o');
      await c.waitForText('input joined');
      await c.waitForText('no custom_id');
      expectNothingForeign('the pager');
      await c.press('v');
      await c.waitForText(/raw · [\d,]+ bytes/);
      expectNothingForeign("the pager's raw view");
      await c.press('q');
      await c.waitForText('Timeline');
      await c.press('f');
      await c.waitForText('3 files on');
      expectNothingForeign('the files screen');
      await c.press('m');
      await c.waitForText('1 model from');
      expectNothingForeign('the models screen');

      // The screens did show the hostile fields: each control a visible U+FFFD, never acted on.
      expect(c.screen()).toContain('m\uFFFD8;;https://evil.example/\uFFFDphish');
      const { copied } = withoutOwnSequences(c.raw());
      expect(copied).toHaveLength(1);
      expect(copied[0]).toMatch(/^batch_esc\uFFFD\]0;pwned-title\uFFFD/);
      expect(foreignControls(copied[0]!)).toEqual([]);
    },
  );

  it('nor does a local file: `view` on one whose name and every string are hostile', { timeout: 30_000 }, async () => {
    const dir = tempDir('fizz-batch-hostile-view-');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const output = writeJsonl(dir, 'out\u001b]0;title\u0007\u009b2J.jsonl', [...escapeOutputLines]);
    const input = writeJsonl(dir, 'in.jsonl', [...escapeInputLines]);
    const c = launchConsole({
      args: ['view', output, '--input', input],
      color: true,
      cols: 110,
      rows: 32,
      env: { TMUX: undefined },
    });
    await c.waitForText('input joined');
    await c.waitForText('no custom_id');
    expect(c.screen()).toContain('out\uFFFD]0;title\uFFFD\uFFFD2J.jsonl');
    await c.press('v');
    await c.waitForText(/raw · [\d,]+ bytes/);
    const { rest } = withoutOwnSequences(c.raw());
    expect(foreignControls(rest)).toEqual([]);
    expect(c.raw().toString('latin1')).not.toMatch(/\u00c2[\u0080-\u009f]/);
  });
});

describe('the job-finished notification (OSC 9)', () => {
  it(
    'writes no C1 control for a job whose description is an 8-bit OSC 52 (a clipboard write)',
    { timeout: 30_000 },
    async () => {
      // The clock stands still until the job is watched, then jumps past its end.
      let clock = Date.now();
      const server = await startTestServer({ now: () => clock, failRate: 0 });
      onTestFinished(() => server.close());
      const dir = tempDir('fizz-batch-hostile-notify-');
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const client = clientFor(server);
      const file = await client.uploadFile(writeJsonl(dir, 'jobs.jsonl', questions(2)), { purpose: 'batch' });
      const job = await client.createBatch({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        metadata: { description: '\u009d52;c;SGVsbG8=\u009c' },
      });

      const c = launchConsole({
        args: ['--base-url', server.url],
        color: true,
        cols: 110,
        rows: 32,
        env: { TMUX: undefined },
      });
      onTestFinished(() => c.dispose());
      await c.waitForText(/^1\/1 · /m);
      await c.press(keys.enter);
      await c.waitForText('Timeline');
      clock += 60 * 60_000;
      await server.engine.advance();
      await c.press('r');
      await c.waitFor('the notification', () => c.raw().includes('\u001b]9;'));

      const own = withoutOwnSequences(c.raw());
      expect(own.notified).toEqual([`fizz-batch: batch \uFFFD52;c;SGVsbG8=\uFFFD completed — 2/2 done, 0 failed`]);
      expect(foreignControls(own.rest)).toEqual([]);
      expect(c.raw().toString('latin1')).not.toMatch(/\u00c2[\u0080-\u009f]/);
      expect(job.metadata['description']).toBe('\uFFFD52;c;SGVsbG8=\uFFFD');
    },
  );
});
