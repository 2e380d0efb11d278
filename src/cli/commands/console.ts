import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { removeOnExit } from '../../core/exit-cleanup.js';
import type { Session } from '../../core/session.js';
import { UsageError } from '../errors.js';
import { chooseColor, parseInteger } from '../options.js';

/** `fizz-batch [--demo] [--profile NAME] [--base-url URL] [--refresh S] [--no-color] [--no-alt-screen]` */
export async function runConsoleCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      demo: { type: 'boolean' },
      profile: { type: 'string' },
      'base-url': { type: 'string' },
      refresh: { type: 'string' },
      'no-color': { type: 'boolean' },
      'no-alt-screen': { type: 'boolean' },
    },
  });
  const env = process.env;
  const color = chooseColor(values['no-color']);
  const flags = {
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values['base-url'] !== undefined ? { baseURL: values['base-url'] } : {}),
    ...(values.refresh !== undefined ? { refreshSeconds: parseInteger('--refresh', values.refresh, 1, 3600) } : {}),
  };

  let demoServer: { url: string; close: () => Promise<void> } | null = null;
  let demoCache: string | null = null;
  if (values.demo) {
    const { startServer } = await import('../../server/index.js');
    demoServer = await startServer({ demoData: true, port: 0 });
    // The demo's files live as long as its server: their cached copies (and resubmit files) too.
    if (!env.FIZZ_CACHE_DIR) env.FIZZ_CACHE_DIR = demoCache = mkdtempSync(join(tmpdir(), 'fizz-batch-demo-cache-'));
    // A signal ends the console with process.exit, past the `finally` below: removed then too.
    if (demoCache) removeOnExit(demoCache);
  }
  try {
    const { openSession, readConfig, unknownProfileFlag } = await import('../console-session.js');
    const request = {
      flags,
      env: {
        FIZZ_API_KEY: env.FIZZ_API_KEY,
        FIZZ_BASE_URL: env.FIZZ_BASE_URL,
        FIZZ_PROFILE: env.FIZZ_PROFILE,
        FIZZ_CONFIG_DIR: env.FIZZ_CONFIG_DIR,
      },
      ...(demoServer ? { demo: { baseURL: demoServer.url } } : {}),
    };
    // Read once: for the --profile check, then for the session. An unreadable config is the
    // session's to report, after the terminal check.
    const read = readConfig(request);
    const typo = read.ok ? unknownProfileFlag(request.flags, read.config) : null;
    if (typo) throw new UsageError(typo);
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      process.stderr.write('fizz-batch: the console needs a terminal. For scripts, see fizz-batch --help.\n');
      return 2;
    }
    // Connect first: the first request is in flight while the UI loads.
    const opened = openSession(request, read);
    if (!opened.ok) {
      process.stderr.write(`fizz-batch: ${opened.message}\n`);
      return 1;
    }
    // Ink draws at most 10 frames a second: a first frame of "connecting…" would hold the job
    // list back by up to 100 ms. So wait a moment for the first answer while the UI loads.
    const [{ runConsole }] = await Promise.all([import('../../ui/app/run.js'), firstAnswer(opened.session, 300)]);
    return await runConsole({
      session: opened.session,
      notifications: opened.config.notifications,
      color,
      altScreen: !values['no-alt-screen'],
    });
  } finally {
    await demoServer?.close();
    if (demoCache) rmSync(demoCache, { recursive: true, force: true });
  }
}

/** Resolves when the first job list request has answered (or failed), or after `capMs`. */
function firstAnswer(session: Session, capMs: number): Promise<void> {
  const jobs = session.getState().services?.jobs;
  if (!jobs) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, capMs);
    const unsubscribe = jobs.subscribe(() => {
      const { poll } = jobs.getState();
      if (poll.updatedAt !== null || poll.error) done();
    });
  });
}
