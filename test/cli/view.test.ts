import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir, writeJsonl } from '../support/batch-files.js';

let dir: string;
let output: string;
beforeAll(() => {
  dir = tempDir('fizz-view-cli-');
  output = writeJsonl(dir, 'out.jsonl', ['{"custom_id":"a","response":{"status_code":200,"body":{}},"error":null}']);
});

const noStack = (text: string): void => expect(text).not.toMatch(/^\s+at /m);

describe('fizz-batch view', () => {
  it('a missing file: one line naming it, exit 1', async () => {
    const missing = join(dir, 'nope.jsonl');
    const result = await runCli(['view', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fizz-batch: cannot open ${missing}: no such file\n`);
    expect(result.stdout).toBe('');
  });

  it('a missing --input file, or a directory, is named the same way', async () => {
    const missing = join(dir, 'input.jsonl');
    let result = await runCli(['view', output, '--input', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fizz-batch: cannot open ${missing}: no such file\n`);
    const folder = join(dir, 'folder.jsonl');
    mkdirSync(folder);
    result = await runCli(['view', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fizz-batch: cannot open ${folder}: it is a directory\n`);
    noStack(result.stderr);
  });

  describe('a FIFO', () => {
    let fifo: string | null = null;
    afterEach(() => {
      // Were the open blocking, it would wait for a writer: be that writer, so no process is left behind.
      if (!fifo) return;
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waiting: nothing to release.
      }
    });

    it('is refused at once, in one line, exit 1, instead of waiting for a writer; as --input too', async () => {
      fifo = join(tempDir('fizz-view-fifo-'), 'results.jsonl');
      execFileSync('mkfifo', [fifo]);
      let result = await runCli(['view', fifo]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`fizz-batch: cannot open ${fifo}: it is a named pipe (FIFO), not a regular file\n`);
      result = await runCli(['view', output, '--input', fifo]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`fizz-batch: cannot open ${fifo}: it is a named pipe (FIFO), not a regular file\n`);
      noStack(result.stderr);
    });
  });

  it('a device is refused the same way', async () => {
    const result = await runCli(['view', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('fizz-batch: cannot open /dev/zero: it is a device, not a regular file\n');
  });

  it('no file, two files or an unknown option: usage error, exit 2', async () => {
    let result = await runCli(['view']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('fizz-batch: view needs FILE.\nUsage: fizz-batch view FILE [options]\n');
    result = await runCli(['view', output, output]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^fizz-batch: view takes FILE; got also: /);
    result = await runCli(['view', output, '--wat']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^fizz-batch: .*--wat/);
    noStack(result.stderr);
  });

  it('a readable file without a terminal: it says the pager needs one, exit 2', async () => {
    const result = await runCli(['view', output]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('fizz-batch: view needs a terminal. To read a file in a script, use jq or less.\n');
  });

  it('--help explains the command; the main help lists it', async () => {
    const help = await runCli(['view', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fizz-batch view FILE \[options\]/);
    expect(help.stdout).toContain('--input FILE');
    expect(help.stdout).toContain('--no-alt-screen');
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(
      /^ {2}view FILE \[options\] +read a local output, error or input file in the pager \(no server\)/m,
    );
  });
});
