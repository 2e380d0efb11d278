import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BatchFileReadError,
  validateBatchFile,
  type Problem,
  type ValidateOptions,
} from '../../src/core/validate/index.js';
import { chatRequest, guideModel, tempDir } from '../support/batch-files.js';

/**
 * A corpus of bad batch files, written by the test, one problem each: every case asserts the
 * code, the line, the field and the words of the message, and that nothing else is reported.
 */

let dir: string;
beforeAll(() => {
  dir = tempDir('fizz-validate-');
});

type Line = Record<string, unknown> | string;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function jsonl(lines: Line[], eol = '\n'): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join(eol) + eol;
}

const ok = (id: string, options: Parameters<typeof chatRequest>[2] = {}): Record<string, unknown> =>
  chatRequest(id, `Question ${id}?`, options);

function embedding(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    custom_id: id,
    method: 'POST',
    url: '/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: 'hello', ...extra },
  };
}

/** A request with one field of the top level or of body replaced (undefined removes it). */
function tweak(id: string, top: Record<string, unknown>, body: Record<string, unknown> = {}): Record<string, unknown> {
  const request = ok(id);
  const merged: Record<string, unknown> = {
    ...request,
    ...top,
    body: { ...(request.body as Record<string, unknown>), ...body },
  };
  if ('body' in top) merged.body = top.body;
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  const b = merged.body as Record<string, unknown> | undefined;
  if (b && typeof b === 'object' && !Array.isArray(b))
    for (const [key, value] of Object.entries(b)) if (value === undefined) delete b[key];
  return merged;
}

interface Case {
  name: string;
  content: string | Buffer;
  options?: ValidateOptions;
  code: string;
  line: number | null;
  field: string | null;
  message: Array<string | RegExp>;
}

const cases: Case[] = [
  {
    name: 'bad JSON',
    content: jsonl([ok('a'), '{"custom_id": "b", "method": "POST",', ok('c')]),
    code: 'invalid_json',
    line: 2,
    field: null,
    message: [
      'Not valid JSON: ',
      /Expected double-quoted property name in JSON at column 37\./,
      'Each line must be one complete JSON object',
    ],
  },
  {
    name: 'pretty-printed JSON',
    content: jsonl([ok('a'), '{']),
    code: 'invalid_json',
    line: 2,
    field: null,
    message: ['Not valid JSON', 'looks like pretty-printed JSON', 'jq -c'],
  },
  {
    name: 'a line that is an array',
    content: jsonl([ok('a'), '[1, 2]']),
    code: 'not_an_object',
    line: 2,
    field: null,
    message: ['This line is an array, not an object', "jq -c '.[]'"],
  },
  {
    name: 'a line that is a string',
    content: jsonl([ok('a'), ok('b'), '"hello"']),
    code: 'not_an_object',
    line: 3,
    field: null,
    message: ['This line is a string, not an object', 'each line must be one request'],
  },
  {
    name: 'missing custom_id',
    content: jsonl([ok('a'), tweak('b', { custom_id: undefined })]),
    code: 'missing_custom_id',
    line: 2,
    field: 'custom_id',
    message: ['custom_id is missing', 'unique in the file'],
  },
  {
    name: 'non-string custom_id',
    content: jsonl([tweak('a', { custom_id: 7 }), ok('b')]),
    code: 'invalid_custom_id',
    line: 1,
    field: 'custom_id',
    message: ['custom_id is a number (7); it must be a non-empty string', 'Write it as a string: "custom_id": "7"'],
  },
  {
    name: 'empty custom_id',
    content: jsonl([ok('a'), tweak('b', { custom_id: '' })]),
    code: 'invalid_custom_id',
    line: 2,
    field: 'custom_id',
    message: ['custom_id is an empty string; it must be a non-empty string'],
  },
  {
    name: 'duplicate custom_id',
    content: jsonl([ok('request-1'), ok('request-2'), ok('request-3'), ok('request-2')]),
    code: 'duplicate_custom_id',
    line: 4,
    field: 'custom_id',
    message: ['custom_id "request-2" is already used on line 2', 'every request needs its own custom_id'],
  },
  {
    name: 'method not POST',
    content: jsonl([ok('a'), tweak('b', { method: 'GET' })]),
    code: 'invalid_method',
    line: 2,
    field: 'method',
    message: ['method is "GET"; batch requests must use "method": "POST"'],
  },
  {
    name: 'method missing',
    content: jsonl([tweak('a', { method: undefined })]),
    code: 'invalid_method',
    line: 1,
    field: 'method',
    message: ['method is missing: add "method": "POST"'],
  },
  {
    name: 'unsupported endpoint',
    content: jsonl([ok('a'), tweak('b', { url: '/v1/chat/complete' })]),
    code: 'unsupported_endpoint',
    line: 2,
    field: 'url',
    message: [
      'url "/v1/chat/complete" is not a supported endpoint',
      'use one of /v1/chat/completions, /v1/embeddings, /v1/completions, /v1/responses',
    ],
  },
  {
    name: 'endpoint without /v1',
    content: jsonl([tweak('a', { url: '/chat/completions' })]),
    code: 'unsupported_endpoint',
    line: 1,
    field: 'url',
    message: ['url "/chat/completions" is not a supported endpoint', 'Did you mean /v1/chat/completions?'],
  },
  {
    name: 'url missing',
    content: jsonl([ok('a'), tweak('b', { url: undefined })]),
    code: 'unsupported_endpoint',
    line: 2,
    field: 'url',
    message: ['url is missing: add the endpoint, one of /v1/chat/completions'],
  },
  {
    name: 'different endpoints',
    content: jsonl([ok('a'), ok('b'), embedding('c', { model: guideModel })]),
    code: 'mixed_endpoints',
    line: 3,
    field: 'url',
    message: ['url is /v1/embeddings, but line 1 uses /v1/chat/completions', 'one endpoint'],
  },
  {
    name: 'body missing',
    content: jsonl([ok('a'), tweak('b', { body: undefined })]),
    code: 'missing_body',
    line: 2,
    field: 'body',
    message: ['body is missing: add the request body'],
  },
  {
    name: 'body not an object',
    content: jsonl([tweak('a', { body: '{"model": "x"}' }), ok('b')]),
    code: 'invalid_body',
    line: 1,
    field: 'body',
    message: ['body is a string; it must be an object'],
  },
  {
    name: 'body.model missing',
    content: jsonl([ok('a'), ok('b'), tweak('c', {}, { model: undefined })]),
    code: 'missing_model',
    line: 3,
    field: 'body.model',
    message: ['body.model is missing: name the model this request runs on'],
  },
  {
    name: 'body.model not a string',
    content: jsonl([tweak('a', {}, { model: 4 })]),
    code: 'invalid_model',
    line: 1,
    field: 'body.model',
    message: ['body.model is a number (4)'],
  },
  {
    name: 'body.messages missing for chat',
    content: jsonl([ok('a'), tweak('b', {}, { messages: undefined })]),
    code: 'missing_messages',
    line: 2,
    field: 'body.messages',
    message: ['body.messages is missing: chat requests need a "messages" array'],
  },
  {
    name: 'body.messages not an array',
    content: jsonl([ok('a'), tweak('b', {}, { messages: 'hello' })]),
    code: 'invalid_messages',
    line: 2,
    field: 'body.messages',
    message: ['body.messages is a string; it must be an array'],
  },
  {
    name: 'body.input missing for embeddings',
    content: jsonl(
      [embedding('a'), embedding('b', { input: undefined })].map((l) => JSON.parse(JSON.stringify(l)) as Line),
    ),
    code: 'missing_input',
    line: 2,
    field: 'body.input',
    message: ['body.input is missing: embeddings requests need an "input"'],
  },
  {
    name: 'body.input missing for responses',
    content: jsonl([{ custom_id: 'a', method: 'POST', url: '/v1/responses', body: { model: 'gpt-4o-mini' } }]),
    code: 'missing_input',
    line: 1,
    field: 'body.input',
    message: ['body.input is missing: responses requests need an "input"'],
  },
  {
    name: 'stream: true',
    content: jsonl([ok('a'), ok('b', { extraBody: { stream: true } })]),
    code: 'streaming_unsupported',
    line: 2,
    field: 'body.stream',
    message: ['body.stream is true, but the Batch API does not stream', 'remove "stream" or set it to false'],
  },
  {
    name: 'invalid UTF-8',
    content: Buffer.concat([
      Buffer.from(jsonl([ok('a')])),
      Buffer.from('{"custom_id":"caf'),
      Buffer.from([0xe9]),
      Buffer.from(`","method":"POST","url":"/v1/chat/completions","body":{"model":"${guideModel}","messages":[]}}\n`),
    ]),
    code: 'invalid_utf8',
    line: 2,
    field: null,
    message: ['This line is not valid UTF-8 (byte 0xE9 at byte 18 of the line)', 'Save the file as UTF-8'],
  },
  {
    name: 'empty file',
    content: '',
    code: 'empty_file',
    line: null,
    field: null,
    message: ['The file is empty: a batch file needs at least one request line'],
  },
  {
    name: 'only blank lines',
    content: '\n  \r\n\n',
    code: 'empty_file',
    line: null,
    field: null,
    message: ['The file has only blank lines'],
  },
  {
    name: 'more requests than allowed',
    content: jsonl([ok('a'), ok('b'), '', ok('c'), ok('d'), ok('e')]),
    options: { maxRequests: 3 },
    code: 'too_many_requests',
    line: 5,
    field: null,
    message: [
      'The file has 5 requests; a batch takes at most 3',
      'This line holds request 4, the first one over: split the file',
    ],
  },
  {
    name: 'file larger than allowed',
    content: jsonl([ok('a'), ok('b')]),
    options: { maxBytes: 300 },
    code: 'file_too_large',
    line: null,
    field: null,
    message: [/^The file is 5\d\d B; the limit is 300 B\. Split it into smaller files\.$/],
  },
  {
    name: 'a line too long to hold',
    content: jsonl([ok('a'), `{"custom_id":"b","pad":"${'x'.repeat(5000)}"}`, ok('c')]),
    options: { maxLineBytes: 4096 },
    code: 'line_too_long',
    line: 2,
    field: null,
    message: ['This line is 4.9 KB long, too long to be one request', 'missing line break'],
  },
];

function expectOnly(problems: Problem[], expected: Case): void {
  expect(problems.map((p) => [p.code, p.line, p.field])).toEqual([[expected.code, expected.line, expected.field]]);
  const [problem] = problems;
  for (const part of expected.message) {
    if (typeof part === 'string') expect(problem?.message).toContain(part);
    else expect(problem?.message).toMatch(part);
  }
}

describe('validateBatchFile: one bad file per problem', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const path = write(`${c.name.replace(/\W+/g, '-')}.jsonl`, c.content);
      const report = await validateBatchFile(path, c.options);
      expectOnly(report.errors, c);
      expect(report.errorCount).toBe(1);
      expect(report.counts[c.code]).toBe(1);
    });
  }
});

describe('validateBatchFile: encodings', () => {
  it('a UTF-16 file is named as such (and its line is not JSON either)', async () => {
    const path = write(
      'utf16.jsonl',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(ok('a')), 'utf16le')]),
    );
    const report = await validateBatchFile(path);
    expect(report.errors.map((p) => [p.code, p.line])).toEqual([
      ['invalid_utf8', 1],
      ['invalid_json', 1],
    ]);
    expect(report.errors[0]?.message).toContain('The file looks like UTF-16: save it as UTF-8.');
  });

  it('valid multi-byte UTF-8 is fine, a BOM on a later line is not', async () => {
    const clean = await validateBatchFile(write('unicode.jsonl', jsonl([chatRequest('café-1', 'Ünïcödé 日本語 🎉?')])));
    expect(clean.errors).toEqual([]);
    const bom = await validateBatchFile(
      write(
        'bom2.jsonl',
        Buffer.concat([Buffer.from(jsonl([ok('a')])), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl([ok('b')]))]),
      ),
    );
    expect(bom.errors.map((p) => [p.code, p.line])).toEqual([['invalid_json', 2]]);
  });
});

describe('validateBatchFile: warnings', () => {
  it('several models in one file: a warning naming each model with its count', async () => {
    const path = write(
      'models.jsonl',
      jsonl([
        ok('a'),
        ok('b'),
        ok('c', { model: 'gpt-4o-mini' }),
        ok('d', { model: 'gpt-4o' }),
        ok('e', { model: 'gpt-4o-mini' }),
      ]),
    );
    const report = await validateBatchFile(path);
    expect(report.errors).toEqual([]);
    expect(report.models).toEqual([
      { model: guideModel, count: 2 },
      { model: 'gpt-4o-mini', count: 2 },
      { model: 'gpt-4o', count: 1 },
    ]);
    expect(report.warnings).toHaveLength(1);
    const [warning] = report.warnings;
    expect(warning).toMatchObject({ code: 'multiple_models', line: 3, field: 'body.model' });
    expect(warning?.message).toContain(`The file uses 3 models: ${guideModel} (2), gpt-4o-mini (2), gpt-4o (1)`);
    expect(warning?.message).toContain(`differs from line 1 (${guideModel})`);
    expect(warning?.message).toContain('OpenAI refuses a batch file with more than one model');
  });

  it('several models: nothing to say where the provider takes them (fizz.ai), an error where it fails the batch (OpenAI)', async () => {
    const path = write(
      'guide-like.jsonl',
      jsonl([
        ok('a'),
        ok('b', { model: 'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo' }),
        ok('c', { model: 'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo' }),
      ]),
    );
    const several = await validateBatchFile(path, { modelsPerFile: 'several' });
    expect({ errors: several.errors, warnings: several.warnings }).toEqual({ errors: [], warnings: [] });
    expect(several.models).toHaveLength(3);

    const one = await validateBatchFile(path, { modelsPerFile: 'one' });
    expect(one.warnings).toEqual([]);
    expect(one.errors).toEqual([expect.objectContaining({ code: 'multiple_models', line: 2, field: 'body.model' })]);
    expect(one.errors[0]?.message).toContain(
      'This provider takes one model per batch file and would fail the whole batch',
    );
  });

  it('blank lines between requests are warnings; blank lines at the end are fine', async () => {
    const path = write('blanks.jsonl', jsonl([ok('a'), '', '   ', ok('b'), ok('c'), '', '']));
    const report = await validateBatchFile(path);
    expect(report.errors).toEqual([]);
    expect(report.requests).toBe(3);
    expect(report.lines).toBe(7);
    expect(report.warnings.map((w) => [w.code, w.line, w.field])).toEqual([
      ['blank_line', 2, null],
      ['blank_line', 3, null],
    ]);
    expect(report.warnings[0]?.message).toContain('Blank line between requests');
  });
});

describe('validateBatchFile: a clean file', () => {
  it('tolerates CRLF, a BOM and a trailing blank line, and sums up the file', async () => {
    const lines = [ok('a'), ok('b'), ok('c', { extraBody: { stream: false } })];
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl(lines, '\r\n') + '\r\n')]);
    const path = write('clean.jsonl', content);
    const report = await validateBatchFile(path);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.errorCount + report.warningCount).toBe(0);
    expect(report.counts).toEqual({});
    expect(report).toMatchObject({
      path,
      bytes: content.length,
      requests: 3,
      lines: 4,
      endpoint: '/v1/chat/completions',
      models: [{ model: guideModel, count: 3 }],
    });
    // "You are a helpful assistant." + "Question a?" per request, ÷ 4, rounded up.
    const chars = 3 * ('You are a helpful assistant.'.length + 'Question a?'.length);
    expect(report.estimatedInputTokens).toBe(Math.ceil(chars / 4));
  });

  it('a last line without a newline is a request like the others', async () => {
    const path = write('no-newline.jsonl', jsonl([ok('a'), ok('b')]).trimEnd());
    const report = await validateBatchFile(path);
    expect(report.errors).toEqual([]);
    expect(report.requests).toBe(2);
  });

  it('estimates tokens from message parts, embeddings inputs and responses inputs', async () => {
    const chat = await validateBatchFile(
      write(
        'parts.jsonl',
        jsonl([
          {
            custom_id: 'a',
            method: 'POST',
            url: '/v1/chat/completions',
            body: {
              model: 'm',
              messages: [
                {
                  role: 'user',
                  content: [
                    { type: 'text', text: 'x'.repeat(40) },
                    { type: 'image_url', image_url: { url: 'data:...' } },
                  ],
                },
              ],
            },
          },
        ]),
      ),
    );
    expect(chat.estimatedInputTokens).toBe(10);
    const embeddings = await validateBatchFile(
      write('emb.jsonl', jsonl([embedding('a', { input: ['abcd', 'efgh'] }), embedding('b', { input: 'ijklmnop' })])),
    );
    expect(embeddings.estimatedInputTokens).toBe(4);
    const responses = await validateBatchFile(
      write(
        'resp.jsonl',
        jsonl([
          {
            custom_id: 'a',
            method: 'POST',
            url: '/v1/responses',
            body: {
              model: 'm',
              instructions: 'abcd',
              input: [{ role: 'user', content: [{ type: 'input_text', text: 'efghijkl' }] }],
            },
          },
        ]),
      ),
    );
    expect(responses.errors).toEqual([]);
    expect(responses.estimatedInputTokens).toBe(3);
  });
});

describe('validateBatchFile: limits and long reports', () => {
  it('50,001 requests with the default limit: one too-many error on line 50,001', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 50_001; i++)
      lines.push(
        `{"custom_id":"r${i}","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"hi"}]}}`,
      );
    const path = write('50001.jsonl', lines.join('\n') + '\n');
    const report = await validateBatchFile(path);
    expect(report.requests).toBe(50_001);
    expect(report.errors.map((p) => [p.code, p.line, p.field])).toEqual([['too_many_requests', 50_001, null]]);
    expect(report.errors[0]?.message).toContain('The file has 50,001 requests; a batch takes at most 50,000.');

    const exactly = await validateBatchFile(write('50000.jsonl', lines.slice(0, 50_000).join('\n') + '\n'));
    expect(exactly.errors).toEqual([]);
    expect(exactly.requests).toBe(50_000);
  });

  it('keeps checking lines after the size limit and the request limit, so every problem shows', async () => {
    const path = write('over.jsonl', jsonl([ok('a'), ok('b'), ok('a')]));
    const report = await validateBatchFile(path, { maxBytes: 100, maxRequests: 1 });
    expect(report.errors.map((p) => [p.code, p.line])).toEqual([
      ['file_too_large', null],
      ['too_many_requests', 2],
      ['duplicate_custom_id', 3],
    ]);
  });

  it('reports every independent problem of a line, not only the first', async () => {
    const path = write(
      'several.jsonl',
      jsonl([{ custom_id: 1, method: 'get', url: '/v1/chat/completions', body: { stream: true } }]),
    );
    const report = await validateBatchFile(path);
    expect(report.errors.map((p) => [p.code, p.field])).toEqual([
      ['invalid_custom_id', 'custom_id'],
      ['invalid_method', 'method'],
      ['missing_model', 'body.model'],
      ['streaming_unsupported', 'body.stream'],
      ['missing_messages', 'body.messages'],
    ]);
  });

  it('holds only the first problems of each code and counts the rest', async () => {
    const lines: Line[] = [ok('same')];
    for (let i = 0; i < 20_000; i++) lines.push(ok('same'));
    for (let i = 0; i < 300; i++) lines.push('not json');
    const report = await validateBatchFile(write('many.jsonl', jsonl(lines)), { examplesPerCode: 50 });
    expect(report.errorCount).toBe(20_300);
    expect(report.counts).toEqual({ duplicate_custom_id: 20_000, invalid_json: 300 });
    expect(report.errors).toHaveLength(100);
    expect(report.errors.filter((p) => p.code === 'duplicate_custom_id').map((p) => p.line)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    );
    expect(
      report.errors.every((p) => p.code !== 'duplicate_custom_id' || p.message.includes('already used on line 1')),
    ).toBe(true);
  });
});

describe('validateBatchFile: reading', () => {
  it('reports progress up to the size of the file', async () => {
    const content = jsonl(Array.from({ length: 3000 }, (_, i) => ok(`r${i}`)));
    const path = write('progress.jsonl', content);
    const calls: Array<[number, number]> = [];
    await validateBatchFile(path, { onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)).toEqual([Buffer.byteLength(content), Buffer.byteLength(content)]);
    expect(calls.every(([read], i) => i === 0 || read > (calls[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('stops when its signal is aborted', async () => {
    const path = write('abort.jsonl', jsonl(Array.from({ length: 5000 }, (_, i) => ok(`r${i}`))));
    const controller = new AbortController();
    const run = validateBatchFile(path, {
      signal: controller.signal,
      onProgress: (read) => {
        if (read > 0) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(run).rejects.toThrow('user cancelled');
    // Aborted while the last chunk was read: no report either.
    const small = write('abort-small.jsonl', jsonl([ok('a')]));
    const late = new AbortController();
    await expect(
      validateBatchFile(small, { signal: late.signal, onProgress: () => late.abort(new Error('late')) }),
    ).rejects.toThrow('late');
    const early = new AbortController();
    early.abort(new Error('before'));
    await expect(validateBatchFile(small, { signal: early.signal })).rejects.toThrow('before');
  });

  it('a missing file and a directory are read errors naming the path and the reason', async () => {
    const missing = join(dir, 'nope.jsonl');
    await expect(validateBatchFile(missing)).rejects.toThrow(
      new BatchFileReadError(missing, 'ENOENT', 'no such file or directory'),
    );
    await expect(validateBatchFile(missing)).rejects.toThrow(
      `Cannot read ${missing}: no such file or directory (ENOENT).`,
    );
    await expect(validateBatchFile(dir)).rejects.toMatchObject({
      code: 'EISDIR',
      path: dir,
      message: `Cannot read ${dir}: it is a directory, not a file (EISDIR).`,
    });
  });
});
