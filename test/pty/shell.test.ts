import { describe, expect, it } from 'vitest';
import { serverForConsoles, keys, launchConsole, type PtyConsole } from '../support/pty.js';

/**
 * The app shell in a real terminal: the header, help, the sizes it works at, and the terminal
 * given back as it was however the console ends.
 */

// One server with the demo jobs for every test (`--demo` itself is tested in flows.test.ts): the
// console starts faster without a server of its own to seed.
const server = serverForConsoles({ demoData: true });

const headerOf = (c: PtyConsole) => c.lines()[0] ?? '';
const footerOf = (c: PtyConsole) => c.lines()[c.rows - 2] ?? '';

/**
 * Opens the console on the demo jobs and waits for the first refresh (the header says when the
 * list was updated): by then the console reads keys in raw mode, so ctrl-c is a key, not SIGINT.
 */
async function openDemo(cols = 100, rows = 30, args: string[] = []): Promise<PtyConsole> {
  const c = launchConsole({ args: ['--base-url', server().url, ...args], cols, rows });
  await c.waitFor(
    'the header of a connected console',
    () =>
      headerOf(c).startsWith('fizz-batch · Jobs · ') &&
      headerOf(c).includes(`@ 127.0.0.1:${server().port}`) &&
      headerOf(c).includes('updated') &&
      footerOf(c).includes('q quit'),
  );
  return c;
}

describe('the console shell in a real terminal', () => {
  it('opens in the alternate screen with the cursor hidden, header on the first line and the keys on the last', async () => {
    const c = await openDemo();
    expect(c.isAltScreen()).toBe(true);
    expect(c.cursorHidden()).toBe(true);
    expect(headerOf(c)).toMatch(/● updated .* · every 15s/);
    expect(footerOf(c)).toContain('? help');
    expect(footerOf(c)).toContain('q quit');
    expect(c.frameProblems()).toEqual([]);
    expect(c.screen()).not.toMatch(/NaN|Invalid Date|undefined/);
  });

  it('? opens the help of the current screen, generated from the keymap, and q goes back', async () => {
    const c = await openDemo();
    await c.press('?');
    const help = await c.waitForText('Keys on the Jobs screen');
    expect(help).toContain('Everywhere');
    expect(help).toMatch(/enter\s+open the selected job/);
    expect(help).toMatch(/ctrl-c\s+quit from anywhere/);
    expect(headerOf(c)).toContain('Help');
    // The footer follows the screen that holds the keys, one frame later.
    await c.waitFor('the footer of the help screen', () => footerOf(c).includes('q back'));
    await c.press('q');
    await c.waitFor('the job list again', () => headerOf(c).includes('· Jobs ·') && footerOf(c).includes('q quit'));
    expect(c.hasExited).toBe(false);
  });

  it('fits every size from 120×32 down to 60×15 and says so below that', async () => {
    const c = await openDemo(120, 32);
    const fits = async (cols: number, rows: number) => {
      c.resize(cols, rows);
      await c.waitFor(
        `a frame laid out for ${cols}×${rows}`,
        () =>
          headerOf(c).startsWith('fizz-batch · Jobs') && footerOf(c).includes('help') && c.frameProblems().length === 0,
      );
      // The frame is drawn for this size, not left over from the previous one.
      expect(
        c
          .lines()
          .slice(0, rows - 1)
          .some((line) => line.length > cols),
      ).toBe(false);
      expect(c.lines()[rows - 1]).toBe('');
      expect(c.screen()).not.toContain('Terminal too small');
    };
    await fits(120, 32);
    await fits(80, 24);
    await fits(60, 15);

    c.resize(59, 15);
    const small = await c.waitForText('Terminal too small: 59×15');
    expect(small).toContain('needs 60×15');
    c.resize(60, 14);
    await c.waitForText('Terminal too small: 60×14');
    expect(c.lines().slice(1).join('').trim()).toBe('');

    // And back: the console recovers without a key press.
    await fits(80, 24);
    expect(c.hasExited).toBe(false);
  });

  it('started in a terminal that is too small, it says so and draws itself once there is room', async () => {
    const c = launchConsole({ args: ['--base-url', server().url], cols: 40, rows: 10 });
    const screen = await c.waitForText('Terminal too small');
    expect(screen.split('\n')[0]).toContain('40×10');
    expect(c.frameProblems()).toEqual([]);
    c.resize(80, 24);
    await c.waitFor('the job list', () => headerOf(c).startsWith('fizz-batch · Jobs'));
    await c.press(keys.ctrlC);
    expect((await c.exit).exitCode).toBe(0);
  });

  it('q on the job list quits and gives the terminal back', async () => {
    const c = await openDemo();
    await c.press('q');
    const { exitCode } = await c.exit;
    expect(exitCode).toBe(0);
    expect(c.isAltScreen()).toBe(false);
    expect(c.cursorHidden()).toBe(false);
  });

  it('ctrl-c quits from a screen deeper than the list and gives the terminal back', async () => {
    const c = await openDemo();
    await c.press('?');
    await c.waitForText('Keys on the Jobs screen');
    await c.press(keys.ctrlC);
    const { exitCode } = await c.exit;
    expect(exitCode).toBe(0);
    expect(c.isAltScreen()).toBe(false);
    expect(c.cursorHidden()).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s leaves the alternate screen, shows the cursor and exits %i', async (signal, code) => {
    const c = await openDemo();
    expect(c.isAltScreen()).toBe(true);
    c.kill(signal);
    const { exitCode } = await c.exit;
    expect(exitCode).toBe(code);
    expect(c.isAltScreen()).toBe(false);
    expect(c.cursorHidden()).toBe(false);
    // Nothing but the way the shell was left: no stack trace on the main screen.
    expect(c.screen()).not.toMatch(/at .*\.js:\d+|Error:/);
  });

  it('with --no-alt-screen it stays on the main screen and still shows the cursor at the end', async () => {
    const c = await openDemo(100, 30, ['--no-alt-screen']);
    expect(c.isAltScreen()).toBe(false);
    await c.press(keys.ctrlC);
    expect((await c.exit).exitCode).toBe(0);
    expect(c.cursorHidden()).toBe(false);
  });

  it('writes nothing at all while the list is paused', async () => {
    const c = await openDemo();
    await c.press(' ');
    await c.waitFor('the header saying paused', () => headerOf(c).includes('paused'));
    // Let the frame of the key press go out, then listen.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idle = c.mark();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(idle.bytes(), JSON.stringify(idle.raw().toString())).toBe(0);
  });

  it('NO_COLOR: no colour in the output, states still in words', async () => {
    const colored = launchConsole({ args: ['--base-url', server().url], cols: 100, rows: 30, color: true });
    const plain = launchConsole({
      args: ['--base-url', server().url],
      cols: 100,
      rows: 30,
      color: true,
      env: { NO_COLOR: '1' },
    });
    for (const c of [colored, plain])
      await c.waitFor('the job list', (screen) => screen.includes('17 jobs') && headerOf(c).includes('updated'));
    // SGR colour parameters: 30–37, 90–97 (foreground), 40–47 (background), 38;5/38;2 (extended).
    const colour = new RegExp(String.raw`\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|38;[25])(?:;[0-9;]*)?m`);
    expect(colored.raw().toString()).toMatch(colour);
    expect(plain.raw().toString()).not.toMatch(colour);
    expect(plain.screen()).toMatch(/✓ completed/);
    expect(plain.screen()).toMatch(/▸ in progress/);
    // Without colour the selected row still shows: drawn in inverse video, an attribute, not a colour.
    const forced = launchConsole({
      args: ['--base-url', server().url],
      cols: 100,
      rows: 30,
      color: true,
      env: { FORCE_COLOR: '0' },
    });
    const flagged = launchConsole({
      args: ['--base-url', server().url, '--no-color'],
      cols: 100,
      rows: 30,
      color: true,
    });
    for (const c of [plain, forced, flagged]) {
      await c.waitFor('the job list', (screen) => screen.includes('17 jobs'));
      const row = c.lines().findIndex((line) => line.startsWith('›'));
      const buffer = c.term.buffer.active;
      const cell = buffer.getLine(buffer.viewportY + row)!.getCell(4)!;
      expect(cell.isInverse(), c.describe()).not.toBe(0);
      expect(c.raw().toString()).not.toMatch(colour);
    }
  });
});
