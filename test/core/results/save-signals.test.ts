import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/batch-files.js';

// A save stopped by a signal (ctrl-c from another terminal, a closing SSH link, kill) leaves no
// `.partial-*` file. Real processes, from the built code (npm test builds before testing): one that
// handles no signal, as a script or a plain command, and one with the full-screen UI's handlers,
// which end the process with process.exit.

const dist = (path: string) => new URL(`../../../dist/${path}`, import.meta.url).href;

const SCRIPT = `
const [atomicFile, lifecycle, dest, withUi] = process.argv.slice(2);
const { writeAtomically } = await import(atomicFile);
if (withUi === 'ui') {
  const { installLifecycle } = await import(lifecycle);
  installLifecycle({ unmount() {}, usedAltScreen: false, stdout: process.stdout, stdin: process.stdin, onExit: (code) => process.exit(code) });
}
await writeAtomically(dest, async (sink) => {
  // Past the sink's buffer: these bytes are in the temporary file.
  await sink.write(Buffer.alloc(2 * 1024 * 1024, 'x'));
  process.stdout.write('writing\\n');
  // A slow save: it waits for ever here.
  setInterval(() => undefined, 60_000);
  await new Promise(() => undefined);
});
`;

/** Starts a save into `dir`, waits until its temporary file holds data, sends `signal`, and waits for the end. */
async function interruptSave(
  dir: string,
  signal: NodeJS.Signals,
  withUi: boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; during: string[] }> {
  const script = join(tempDir('fizz-save-script-'), 'slow-save.mjs');
  writeFileSync(script, SCRIPT);
  const child = spawn(
    process.execPath,
    [
      script,
      dist('core/results/atomic-file.js'),
      dist('ui/terminal/lifecycle.js'),
      join(dir, 'out.jsonl'),
      withUi ? 'ui' : 'plain',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('writing')) resolve();
    });
    void ended.then(() => reject(new Error(`the save script ended before writing: ${stderr}`)));
  });
  const during = readdirSync(dir);
  child.kill(signal);
  return { ...(await ended), during };
}

describe('a save interrupted by a signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} to a process without handlers: the temporary file is removed and the process still ends by ${signal}`, async () => {
      const dir = tempDir('fizz-save-signal-');
      const result = await interruptSave(dir, signal, false);
      expect(result.during).toEqual([expect.stringMatching(/^out\.jsonl\.partial-[0-9a-f]{12}$/)]);
      expect(result.signal).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} to the full-screen UI (it exits with ${code}): the temporary file is removed`, async () => {
      const dir = tempDir('fizz-save-signal-');
      const result = await interruptSave(dir, signal, true);
      expect(result.during).toEqual([expect.stringMatching(/^out\.jsonl\.partial-[0-9a-f]{12}$/)]);
      expect(result.code).toBe(code);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
