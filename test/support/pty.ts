import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServerOptions } from '../../src/server/index.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * A real terminal for end-to-end tests: the built CLI runs in a pseudo-terminal and its bytes are
 * interpreted by a headless xterm, so a test sees what a person sees (ghost rows, the alternate
 * screen, the cursor) and can count the bytes an SSH link would carry.
 */

// @xterm/headless is a CommonJS bundle: its named export is only reachable through the default one.
const { Terminal } = xterm;
type XTerm = InstanceType<typeof Terminal>;

export const cliPath = fileURLToPath(new URL('../../dist/bin/fizz-batch.js', import.meta.url));

/** What the keys send in a terminal (xterm's normal cursor-key mode). */
export const keys = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  ctrlC: '\u0003',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
} as const;

export interface LaunchOptions {
  /** Arguments after the bin, e.g. ['--demo'] or ['--base-url', url]. */
  args?: string[];
  cols?: number;
  rows?: number;
  /** Variables added to (or, when undefined, removed from) the child's environment. */
  env?: Record<string, string | undefined>;
  /** Colour output (FORCE_COLOR unset); default false: FORCE_COLOR=0 for stable text. */
  color?: boolean;
  /** A config directory to use; default a fresh temporary one, removed on dispose. */
  configDir?: string;
  /**
   * Start the CLI from an interactive bash with job control, typed at its prompt (`$ `) as a user
   * does, so that ctrl-z and `fg` work; `pid` is then the shell's (see `cliPid`).
   */
  underShell?: boolean;
  /**
   * Start the CLI in a session of its own (setsid), the pty its terminal but not its controlling
   * one: when the pty goes away it gets no SIGHUP and learns it from the terminal alone (EIO).
   */
  withoutControllingTerminal?: boolean;
}

export interface ExitInfo {
  exitCode: number;
  signal: number | undefined;
}

/** A point in the output stream, to measure what was written after it. */
export interface ByteMark {
  /** Bytes written since the mark. */
  bytes(): number;
  /** The raw output since the mark. */
  raw(): Buffer;
  /** Synchronized-output frames (`ESC[?2026h`) begun since the mark. */
  frames(): number;
}

const live = new Set<PtyConsole>();

const frameStart = Buffer.from('\u001b[?2026h');
const cursorHide = '\u001b[?25l';
const cursorShow = '\u001b[?25h';

/** The child's environment: the parent's, less everything that would change what the console does. */
function childEnv(options: LaunchOptions, configDir: string): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  // Ink writes no interactive frames when it thinks it runs in CI, and CI runs with CI=true.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  // A developer's own key, host or profile must never reach a test.
  delete env.FIZZ_API_KEY;
  delete env.FIZZ_BASE_URL;
  delete env.FIZZ_PROFILE;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.NODE_ENV;
  env.TERM = 'xterm-256color';
  env.COLORTERM = '';
  env.FIZZ_CONFIG_DIR = configDir;
  // Where the console remembers the picker's and the save directories: the test's own, never ~/.local/state.
  env.XDG_STATE_HOME = join(configDir, 'state');
  if (!options.color) env.FORCE_COLOR = '0';
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return clean;
}

export class PtyConsole {
  readonly pty: IPty;
  readonly term: XTerm;
  /** Resolves when the process has exited and every byte it wrote has been interpreted. */
  readonly exit: Promise<ExitInfo>;
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private hidden = false;
  private tail = '';
  private exited: ExitInfo | null = null;
  private readonly configDir: string;
  private readonly ownConfigDir: boolean;
  private disposed = false;
  private readonly startedByAnother: boolean;
  private knownCliPid: number | undefined;

  constructor(options: LaunchOptions = {}) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.ownConfigDir = options.configDir === undefined;
    this.startedByAnother = options.underShell === true || options.withoutControllingTerminal === true;
    this.configDir = options.configDir ?? mkdtempSync(join(tmpdir(), 'fizz-batch-pty-config-'));
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const command = [process.execPath, cliPath, ...(options.args ?? [])];
    const env = childEnv(options, this.configDir);
    // setsid forks (node-pty's child already leads a session) and -w waits for the CLI.
    const [file, ...args] = options.underShell
      ? ['bash', '--norc', '--noprofile', '-i']
      : options.withoutControllingTerminal
        ? ['setsid', '-w', ...command]
        : command;
    this.pty = spawn(file!, args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: process.cwd(),
      env: options.underShell ? { ...env, PS1: '$ ', HISTFILE: '/dev/null' } : env,
      // Raw bytes: counted exactly, and decoded by xterm, which copes with split UTF-8 sequences.
      encoding: null,
    });
    if (options.underShell)
      this.pty.write(`${command.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ')}\r`);
    this.pty.onData((data: string | Buffer) => {
      const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      this.chunks.push(chunk);
      this.total += chunk.length;
      this.trackCursor(chunk);
      this.term.write(chunk);
    });
    this.exit = new Promise<ExitInfo>((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.exited = { exitCode, signal };
        // node-pty reports the exit after the last data event; let xterm finish parsing it.
        this.term.write('', () => resolve({ exitCode, signal }));
      });
    });
    live.add(this);
  }

  get pid(): number {
    return this.pty.pid;
  }

  /** The CLI's process id: the pty's own process, or its child when started `underShell` or `withoutControllingTerminal`. */
  cliPid(): number | undefined {
    if (!this.startedByAnother) return this.pid;
    // Kept once known: after a hang-up the shell or setsid is gone, and the CLI with it from its list.
    if (this.knownCliPid === undefined) {
      const children = readFileSync(`/proc/${this.pid}/task/${this.pid}/children`, 'utf8').trim();
      if (children !== '') this.knownCliPid = Number(children.split(' ')[0]);
    }
    return this.knownCliPid;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Raw bytes the program has written so far. */
  get bytesWritten(): number {
    return this.total;
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  /** Marks the current point of the output, to measure what comes after it. */
  mark(): ByteMark {
    const at = this.total;
    return {
      bytes: () => this.total - at,
      raw: () => Buffer.concat(this.chunks).subarray(at),
      frames: () => countOccurrences(Buffer.concat(this.chunks).subarray(at), frameStart),
    };
  }

  /** Every byte written so far. */
  raw(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Resolves once xterm has interpreted every byte received so far. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** The visible lines, trimmed right. */
  lines(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++)
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines;
  }

  /** The visible screen as text, one line per row, trimmed right. */
  screen(): string {
    return this.lines().join('\n');
  }

  /** The screen without its trailing blank rows, for error messages. */
  describe(): string {
    const lines = this.lines();
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return `--- screen ${this.cols}×${this.rows}${this.exited ? ` (exited ${this.exited.exitCode})` : ''} ---\n${lines.join('\n')}\n---`;
  }

  /**
   * Why the frame on screen does not fit the terminal: a row that wrapped onto the next one (it
   * was wider than the terminal), or anything on the last row (the frame must stay rows - 1 tall).
   */
  frameProblems(): string[] {
    const buffer = this.term.buffer.active;
    const problems: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      if (buffer.getLine(buffer.viewportY + y)?.isWrapped)
        problems.push(`row ${y} continues row ${y - 1}: a line was wider than ${this.cols} columns`);
    }
    const last = this.lines()[this.term.rows - 1] ?? '';
    if (last !== '') problems.push(`the last row (${this.term.rows - 1}) is used: ${JSON.stringify(last)}`);
    return problems;
  }

  isAltScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  /** Whether the last cursor show/hide sequence written hid it. */
  cursorHidden(): boolean {
    return this.hidden;
  }

  /** Polls the screen until `check` passes; on timeout the error shows the screen. */
  async waitFor(
    what: string,
    check: (screen: string, console: PtyConsole) => boolean,
    { timeoutMs = 10_000, intervalMs = 25 } = {},
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      const screen = this.screen();
      if (check(screen, this)) return screen;
      if (this.exited)
        throw new Error(`the console exited (${this.exited.exitCode}) while waiting for ${what}\n${this.describe()}`);
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Waits until the screen contains the text (or matches the pattern); returns the screen. */
  waitForText(text: string | RegExp, options: { timeoutMs?: number } = {}): Promise<string> {
    const what = typeof text === 'string' ? JSON.stringify(text) : String(text);
    return this.waitFor(
      what,
      (screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)),
      options,
    );
  }

  /** Waits until the text is gone from the screen. */
  waitForNoText(text: string | RegExp, options: { timeoutMs?: number } = {}): Promise<string> {
    const what = `no ${typeof text === 'string' ? JSON.stringify(text) : String(text)}`;
    return this.waitFor(
      what,
      (screen) => (typeof text === 'string' ? !screen.includes(text) : !text.test(screen)),
      options,
    );
  }

  /**
   * Sends keys one write each, a little apart: a terminal never delivers a burst of separate key
   * presses in one read, and Ink needs the frame of one key before the next reaches the new handler.
   */
  async press(...sequence: string[]): Promise<void> {
    for (const key of sequence) {
      this.pty.write(key);
      await new Promise((resolve) => setTimeout(resolve, key === keys.esc ? 120 : 40));
    }
  }

  /** Types text one character at a time. */
  async type(text: string): Promise<void> {
    await this.press(...[...text]);
  }

  /** Resizes the terminal: the pty (the child gets SIGWINCH) and the emulator alike. */
  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (!this.exited) this.pty.resize(cols, rows);
  }

  /** Closes the terminal under the program, as a dropped SSH link does (node-pty then sends SIGHUP to its own child). */
  hangUp(): void {
    // destroy() is UnixTerminal's, left out of node-pty's typings.
    (this.pty as IPty & { destroy(): void }).destroy();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.exited) return;
    try {
      this.pty.kill(signal);
    } catch {
      // Already gone.
    }
  }

  /** Kills the child if it still runs and frees everything; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    live.delete(this);
    // A CLI started by a shell or setsid may outlive the pty's own process.
    if (this.startedByAnother) {
      try {
        const cli = this.knownCliPid ?? (this.exited ? undefined : this.cliPid());
        if (cli !== undefined) process.kill(cli, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (!this.exited) {
      this.kill('SIGKILL');
      await Promise.race([this.exit, new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
    this.term.dispose();
    if (this.ownConfigDir) rmSync(this.configDir, { recursive: true, force: true });
  }

  private trackCursor(chunk: Buffer): void {
    // Look at the end of the previous chunk too: a sequence may be split between two reads.
    const text = this.tail + chunk.toString('latin1');
    const hide = text.lastIndexOf(cursorHide);
    const show = text.lastIndexOf(cursorShow);
    if (hide >= 0 || show >= 0) this.hidden = hide > show;
    this.tail = text.slice(-(cursorHide.length - 1));
  }
}

/** Starts the built CLI in a pseudo-terminal. */
export function launchConsole(options: LaunchOptions = {}): PtyConsole {
  return new PtyConsole(options);
}

/** Kills every console still running: call from afterEach/afterAll. */
export async function disposeAllConsoles(): Promise<void> {
  await Promise.all([...live].map((c) => c.dispose()));
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * One built-in server for the real-terminal tests of a file (or a describe): started before them,
 * closed after them, and every console still open closed after each test.
 */
export function serverForConsoles(options: Partial<ServerOptions> = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    await disposeAllConsoles();
  });
  return () => {
    if (!server) throw new Error('the server starts in beforeAll');
    return server;
  };
}
