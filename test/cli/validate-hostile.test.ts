import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequest, guideModel, tempDir, writeJsonl } from '../support/batch-files.js';
import { runCli } from '../support/cli.js';
import { hostileValue } from '../support/hostile-server.js';

// Every control a terminal would act on (ESC, BEL, CR, BS, C1, …): LF is the report's own.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// What `--json` must escape besides: bidi and zero-width controls, line separators, lone surrogates.
const INVISIBLE = /[\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udfff]/u;

/**
 * `fizz-batch validate` on a file whose every string a report quotes is hostile: its name, its
 * models, its custom_ids, methods and urls, and a line that is not JSON (V8 quotes it).
 */
describe('validate prints nothing from the file raw', () => {
  const modelA = hostileValue('gpt-a', 0);
  const modelB = hostileValue('gpt-b', 3);
  let dir: string;
  let path: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    dir = tempDir('fizz-validate-hostile-');
    path = writeJsonl(dir, `evil\u001b]0;title\u0007\u009b2J\u202e.jsonl`, [
      chatRequest(hostileValue('id', 1), 'q', { model: modelA }),
      chatRequest(hostileValue('id', 1), 'q', { model: modelB }),
      { ...chatRequest('c', 'q'), method: hostileValue('GET', 5), url: hostileValue('/v1/chat/completions', 7) },
      `\u001b]52;c;SGVsbG8=\u0007\u009d0;t\u009c{"custom_id"`,
    ]);
  });

  it('text: every line is sanitized, yet says what is wrong and where', async () => {
    // A host whose rules no preset knows: the two models are a warning that quotes both.
    const result = await runCli(['validate', path], { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(result.code).toBe(3);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stdout).not.toMatch(INVISIBLE);
    expect(result.stdout).toContain('evil\uFFFD]0;title\uFFFD\uFFFD2J.jsonl');
    expect(result.stdout).toContain('error: Duplicate custom_id (1)');
    expect(result.stdout).toContain('error: Invalid JSON (1)');
    expect(result.stdout).toContain('warning: Several models in one file (1)');
    expect(result.stdout).toContain('gpt-a\uFFFD]0;pwned-title\uFFFD');
  });

  it('--json: controls escaped, and it parses to the same report (the models as the file has them)', async () => {
    const result = await runCli(['validate', path, '--json'], { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(result.code).toBe(3);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stdout).not.toMatch(INVISIBLE);
    const report = JSON.parse(result.stdout) as {
      path: string;
      models: Array<{ model: string; count: number }>;
      errorCount: number;
    };
    expect(report.path).toBe(path);
    expect(report.models.map((m) => m.model).sort()).toEqual([modelA, modelB, guideModel].sort());
    expect(report.errorCount).toBeGreaterThanOrEqual(3);
  });

  it('a file that cannot be read is named sanitized on standard error', async () => {
    const result = await runCli(['validate', `${path}.missing\u001b[2J`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('.missing\uFFFD[2J');
    expect(result.stderr).not.toMatch(CONTROL);
  });
});
