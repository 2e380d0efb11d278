import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_ERRORS, validateInputFile, type ValidateOptions } from '../../src/server/sim/validate-input.js';
import { MODEL, chatLine, jsonl, removeTempDirs, tempDir, writeTemp } from './helpers.js';

const dir = tempDir('fizz-validate-');
afterAll(removeTempDirs);
let n = 0;

async function validate(content: string, options: Partial<ValidateOptions> = {}) {
  const path = writeTemp(dir, `in-${++n}.jsonl`, content);
  return validateInputFile(path, {
    endpoint: '/v1/chat/completions',
    allowMixedModels: false,
    maxRequests: 50_000,
    ...options,
  });
}

const ok = (id: string) => chatLine(id, 'Hello?');
function without(key: string): Record<string, unknown> {
  const line = ok('x');
  delete line[key];
  return line;
}
function withoutBody(key: string): Record<string, unknown> {
  const line = ok('y');
  delete (line.body as Record<string, unknown>)[key];
  return line;
}

describe('validateInputFile', () => {
  it('accepts a good file and reports each request with its index', async () => {
    const seen: Array<[string, number, number]> = [];
    const report = await validate(jsonl([ok('a'), ok('b'), ok('c')]), {
      onRequest: (r, i) => seen.push([r.customId, i, r.lineNo]),
    });
    expect(report).toEqual({ requests: 3, errors: [], models: [MODEL] });
    expect(seen).toEqual([
      ['a', 0, 1],
      ['b', 1, 2],
      ['c', 2, 3],
    ]);
  });

  it.each([
    ['invalid_json_line', [ok('a'), '{"custom_id": "b", oops'], 2, null, 'This line is not parseable as valid JSON.'],
    [
      'missing_required_parameter',
      [ok('a'), without('custom_id')],
      2,
      'custom_id',
      "Missing required parameter: 'custom_id'.",
    ],
    ['missing_required_parameter', [without('method')], 1, 'method', "Missing required parameter: 'method'."],
    ['missing_required_parameter', [without('url')], 1, 'url', "Missing required parameter: 'url'."],
    ['missing_required_parameter', [without('body')], 1, 'body', "Missing required parameter: 'body'."],
    [
      'invalid_url',
      [ok('a'), ok('b'), { ...ok('c'), url: '/v1/embeddings' }],
      3,
      'url',
      'The URL provided for this request does not match the batch endpoint.',
    ],
    [
      'streaming_unsupported',
      [chatLine('a', 'x', { stream: true })],
      1,
      'body.stream',
      'Chat Completions: Streaming is not supported in the Batch API.',
    ],
    [
      'model_not_found',
      [chatLine('a', 'x', { model: 'nope/model' })],
      1,
      'body.model',
      "The provided model 'nope/model' is not supported by the Batch API.",
    ],
    [
      'model_not_found',
      [chatLine('a', 'x', { model: 'text-embedding-3-small' })],
      1,
      'body.model',
      "The provided model 'text-embedding-3-small' is not supported by the Batch API.",
    ],
    ['invalid_request', [ok('a'), withoutBody('model')], 2, 'body.model', 'Model parameter is required.'],
    ['invalid_request', [withoutBody('messages')], 1, 'body.messages', 'Messages parameter is required.'],
  ])('%s on line %#', async (code, lines, line, param, message) => {
    const report = await validate(jsonl(lines as Array<Record<string, unknown> | string>));
    expect(report.errors).toEqual([{ code, line, param, message }]);
  });

  it('refuses a method other than POST with invalid_request on method', async () => {
    const report = await validate(jsonl([{ ...ok('a'), method: 'GET' }]));
    expect(report.errors).toEqual([expect.objectContaining({ code: 'invalid_request', line: 1, param: 'method' })]);
  });

  it('duplicate_custom_id names the first line that used the id', async () => {
    const report = await validate(jsonl([ok('a'), ok('b'), ok('c'), ok('b')]));
    expect(report.errors).toEqual([
      {
        code: 'duplicate_custom_id',
        line: 4,
        param: 'custom_id',
        message: "The custom_id 'b' is used more than once; it was first used on line 2.",
      },
    ]);
  });

  it('mismatched_model in the openai flavour; several models allowed in the fizz flavour', async () => {
    const lines = jsonl([ok('a'), chatLine('b', 'x', { model: 'deepseek-ai/DeepSeek-R1' })]);
    const strict = await validate(lines);
    expect(strict.errors).toEqual([
      expect.objectContaining({ code: 'mismatched_model', line: 2, param: 'body.model' }),
    ]);
    expect(strict.errors[0]?.message).toContain('line 1');
    const fizz = await validate(lines, { allowMixedModels: true });
    expect(fizz).toEqual({ requests: 2, errors: [], models: [MODEL, 'deepseek-ai/DeepSeek-R1'] });
  });

  it('empty_file for an empty file and for one with only blank lines, with no line number', async () => {
    for (const content of ['', '\n\n  \n']) {
      const report = await validate(content);
      expect(report.errors).toEqual([expect.objectContaining({ code: 'empty_file', line: null, param: null })]);
    }
  });

  it('too_many_tasks past the maximum, with no line number', async () => {
    const report = await validate(jsonl([ok('a'), ok('b'), ok('c')]), { maxRequests: 2 });
    expect(report.errors).toEqual([expect.objectContaining({ code: 'too_many_tasks', line: null, param: null })]);
  });

  it('tolerates CRLF line ends, a BOM and trailing blank lines', async () => {
    const content = `\uFEFF${JSON.stringify(ok('a'))}\r\n${JSON.stringify(ok('b'))}\r\n\r\n\n  \n`;
    expect(await validate(content)).toEqual({ requests: 2, errors: [], models: [MODEL] });
    // A last line without a newline is a line too.
    expect((await validate(JSON.stringify(ok('z')))).requests).toBe(1);
  });

  it('reports a blank line between requests', async () => {
    const report = await validate(`${JSON.stringify(ok('a'))}\n\n${JSON.stringify(ok('b'))}\n`);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'invalid_json_line', line: 2 })]);
  });

  it('reports every bad line, one error each, and stops at 1000 errors', async () => {
    const several = await validate(
      jsonl(['not json', ok('a'), without('method'), chatLine('c', 'x', { model: 'nope' })]),
    );
    expect(several.errors.map((e) => [e.line, e.code])).toEqual([
      [1, 'invalid_json_line'],
      [3, 'missing_required_parameter'],
      [4, 'model_not_found'],
    ]);
    const many = await validate(Array.from({ length: 1500 }, () => 'x').join('\n'));
    expect(many.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(many.errors.at(-1)?.line).toBe(MAX_REPORTED_ERRORS);
  });

  it('checks the body field each endpoint needs', async () => {
    const embedding = {
      custom_id: 'e',
      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'text-embedding-3-small' },
    };
    const report = await validate(jsonl([embedding]), { endpoint: '/v1/embeddings' });
    expect(report.errors).toEqual([
      { code: 'invalid_request', line: 1, param: 'body.input', message: 'Input parameter is required.' },
    ]);
  });
});
