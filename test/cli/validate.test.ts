import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli } from '../support/cli.js';
import { chatRequest, guideModel, questions, tempDir, writeJsonl } from '../support/batch-files.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('fizz-validate-cli-');
});

/**
 * Runs the CLI so that a file's mode applies to it. Root reads any file whatever its mode, by its
 * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: as root the CLI runs still as root (so it can reach
 * the checkout wherever it lives, a 0700 `mktemp -d` included) but without those two capabilities.
 */
function runWithModesEnforced(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const [command, ...prefix] = asRoot
    ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', process.execPath]
    : [process.execPath];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, [...prefix, cliPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const noStack = (text: string): void => expect(text).not.toMatch(/^\s+at /m);

describe('fizz-batch validate', () => {
  it('a clean file: the summary, no problems, exit 0', async () => {
    const path = writeJsonl(dir, 'clean.jsonl', questions(3));
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(path);
    expect(result.stdout).toMatch(/requests\s+3\n/);
    expect(result.stdout).toMatch(/endpoint\s+\/v1\/chat\/completions\n/);
    expect(result.stdout).toMatch(new RegExp(`model\\s+${guideModel.replace(/[.]/g, '\\.')} \\(3\\)\\n`));
    expect(result.stdout).toMatch(/size\s+\d+ B\n/);
    expect(result.stdout).toMatch(/input\s+≈ \d+ tokens \(estimate/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('No problems: the file is ready to upload.');
  });

  it('errors grouped by kind, first lines shown, the rest counted; exit 3', async () => {
    const lines: Array<Record<string, unknown> | string> = [chatRequest('same', 'first')];
    for (let i = 0; i < 20; i++) lines.push(chatRequest('same', `again ${i}`));
    lines.push('{"custom_id": ');
    const path = writeJsonl(dir, 'dups.jsonl', lines);
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      'error: Duplicate custom_id (20)\n  line 2, custom_id: custom_id "same" is already used on line 1; every request needs its own custom_id.\n',
    );
    for (const line of [3, 4, 5, 6])
      expect(result.stdout).toContain(`  line ${line}, custom_id: custom_id "same" is already used on line 1`);
    expect(result.stdout).not.toContain('line 7, custom_id');
    expect(result.stdout).toContain('  … and 15 more\n');
    expect(result.stdout).toContain('error: Invalid JSON (1)\n  line 22: Not valid JSON: ');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('21 errors: fix the errors before uploading.');

    const two = await runCli(['validate', path, '--examples', '2']);
    expect(two.stdout).toContain('  … and 18 more\n');
  });

  it('warnings alone still exit 0', async () => {
    const path = writeJsonl(dir, 'warn.jsonl', [
      chatRequest('a', 'q'),
      chatRequest('b', 'q', { model: 'gpt-4o-mini' }),
    ]);
    // A host whose rules no preset knows: several models are worth a warning.
    const result = await runCli(['validate', path], { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warning: Several models in one file (1)\n  line 2, body.model: The file uses 2 models',
    );
    expect(result.stdout).toMatch(/models\s+fizzai\/Meta-Llama-3\.1-8B-Instruct-Turbo \(1\), gpt-4o-mini \(1\)/);
    expect(result.stdout).toContain('No errors, 1 warning: the file can be uploaded.');
  });

  it('--json prints the whole report with problems capped per group and counted', async () => {
    const lines = questions(12).map((q) => ({ ...q, method: 'GET' }));
    const path = writeJsonl(dir, 'json.jsonl', lines);
    const result = await runCli(['validate', '--json', path]);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & { errors: Array<Record<string, unknown>> };
    expect(report).toMatchObject({
      path,
      ok: false,
      requests: 12,
      lines: 12,
      endpoint: '/v1/chat/completions',
      models: [{ model: guideModel, count: 12 }],
      errorCount: 12,
      warningCount: 0,
      counts: { invalid_method: 12 },
      warnings: [],
    });
    expect(typeof report.bytes).toBe('number');
    expect(typeof report.estimatedInputTokens).toBe('number');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ code: 'invalid_method', title: 'Method is not POST', count: 12, more: 7 });
    expect(report.errors[0]?.examples).toHaveLength(5);
    expect((report.errors[0]?.examples as unknown[])[0]).toEqual({
      code: 'invalid_method',
      line: 1,
      field: 'method',
      message: 'method is "GET"; batch requests must use "method": "POST".',
    });

    const clean = JSON.parse(
      (await runCli(['validate', writeJsonl(dir, 'ok.jsonl', questions(2)), '--json'])).stdout,
    ) as Record<string, unknown>;
    expect(clean).toMatchObject({ ok: true, errors: [], warnings: [], errorCount: 0 });
  });

  it('--max-requests and --max-bytes set the limits', async () => {
    const path = writeJsonl(dir, 'limits.jsonl', questions(3));
    const requests = await runCli(['validate', path, '--max-requests', '2']);
    expect(requests.code).toBe(3);
    expect(requests.stdout).toContain(
      'error: Too many requests (1)\n  line 3: The file has 3 requests; a batch takes at most 2.',
    );
    const bytes = await runCli(['validate', path, '--max-bytes', '100']);
    expect(bytes.code).toBe(3);
    expect(bytes.stdout).toContain('the limit is 100 B. Split it into smaller files.');
    expect((await runCli(['validate', path, '--max-bytes', '1MB'])).code).toBe(0);
  });

  it('usage errors exit 2 and name what is wrong', async () => {
    const none = await runCli(['validate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('fizz-batch: validate needs FILE.\nUsage: fizz-batch validate FILE [options]\n');
    const unknown = await runCli(['validate', 'x.jsonl', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    const two = await runCli(['validate', 'a.jsonl', 'b.jsonl']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('validate takes FILE; got also: ');
    const size = await runCli(['validate', 'x.jsonl', '--max-bytes', 'lots']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain(
      "--max-bytes takes a size in bytes, or with a unit (200MB, 100M, 512KB); got 'lots'.",
    );
    const requests = await runCli(['validate', 'x.jsonl', '--max-requests', '0']);
    expect(requests.code).toBe(2);
    expect(requests.stderr).toContain('--max-requests takes a whole number from 1 to');
    for (const result of [none, unknown, two, size, requests]) {
      expect(result.stdout).toBe('');
      noStack(result.stderr);
    }
  });

  it('a file that cannot be read exits 1 with the path and the reason', async () => {
    const missing = join(dir, 'missing.jsonl');
    const enoent = await runCli(['validate', missing]);
    expect(enoent.code).toBe(1);
    expect(enoent.stderr).toBe(`fizz-batch: Cannot read ${missing}: no such file or directory (ENOENT).\n`);
    const eisdir = await runCli(['validate', dir]);
    expect(eisdir.code).toBe(1);
    expect(eisdir.stderr).toBe(`fizz-batch: Cannot read ${dir}: it is a directory, not a file (EISDIR).\n`);
    for (const result of [enoent, eisdir]) {
      expect(result.stdout).toBe('');
      noStack(result.stderr);
    }
  });

  it('several models follow the provider: fine on fizz.ai (the default), an error for OpenAI, by flag, environment or profile', async () => {
    const guide = fileURLToPath(new URL('../fixtures/fizz-ai-guide/mybatchtest.jsonl', import.meta.url));
    const fizz = await runCli(['validate', guide]);
    expect(fizz.code).toBe(0);
    expect(fizz.stdout).not.toContain('Several models');
    expect(fizz.stdout.trimEnd().split('\n').at(-1)).toBe('No problems: the file is ready to upload.');

    const refused = 'This provider takes one model per batch file and would fail the whole batch';
    const byFlag = await runCli(['validate', guide, '--base-url', 'https://api.openai.com/v1']);
    expect(byFlag.code).toBe(3);
    expect(byFlag.stdout).toContain(`error: Several models in one file (1)\n  line 2, body.model: ${refused}`);
    const byEnv = await runCli(['validate', guide], { FIZZ_BASE_URL: 'https://api.openai.com/v1' });
    expect(byEnv.code).toBe(3);

    const configDir = tempDir('fizz-validate-config-');
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({
        version: 1,
        activeProfile: 'oa',
        profiles: [{ name: 'oa', baseURL: 'https://api.openai.com/v1' }],
      }),
    );
    const byProfile = await runCli(['validate', guide], { FIZZ_CONFIG_DIR: configDir });
    expect(byProfile.stdout).toContain(refused);
    expect(byProfile.code).toBe(3);

    const unknownProfile = await runCli(['validate', guide, '--profile', 'nope'], { FIZZ_CONFIG_DIR: configDir });
    expect(unknownProfile.code).toBe(2);
    expect(unknownProfile.stderr).toBe("fizz-batch: no profile named 'nope'; profiles: oa\n");
  });

  it('an unreadable file exits 1 with EACCES', async () => {
    const path = join(dir, 'secret.jsonl');
    writeFileSync(path, '{}\n');
    chmodSync(path, 0o000);
    const result = await runWithModesEnforced(['validate', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fizz-batch: Cannot read ${path}: permission denied (EACCES).\n`);
  });

  it('is listed in --help and has its own help', async () => {
    expect((await runCli(['--help'])).stdout).toContain('validate FILE [options]');
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: fizz-batch validate FILE [options]');
    expect(help.stdout).toContain('--max-requests N');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('3 the file has errors (warnings alone are 0)');
  });
});
