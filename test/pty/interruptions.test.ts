import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/batch-files.js';
import { rowIds } from '../support/pty-jobs.js';
import { keys, launchConsole, serverForConsoles, type PtyConsole } from '../support/pty.js';
import { pagerTitle } from '../support/results-files.js';

/**
 * What a session left open for days meets, in a real terminal: ctrl-z and `fg` at a shell, and
 * the SSH link dropping.
 */

const server = serverForConsoles({ demoData: true });

const headerOf = (c: PtyConsole) => c.lines()[0] ?? '';
const footerOf = (c: PtyConsole) => c.lines()[c.rows - 2] ?? '';
const selectedId = (screen: string) => /^› ([0-9a-f]{8}) /m.exec(screen)?.[1];

/** The state letter of a process in /proc (R running, S sleeping, T stopped). */
function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0]!;
}

/** Whether the process has ended (gone, or a zombie waiting for its parent). */
function ended(pid: number): boolean {
  try {
    return processState(pid) === 'Z';
  } catch {
    return true;
  }
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Whether the terminal of `pid` is in raw mode (no canonical line editing, no echo), as `stty` reads it. */
function rawMode(pid: number): boolean {
  const settings = execFileSync('stty', ['-a', '-F', readlinkSync(`/proc/${pid}/fd/0`)], { encoding: 'utf8' });
  return /(^|\s)-icanon(\s|$)/.test(settings) && /(^|\s)-echo(\s|$)/.test(settings);
}

describe('ctrl-z and fg at a shell', () => {
  it('gives the terminal back while stopped, then takes it again with the whole screen repainted and keys working', async () => {
    const c = launchConsole({ underShell: true, args: ['--base-url', server().url], cols: 100, rows: 30 });
    const listed = await c.waitFor(
      'the job list',
      () =>
        headerOf(c).startsWith('fizz-batch · Jobs · ') &&
        headerOf(c).includes('updated') &&
        footerOf(c).includes('q quit'),
    );
    const ids = rowIds(listed);
    expect(ids.length).toBeGreaterThan(5);
    const pid = c.cliPid()!;
    expect(rawMode(pid)).toBe(true);
    // A text field is open (bracketed paste on): ctrl-z works there too, and the paste mode goes with the frame.
    await c.press('/');
    await c.waitFor('the filter field', () => footerOf(c).includes('esc cancel'));

    const suspended = c.mark();
    c.pty.write('\u001a');
    await c.waitFor(
      'the shell to say the job stopped',
      (screen) => /\[1\]\+ +Stopped/.test(screen) && processState(pid) === 'T',
    );
    expect(c.isAltScreen()).toBe(false);
    expect(c.cursorHidden()).toBe(false);
    // What the console wrote before it stopped (the shell's own modes come after its message).
    const output = suspended.raw().toString('latin1');
    const handedBack = output.slice(0, output.indexOf('[1]+'));
    expect(handedBack).toContain('\u001b[?1049l');
    expect(handedBack.lastIndexOf('\u001b[?25h')).toBeGreaterThan(handedBack.lastIndexOf('\u001b[?25l'));
    expect(handedBack.lastIndexOf('\u001b[?2004l')).toBeGreaterThan(handedBack.lastIndexOf('\u001b[?2004h'));
    // Nothing is drawn while stopped: the shell's prompt is the last thing on screen.
    expect(
      c
        .lines()
        .filter((line) => line !== '')
        .at(-1)
        ?.trimEnd(),
    ).toBe('$');

    c.pty.write('fg\r');
    const back = await c.waitFor(
      'the console back, whole',
      () =>
        c.isAltScreen() &&
        headerOf(c).startsWith('fizz-batch · Jobs · ') &&
        footerOf(c).includes('esc cancel') &&
        rowIds(c.screen()).length === ids.length,
    );
    expect(processState(pid)).not.toBe('T');
    expect(rowIds(back)).toEqual(ids);
    expect(back).not.toMatch(/Stopped|\$ fg/);
    expect(c.frameProblems()).toEqual([]);
    expect(c.cursorHidden()).toBe(true);
    expect(rawMode(pid)).toBe(true);

    // Keys reach the console again: esc closes the filter, j moves the selection.
    await c.press(keys.esc);
    await c.waitFor('the filter closed', () => footerOf(c).includes('q quit'));
    await c.press('j');
    await c.waitFor('the second job selected', (screen) => selectedId(screen) === ids[1]);
  });
});

describe('the terminal going away (a dropped SSH link)', () => {
  const cacheDir = tempDir('fizz-batch-pty-hangup-cache-');
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  /** Polls until `pid` has ended; resolves with the milliseconds since `since`. */
  async function endOf(c: PtyConsole, pid: number, since: number): Promise<number> {
    await c
      .waitFor(`process ${pid} to end`, () => ended(pid), { timeoutMs: 5000 })
      .catch((error: unknown) => {
        // The pty's own process may have gone first (setsid dies of the SIGHUP): then poll alone.
        if (!c.hasExited) throw error;
      });
    while (!ended(pid)) {
      if (Date.now() - since > 5000) throw new Error(`process ${pid} still runs 5 s after the hang-up`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Date.now() - since;
  }

  it('ends within a second when only the terminal says so (no SIGHUP: reads end, writes fail with EIO)', async () => {
    // The demo's own server keeps the process busy, and at a refresh a minute apart nothing is
    // drawn for a while: no write fails to tell it, only the terminal's read side can.
    const c = launchConsole({
      withoutControllingTerminal: true,
      args: ['--demo', '--refresh', '60'],
      cols: 100,
      rows: 30,
    });
    await c.waitFor('the job list', () => headerOf(c).includes('updated') && footerOf(c).includes('q quit'));
    const pid = c.cliPid()!;
    const hungUp = Date.now();
    c.hangUp();
    expect(await endOf(c, pid, hungUp)).toBeLessThan(1000);
  });

  it('ends within a second on SIGHUP with the results pager open, leaving no temporary file in the cache', async () => {
    const c = launchConsole({
      args: ['--base-url', server().url],
      env: { FIZZ_CACHE_DIR: cacheDir },
      cols: 100,
      rows: 30,
    });
    await c.waitFor('the job list', () => headerOf(c).includes('updated') && footerOf(c).includes('q quit'));
    await c.press('/');
    await c.type('status:completed');
    await c.press(keys.enter);
    await c.waitFor('completed jobs only', (screen) => rowIds(screen).length > 0 && footerOf(c).includes('q quit'));
    await c.press(keys.enter);
    await c.waitFor('the detail of a completed job', () => headerOf(c).includes('· Job ·'));
    await c.press('o');
    await c.waitFor('the output file in the pager', () => pagerTitle(c).includes('output'));
    const hungUp = Date.now();
    c.kill('SIGHUP');
    expect(await endOf(c, c.pid, hungUp)).toBeLessThan(1000);
    expect(filesUnder(cacheDir).filter((file) => /\.(tmp|partial)-/.test(file))).toEqual([]);
  });
});

describe('a resize storm', () => {
  it('50 resizes in a second: one repaint at the end, a clean frame at the final size', async () => {
    // A refresh a minute apart: nothing but the resizes makes the console draw.
    const c = launchConsole({ args: ['--base-url', server().url, '--refresh', '60'], cols: 120, rows: 40 });
    await c.waitFor('the job list', () => headerOf(c).includes('updated') && footerOf(c).includes('q quit'));
    const ids = rowIds(c.screen());
    const storm = c.mark();
    // The storm itself, as dragging a window edge makes it: sizes larger and smaller than the
    // first and the last, one every 20 ms (each its own SIGWINCH: the kernel merges those sent at once).
    for (let i = 0; i < 49; i++) {
      c.resize(70 + ((i * 37) % 60), 20 + ((i * 13) % 25));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    c.resize(90, 26);
    const final = await c.waitFor(
      'the frame at 90×26',
      () =>
        headerOf(c).startsWith('fizz-batch · Jobs · ') && headerOf(c).length === 90 && footerOf(c).includes('q quit'),
    );
    expect(storm.frames()).toBeLessThanOrEqual(2);
    const lines = final.split('\n');
    expect(lines.filter((line) => line.startsWith('fizz-batch · '))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('q quit'))).toHaveLength(1);
    expect(lines.every((line) => line.length <= 90)).toBe(true);
    expect(c.frameProblems()).toEqual([]);
    // The same jobs, as many as the rows hold (the list scrolls with the selection).
    expect(rowIds(final)).toEqual(ids.slice(0, rowIds(final).length));
    expect(rowIds(final).length).toBeGreaterThan(10);
  });
});
