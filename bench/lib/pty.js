// A real terminal for the console benchmarks: the built CLI in a pseudo-terminal, its bytes
// counted as they arrive and interpreted by a headless xterm (the same approach as the tests'
// test/support/pty.ts, kept in plain JS so `npm run bench` needs no TypeScript).
import { spawn } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './proc.js';
import { performance } from 'node:perf_hooks';

const { Terminal } = xterm;
const frameStart = Buffer.from('\u001b[?2026h');

export const keys = { enter: '\r', esc: '\u001b', ctrlC: '\u0003', down: '\u001b[B', pageDown: '\u001b[6~' };

/** The console's environment: no CI (Ink would draw nothing), no user key or config, fixed TERM. */
export function consoleEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of [
    'CI',
    'CONTINUOUS_INTEGRATION',
    'FIZZ_API_KEY',
    'FIZZ_BASE_URL',
    'FIZZ_PROFILE',
    'NO_COLOR',
    'NODE_ENV',
  ])
    delete env[name];
  return { ...env, TERM: 'xterm-256color', FORCE_COLOR: '0', ...extra };
}

/**
 * Starts `node [nodeArgs] dist/bin/fizz-batch.js args` in a pty of cols×rows. `startedAt` is taken
 * just before the spawn, so times measured from it include process start-up.
 */
export function launch(args, { nodeArgs = [], ...options } = {}) {
  return launchProgram(process.execPath, [...nodeArgs, cli, ...args], options);
}

/**
 * Any program in a pty of cols×rows (the results bench runs `less` beside the console). With
 * `keepOutput: false` the raw bytes are counted but not kept (an hour of a soak would hold them all),
 * so `raw()` and a mark's `raw()`/`frames()` see nothing.
 */
export function launchProgram(file, args, { cols = 120, rows = 32, env = {}, keepOutput = true } = {}) {
  const configDir = mkdtempSync(join(tmpdir(), 'fizz-batch-bench-config-'));
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const chunks = [];
  let total = 0;
  let lastDataAt = 0;
  const startedAt = performance.now();
  const pty = spawn(file, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: process.cwd(),
    env: consoleEnv({ FIZZ_CONFIG_DIR: configDir, ...env }),
    encoding: null,
  });
  pty.onData((data) => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    if (keepOutput) chunks.push(chunk);
    total += chunk.length;
    lastDataAt = performance.now();
    term.write(chunk);
  });
  let exited = null;
  const exit = new Promise((resolve) =>
    pty.onExit((e) => {
      exited = e;
      term.write('', () => resolve(e));
    }),
  );

  const settled = () => new Promise((resolve) => term.write('', resolve));
  const lines = () => {
    const buffer = term.buffer.active;
    const out = [];
    for (let y = 0; y < term.rows; y++) out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  const screen = () => lines().join('\n');

  return {
    pty,
    term,
    startedAt,
    exit,
    get pid() {
      return pty.pid;
    },
    get bytes() {
      return total;
    },
    get lastDataAt() {
      return lastDataAt;
    },
    screen,
    lines,
    settled,
    raw: () => Buffer.concat(chunks),
    /** A point in the output; `bytes()`, `frames()` and `raw()` measure what came after it. */
    mark() {
      const at = total;
      return {
        bytes: () => total - at,
        raw: () => Buffer.concat(chunks).subarray(at),
        frames: () => countOccurrences(Buffer.concat(chunks).subarray(at), frameStart),
      };
    },
    /** Polls the screen every `intervalMs` until `check(screen)`; resolves with the time it was seen. */
    async waitFor(what, check, { timeoutMs = 15_000, intervalMs = 5 } = {}) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        await settled();
        if (check(screen())) return performance.now();
        if (exited) throw new Error(`the console exited (${exited.exitCode}) while waiting for ${what}\n${screen()}`);
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    /**
     * Resolves once nothing has been written for `quietMs`; with a mark, first waits for something
     * to be written after it (a resize is answered a few ms later, not at once).
     */
    async quiet(quietMs = 300, { after = null, timeoutMs = 10_000 } = {}) {
      const deadline = performance.now() + timeoutMs;
      while (after && after.bytes() === 0) {
        if (performance.now() > deadline) throw new Error('nothing was written');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      while (performance.now() - lastDataAt < quietMs) {
        if (performance.now() > deadline) throw new Error('the console never went quiet');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await settled();
    },
    async press(...sequence) {
      for (const key of sequence) {
        pty.write(key);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    },
    resize(c, r) {
      term.resize(c, r);
      pty.resize(c, r);
    },
    async close() {
      if (!exited) {
        try {
          pty.kill('SIGTERM');
        } catch {
          /* gone */
        }
        const timer = setTimeout(() => {
          try {
            pty.kill('SIGKILL');
          } catch {
            /* gone */
          }
        }, 2000);
        await exit;
        clearTimeout(timer);
      }
      term.dispose();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

function countOccurrences(haystack, needle) {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
