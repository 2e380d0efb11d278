import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_ENDPOINTS } from '../../src/core/batch-options.js';
import { validateBatchFile } from '../../src/core/validate/index.js';
import { tempDir } from '../support/batch-files.js';

// OpenAI's batch create now takes /v1/moderations (and images and videos): fizz-batch knows
// moderations, and takes an endpoint it does not know with a warning instead of refusing the file.

let dir: string;
beforeAll(() => {
  dir = tempDir('fizz-validate-endpoints-');
});

function file(name: string, url: string, bodies: Record<string, unknown>[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    bodies.map((body, i) => JSON.stringify({ custom_id: `r${i}`, method: 'POST', url, body })).join('\n') + '\n',
  );
  return path;
}

describe('batch endpoints', () => {
  it('accepts a moderations file, and the file form offers the endpoint', async () => {
    const report = await validateBatchFile(
      file('mod.jsonl', '/v1/moderations', [
        { model: 'omni-moderation-latest', input: 'is this fine?' },
        { model: 'omni-moderation-latest', input: ['a', 'b'] },
      ]),
    );
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.endpoint).toBe('/v1/moderations');
    expect(BATCH_ENDPOINTS).toContain('/v1/moderations');
  });

  it('says a moderations request without input is missing it', async () => {
    const report = await validateBatchFile(
      file('mod-bad.jsonl', '/v1/moderations', [{ model: 'omni-moderation-latest', text: 'no input' }]),
    );
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'missing_input',
        line: 1,
        field: 'body.input',
        message: expect.stringContaining('moderations requests need an "input"'),
      }),
    ]);
  });

  it('takes an endpoint it does not know with one warning, not an error', async () => {
    const report = await validateBatchFile(
      file('img.jsonl', '/v1/images/generations', [
        { model: 'gpt-image-1', prompt: 'a fox' },
        { model: 'gpt-image-1', prompt: 'a hen' },
      ]),
    );
    expect(report.errorCount).toBe(0);
    expect(report.endpoint).toBe('/v1/images/generations');
    expect(report.warnings).toEqual([
      {
        code: 'unknown_endpoint',
        line: 1,
        field: 'url',
        message: 'url "/v1/images/generations" is not an endpoint fizz-batch knows; the provider may accept it.',
      },
    ]);
  });

  it('still refuses what looks like a typo of a known endpoint, or is no path at all', async () => {
    const typo = await validateBatchFile(file('typo.jsonl', '/v1/moderation', [{ model: 'm', input: 'x' }]));
    expect(typo.errors[0]).toMatchObject({
      code: 'unsupported_endpoint',
      message: expect.stringContaining('Did you mean /v1/moderations?'),
    });
    const url = await validateBatchFile(
      file('url.jsonl', 'https://api.openai.com/v1/videos', [{ model: 'm', prompt: 'x' }]),
    );
    expect(url.errors[0]).toMatchObject({ code: 'unsupported_endpoint' });
  });
});
