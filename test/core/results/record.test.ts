import { describe, expect, it } from 'vitest';
import { customIdOf, isErrorLine, parseRecord } from '../../../src/core/results/record/parse.js';
import { prettyJson } from '../../../src/core/results/record/pretty-json.js';
import type { ResultRecord } from '../../../src/core/results/record/types.js';
import type { LineText } from '../../../src/core/results/types.js';

function lineOf(value: unknown, index = 0): LineText {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { index, text, bytes: Buffer.byteLength(text), cut: false };
}

function record(value: unknown): ResultRecord {
  return parseRecord(lineOf(value));
}

function expectKind<K extends ResultRecord['kind']>(r: ResultRecord, kind: K): Extract<ResultRecord, { kind: K }> {
  expect(r.kind, JSON.stringify(r).slice(0, 300)).toBe(kind);
  return r as Extract<ResultRecord, { kind: K }>;
}

const chatBody = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
  ...extra,
});

const outputLine = (customId: string, body: unknown, status = 200) => ({
  id: `batch_req_${customId}`,
  custom_id: customId,
  response: { status_code: status, request_id: `req_${customId}`, body },
  error: null,
});

const SAMPLES = {
  chat: outputLine('request-1', chatBody({ content: 'Paris is the capital of France.' })),
  stringBody: {
    ...outputLine('request-2', null),
    response: { status_code: 200, request_id: 'r2', body: JSON.stringify(chatBody({ content: 'from a string' })) },
  },
  noErrorKey: {
    id: 'x',
    custom_id: 'request-3',
    response: { status_code: 200, request_id: 'r3', body: chatBody({ content: 'no error key' }) },
  },
  httpError: outputLine(
    'request-4',
    { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    429,
  ),
  expired: {
    id: 'batch_req_5',
    custom_id: 'request-5',
    response: null,
    error: {
      code: 'batch_expired',
      message: 'This request could not be executed before the completion window expired.',
    },
  },
  vllm: {
    id: 'vllm-abc',
    custom_id: 'request-6',
    response: { status_code: 400, request_id: 'vllm-batch-abc', body: null },
    error: 'The model `x` does not exist.',
  },
  llamaStack: {
    id: 'batch_req_7',
    custom_id: 'request-7',
    error: { type: 'request_failed', message: 'Model not found' },
  },
  errorWith200: {
    ...outputLine('request-8', chatBody({ content: 'half' })),
    error: { code: 'request_timeout', message: 'timed out' },
  },
  notJson: '{"custom_id": "x", oops}',
  input: {
    custom_id: 'request-9',
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
  },
  array: [1, 2],
  unknownObject: { hello: 'world' },
  noResult: { id: 'x', custom_id: 'request-10', response: null, error: null },
};

describe('parseRecord: output lines', () => {
  it('reads a chat completion: ids, status, model, the message, finish reason and tokens', () => {
    const r = expectKind(record(SAMPLES.chat), 'output');
    expect(r).toMatchObject({
      line: 0,
      customId: 'request-1',
      lineId: 'batch_req_request-1',
      requestId: 'req_request-1',
      statusCode: 200,
      model: 'gpt-4o-mini',
      message: 'Paris is the capital of France.',
      finishReason: 'stop',
      usage: { prompt: 12, completion: 5, total: 17 },
      choices: 1,
      flags: [],
    });
    expect(r.json).toEqual(SAMPLES.chat);
    expect(r.raw).toBe(JSON.stringify(SAMPLES.chat));
  });

  it('parses a response body given as a JSON string (llama-stack) and flags it', () => {
    const r = expectKind(record(SAMPLES.stringBody), 'output');
    expect(r.message).toBe('from a string');
    expect(r.usage?.total).toBe(17);
    expect(r.flags).toEqual(['body was a JSON string']);
  });

  it('shows a string body that is not JSON as the message, flagged', () => {
    const r = expectKind(
      record({ custom_id: 'a', response: { status_code: 200, body: 'plain text answer' } }),
      'output',
    );
    expect(r.message).toBe('plain text answer');
    expect(r.flags).toEqual(['body is a string, not JSON']);
  });

  it('accepts a line without an error key', () => {
    expect(expectKind(record(SAMPLES.noErrorKey), 'output').message).toBe('no error key');
  });

  it('summarises tool calls, refusals and content parts', () => {
    const args = JSON.stringify({ city: 'Paris', units: 'metric', note: 'x'.repeat(200) });
    const tools = expectKind(
      record(
        outputLine(
          't',
          chatBody({
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'long', arguments: args } },
            ],
          }),
        ),
      ),
      'output',
    );
    const [first, second] = tools.message!.split('\n');
    expect(first).toBe('tool call: get_weather({"city":"Paris"})');
    expect(second).toMatch(/^tool call: long\(\{"city":"Paris","units":"metric",.*…\)$/);
    expect(second!.length).toBeLessThan(100);

    expect(
      expectKind(record(outputLine('r', chatBody({ content: null, refusal: 'I cannot help with that.' }))), 'output')
        .message,
    ).toBe('refusal: I cannot help with that.');
    const parts = expectKind(
      record(
        outputLine(
          'p',
          chatBody({
            content: [
              { type: 'text', text: 'one' },
              { type: 'text', text: 'two' },
            ],
          }),
        ),
      ),
      'output',
    );
    expect(parts.message).toBe('one\ntwo');
  });

  it('counts choices and shows the first', () => {
    const body = {
      ...chatBody({ content: 'first' }),
      choices: [0, 1, 2].map((i) => ({
        index: i,
        message: { role: 'assistant', content: `choice ${i}` },
        finish_reason: 'length',
      })),
    };
    expect(expectKind(record(outputLine('c', body)), 'output')).toMatchObject({
      message: 'choice 0',
      finishReason: 'length',
      choices: 3,
    });
  });

  it('reads the responses endpoint: output text, function calls, input/output tokens', () => {
    const body = {
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      model: 'gpt-4.1',
      output: [
        { type: 'reasoning', summary: [] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello there' }] },
        { type: 'function_call', name: 'lookup', arguments: '{"q":1}' },
      ],
      usage: { input_tokens: 30, output_tokens: 7, total_tokens: 37 },
    };
    expect(expectKind(record(outputLine('resp', body)), 'output')).toMatchObject({
      model: 'gpt-4.1',
      message: 'Hello there\ntool call: lookup({"q":1})',
      finishReason: 'completed',
      usage: { prompt: 30, completion: 7, total: 37 },
    });
  });

  it('describes embeddings by their dimensions, not their numbers', () => {
    const one = {
      object: 'list',
      model: 'text-embedding-3-small',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }],
      usage: { prompt_tokens: 8, total_tokens: 8 },
    };
    expect(expectKind(record(outputLine('e', one)), 'output')).toMatchObject({
      message: 'embedding of 4 dimensions',
      usage: { prompt: 8, completion: null, total: 8 },
      choices: 0,
    });
    const base64 = Buffer.from(new Float32Array([1, 2, 3]).buffer).toString('base64');
    const two = {
      ...one,
      data: [
        { object: 'embedding', index: 0, embedding: [1, 2] },
        { object: 'embedding', index: 1, embedding: base64 },
      ],
    };
    expect(expectKind(record(outputLine('e2', two)), 'output').message).toBe(
      '[0] embedding of 2 dimensions\n[1] embedding of 3 dimensions (base64)',
    );
  });

  it('reads the completions endpoint', () => {
    const body = {
      object: 'text_completion',
      model: 'davinci',
      choices: [{ index: 0, text: ' world', finish_reason: 'stop' }],
    };
    expect(expectKind(record(outputLine('c', body)), 'output')).toMatchObject({
      message: ' world',
      finishReason: 'stop',
    });
  });

  it('parses a 5 MB answer whole when read whole', () => {
    const big = 'word '.repeat(1_100_000);
    const r = expectKind(record(outputLine('big', chatBody({ content: big }))), 'output');
    expect(r.message).toHaveLength(big.length);
    expect(r.bytes).toBeGreaterThan(5 * 1024 * 1024);
  });
});

describe('parseRecord: error lines', () => {
  it('reads an HTTP failure from response.body.error', () => {
    expect(expectKind(record(SAMPLES.httpError), 'error')).toMatchObject({
      customId: 'request-4',
      statusCode: 429,
      error: { code: 'rate_limit_exceeded', message: 'Rate limit reached' },
    });
  });

  it('reads batch_expired and batch_cancelled lines with no response', () => {
    expect(expectKind(record(SAMPLES.expired), 'error')).toMatchObject({
      statusCode: null,
      error: { code: 'batch_expired' },
    });
    const cancelled = {
      ...SAMPLES.expired,
      error: { code: 'batch_cancelled', message: 'The batch was cancelled before this request executed.' },
    };
    expect(expectKind(record(cancelled), 'error').error.code).toBe('batch_cancelled');
  });

  it("reads vLLM's string error and llama-stack's {type, message}", () => {
    expect(expectKind(record(SAMPLES.vllm), 'error')).toMatchObject({
      statusCode: 400,
      error: { code: null, message: 'The model `x` does not exist.' },
    });
    expect(expectKind(record(SAMPLES.llamaStack), 'error')).toMatchObject({
      customId: 'request-7',
      statusCode: null,
      error: { code: 'request_failed', message: 'Model not found' },
    });
  });

  it('treats a non-null error as an error even with a 200 response', () => {
    expect(expectKind(record(SAMPLES.errorWith200), 'error').error).toEqual({
      code: 'request_timeout',
      message: 'timed out',
    });
  });
});

describe('parseRecord: input lines', () => {
  it('summarises a chat request: messages, model and the other parameters', () => {
    const r = expectKind(
      record({
        custom_id: 'q-1',
        method: 'POST',
        url: '/v1/chat/completions',
        body: {
          model: 'gpt-4o-mini',
          messages: [
            { role: 'system', content: 'You are terse.' },
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
              ],
            },
          ],
          temperature: 0.2,
          max_tokens: 1000,
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: 'x',
              schema: { type: 'object', properties: { a: { type: 'string', description: 'a long description here' } } },
            },
          },
        },
      }),
      'input',
    );
    expect(r.customId).toBe('q-1');
    expect(r.request).toMatchObject({
      customId: 'q-1',
      method: 'POST',
      url: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', text: 'You are terse.' },
        { role: 'user', text: 'What is this?\n[image]' },
      ],
      input: null,
      params: { temperature: '0.2', max_tokens: '1000' },
    });
    expect(r.request.params.response_format).toMatch(/^\{"type":"json_schema".*…$/);
    expect(r.request.params.response_format!.length).toBeLessThanOrEqual(60);
  });

  it('summarises embeddings and responses inputs, and Together-style lines without method and url', () => {
    const embeddings = expectKind(
      record({
        custom_id: 'e',
        method: 'POST',
        url: '/v1/embeddings',
        body: { model: 'emb', input: ['alpha', 'beta'], dimensions: 256 },
      }),
      'input',
    );
    expect(embeddings.request).toMatchObject({ input: 'alpha\nbeta', messages: [], params: { dimensions: '256' } });
    const tokens = expectKind(
      record({ custom_id: 'e2', url: '/v1/embeddings', body: { model: 'emb', input: [1, 2, 3] } }),
      'input',
    );
    expect(tokens.request.input).toBe('3 token ids');

    const responses = expectKind(
      record({
        custom_id: 'r',
        method: 'POST',
        url: '/v1/responses',
        body: { model: 'gpt-4.1', instructions: 'Be kind.', input: 'Hi!' },
      }),
      'input',
    );
    expect(responses.request.messages).toEqual([
      { role: 'instructions', text: 'Be kind.' },
      { role: 'user', text: 'Hi!' },
    ]);

    const together = expectKind(
      record({ custom_id: 't', body: { model: 'm', messages: [{ role: 'user', content: 'hey' }] } }),
      'input',
    );
    expect(together.request).toMatchObject({ method: null, url: null, messages: [{ role: 'user', text: 'hey' }] });
  });
});

describe('parseRecord: lines shown raw', () => {
  it('flags a line that is not JSON with where it breaks', () => {
    const r = expectKind(record(SAMPLES.notJson), 'invalid');
    expect(r.reason).toBe('not JSON: Expected double-quoted property name at column 20');
    expect(r.raw).toBe(SAMPLES.notJson);
    expect(r.json).toBeUndefined();
    expect(expectKind(record('{"a":'), 'invalid').reason).toBe('not JSON: Unexpected end of JSON input');
  });

  it('names JSON that is not an object, and objects of no known shape', () => {
    expect(expectKind(record(SAMPLES.array), 'invalid').reason).toBe('a JSON array, not an object');
    expect(expectKind(record('"text"'), 'invalid').reason).toBe('a JSON string, not an object');
    expect(expectKind(record('null'), 'invalid').reason).toBe('JSON null, not an object');
    expect(expectKind(record(SAMPLES.unknownObject), 'invalid').reason).toMatch(/neither a result .* nor a request/);
    const noResult = expectKind(record(SAMPLES.noResult), 'invalid');
    expect(noResult.reason).toBe('a result line with neither a response nor an error');
    expect(noResult.customId).toBe('request-10');
  });

  it('calls a blank line blank', () => {
    expect(expectKind(record(''), 'invalid').reason).toBe('blank line');
    expect(expectKind(record('   \t'), 'invalid').reason).toBe('blank line');
  });

  it('does not parse a cut line, but still names its custom_id', () => {
    const whole = JSON.stringify(outputLine('huge-1', chatBody({ content: 'x'.repeat(5.2 * 1024 * 1024) })));
    const bytes = Buffer.byteLength(whole);
    const r = expectKind(parseRecord({ index: 7, text: whole.slice(0, 1024 * 1024), bytes, cut: true }), 'invalid');
    expect(r.reason).toBe('line of 5.2 MB, shown cut');
    expect(r.customId).toBe('huge-1');
    expect(r.line).toBe(7);
  });

  it('tolerates a byte-order mark before the first line', () => {
    expect(expectKind(record(`\uFEFF${JSON.stringify(SAMPLES.chat)}`), 'output').customId).toBe('request-1');
  });
});

describe('isErrorLine', () => {
  it('agrees with parseRecord on every kind of line', () => {
    for (const [name, sample] of Object.entries(SAMPLES)) {
      const text = typeof sample === 'string' ? sample : JSON.stringify(sample);
      expect(isErrorLine(text), name).toBe(record(sample).kind === 'error');
    }
    expect(isErrorLine(JSON.stringify(SAMPLES.httpError))).toBe(true);
    expect(isErrorLine(JSON.stringify(SAMPLES.chat))).toBe(false);
    expect(isErrorLine('')).toBe(false);
  });
});

describe('customIdOf', () => {
  it('takes a number as its decimal string, like the records do', () => {
    expect(customIdOf(lineOf({ custom_id: 42, body: {} }))).toBe('42');
    expect(record({ custom_id: 42, body: {} }).customId).toBe('42');
    expect(customIdOf(lineOf('not json'))).toBeNull();
    expect(customIdOf({ index: 0, text: '{"custom_id":"a\\"b","body":{"x":"', bytes: 10_000_000, cut: true })).toBe(
      'a"b',
    );
  });
});

describe('prettyJson', () => {
  it('indents by two spaces', () => {
    expect(prettyJson({ a: 1, b: [true, null] })).toEqual([
      '{',
      '  "a": 1,',
      '  "b": [',
      '    true,',
      '    null',
      '  ]',
      '}',
    ]);
    expect(prettyJson(undefined)).toEqual([]);
  });

  it('wraps lines longer than the width, continuing one step deeper', () => {
    const lines = prettyJson({ text: 'abcdefghij'.repeat(5) }, 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "text": "abcdefghi');
    expect(lines[2]!.startsWith('    ')).toBe(true);
    expect(
      lines
        .slice(1, -1)
        .map((l, i) => (i === 0 ? l : l.trimStart()))
        .join(''),
    ).toBe(`  "text": "${'abcdefghij'.repeat(5)}"`);
  });
});

describe('parseRecord: a joined export (J) read again', () => {
  const request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi?' }] };

  it('an answer, a failure and a request alone, each with the request it carries; the answer labelled by its role', () => {
    const answer = expectKind(
      record({ custom_id: 'a', request, response: chatBody({ content: 'Hello.' }), error: null, status_code: 200 }),
      'output',
    );
    expect(answer).toMatchObject({
      customId: 'a',
      statusCode: 200,
      message: 'Hello.',
      role: 'assistant',
      model: 'gpt-4o-mini',
    });
    expect(answer.joinedRequest?.messages).toEqual([{ role: 'user', text: 'Hi?' }]);
    expect(answer.flags).toEqual([]);

    const failed = {
      custom_id: 'b',
      request,
      response: null,
      error: { code: 'batch_expired', message: 'Too late.' },
      status_code: null,
    };
    const failure = expectKind(record(failed), 'error');
    expect(failure.error).toMatchObject({ code: 'batch_expired', message: 'Too late.' });
    expect(failure.joinedRequest?.model).toBe('gpt-4o-mini');
    expect(isErrorLine(JSON.stringify(failed))).toBe(true);
    expect(
      isErrorLine(
        JSON.stringify({
          custom_id: 'a',
          request,
          response: chatBody({ content: 'x' }),
          error: null,
          status_code: 200,
        }),
      ),
    ).toBe(false);

    // No request in the export (no input file then): said as none, not invented.
    expect(
      expectKind(
        record({ custom_id: 'c', request: null, response: chatBody({ content: 'x' }), error: null, status_code: 200 }),
        'output',
      ).joinedRequest,
    ).toBeNull();
    // An input file exported: the line is its request.
    expect(
      expectKind(record({ custom_id: 'd', request, response: null, error: null, status_code: null }), 'input').request
        .messages,
    ).toEqual([{ role: 'user', text: 'Hi?' }]);
    // An ordinary output line carries nothing.
    expect(expectKind(record(outputLine('e', chatBody({ content: 'x' }))), 'output').joinedRequest).toBeUndefined();
  });

  it('hostile joined lines are records, never exceptions', () => {
    for (const value of [
      { custom_id: 1, request: 'text', response: 'a string', error: null, status_code: 'x' },
      { request: [], response: 5, error: null },
      { request: {}, error: 'boom' },
      {
        request: { messages: 'no' },
        response: { choices: [{ message: { role: 'x'.repeat(10_000), content: 3 } }] },
        error: null,
      },
    ]) {
      const r = record(value);
      expect(['output', 'error', 'input', 'invalid']).toContain(r.kind);
    }
  });
});
