import { afterEach, describe, expect, it } from 'vitest';
import { MODELS } from '../../src/server/index.js';
import { synthesize } from '../../src/server/sim/completions.js';
import { checkRequestBody } from '../../src/server/sim/request-check.js';
import { MODEL, call, postJson, startClocked, type TestServer } from './helpers.js';

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content },
  ],
  ...extra,
});

type ChatBody = {
  id: string;
  object: string;
  choices: Array<{ message: { role: string; content: string; refusal: null }; finish_reason: string }>;
  usage: Record<string, number>;
};

describe('synthetic completions', () => {
  it('are deterministic: the same body (in any key order) gives the same answer', () => {
    const a = synthesize('/v1/chat/completions', chat('Name three rivers in Europe.'), 1).body as ChatBody;
    const b = synthesize(
      '/v1/chat/completions',
      { messages: chat('Name three rivers in Europe.').messages, model: MODEL },
      2,
    ).body as ChatBody;
    expect(b.id).toBe(a.id);
    expect(b.choices).toEqual(a.choices);
    expect(b.usage).toEqual(a.usage);
    const other = synthesize('/v1/chat/completions', chat('Name three mountains in Asia.'), 1).body as ChatBody;
    expect(other.id).not.toBe(a.id);
  });

  it('look like a chat.completion that mentions the question, with consistent usage', () => {
    const body = synthesize('/v1/chat/completions', chat('What is the capital of Australia?'), 1_750_000_000)
      .body as ChatBody & Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      created: 1_750_000_000,
      model: MODEL,
      system_fingerprint: expect.stringMatching(/^fp_/),
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    const [choice] = body.choices;
    expect(choice).toMatchObject({ message: { role: 'assistant', refusal: null }, finish_reason: 'stop' });
    expect(choice!.message.content).toContain('capital of Australia');
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens! + body.usage.completion_tokens!);
    // About four characters per token of the messages.
    expect(body.usage.prompt_tokens).toBeGreaterThanOrEqual(
      Math.ceil('You are a helpful assistant.What is the capital of Australia?'.length / 4),
    );
  });

  it('stop with finish_reason length when max_tokens cuts the answer', () => {
    const body = synthesize('/v1/chat/completions', chat('Explain photosynthesis in detail.', { max_tokens: 3 }), 1)
      .body as ChatBody;
    expect(body.choices[0]!.finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(3);
    expect(body.choices[0]!.message.content.length).toBeLessThanOrEqual(12);
  });

  it('report reasoning tokens for a reasoning model', () => {
    const body = synthesize(
      '/v1/chat/completions',
      { ...chat('Prove that 2 is prime.'), model: 'deepseek-ai/DeepSeek-R1' },
      1,
    ).body as { usage: { completion_tokens_details: { reasoning_tokens: number } } };
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('give unit embedding vectors of the requested size, equal for equal texts', () => {
    const body = synthesize(
      '/v1/embeddings',
      { model: 'text-embedding-3-small', input: ['hello world', 'hello world', 'other'], dimensions: 64 },
      1,
    ).body as {
      data: Array<{ embedding: number[]; index: number }>;
    };
    expect(body.data.map((d) => d.index)).toEqual([0, 1, 2]);
    const [a, b, c] = body.data.map((d) => d.embedding);
    expect(a).toHaveLength(64);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('build text completions and Responses objects too', () => {
    const completion = synthesize('/v1/completions', { model: MODEL, prompt: 'Once upon a time' }, 1).body;
    expect(completion).toMatchObject({
      object: 'text_completion',
      choices: [expect.objectContaining({ index: 0, logprobs: null })],
    });
    const response = synthesize('/v1/responses', { model: MODEL, input: 'Tell me about otters.' }, 1).body as {
      object: string;
      status: string;
      output: Array<{ content: Array<{ text: string }> }>;
    };
    expect(response).toMatchObject({ object: 'response', status: 'completed' });
    expect(response.output[0]!.content[0]!.text).toContain('otters');
  });
});

describe('request checks', () => {
  it.each([
    [{ temperature: 3 }, 'temperature', 'invalid_value'],
    [{ temperature: 'hot' }, 'temperature', 'invalid_type'],
    [{ top_p: 1.5 }, 'top_p', 'invalid_value'],
    [{ max_tokens: 0 }, 'max_tokens', 'invalid_value'],
    [{ messages: [] }, 'messages', 'empty_array'],
    [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', 'invalid_value'],
  ])('%j → 400 on %s', (extra, param, code) => {
    const error = checkRequestBody('/v1/chat/completions', { ...chat('x'), ...extra });
    expect(error?.status).toBe(400);
    expect(error?.body).toMatchObject({ type: 'invalid_request_error', param, code });
  });

  it('pass a valid request', () => {
    expect(checkRequestBody('/v1/chat/completions', chat('x', { temperature: 0.7, max_tokens: 100 }))).toBeNull();
  });
});

describe('synchronous endpoints', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('POST /chat/completions answers the same as the batch path would, twice the same', async () => {
    server = await startClocked();
    const first = await postJson(server, '/chat/completions', chat('Name three colours.'));
    const second = await postJson(server, '/chat/completions', chat('Name three colours.'));
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body).toEqual(
      synthesize('/v1/chat/completions', chat('Name three colours.'), Math.floor(server.clock.now() / 1000)).body,
    );
  });

  it('refuses streaming, unknown models and bad parameters in the error shape', async () => {
    server = await startClocked();
    expect(await postJson(server, '/chat/completions', chat('x', { stream: true }))).toMatchObject({
      status: 400,
      body: { error: { param: 'stream' } },
    });
    expect(await postJson(server, '/chat/completions', { ...chat('x'), model: 'gpt-99' })).toMatchObject({
      status: 404,
      body: { error: { code: 'model_not_found', type: 'invalid_request_error', param: 'model' } },
    });
    expect(await postJson(server, '/chat/completions', chat('x', { temperature: 2.5 }))).toMatchObject({
      status: 400,
      body: {
        error: {
          param: 'temperature',
          code: 'invalid_value',
          message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
        },
      },
    });
    expect(await postJson(server, '/chat/completions', { model: MODEL })).toMatchObject({
      status: 400,
      body: { error: { code: 'missing_required_parameter', param: 'messages' } },
    });
  });

  it('serves embeddings, completions and responses', async () => {
    server = await startClocked();
    expect(
      (await postJson(server, '/embeddings', { model: 'text-embedding-3-small', input: 'hi' })).body,
    ).toMatchObject({ object: 'list' });
    expect((await postJson(server, '/completions', { model: MODEL, prompt: 'hi' })).body).toMatchObject({
      object: 'text_completion',
    });
    expect((await postJson(server, '/responses', { model: MODEL, input: 'hi' })).body).toMatchObject({
      object: 'response',
    });
    expect((await postJson(server, '/embeddings', { model: MODEL, input: 'hi' })).status).toBe(404);
  });

  it("lists the models, including the guide's three, and retrieves one whose id has a slash", async () => {
    server = await startClocked();
    const list = await call<{
      object: string;
      data: Array<{ id: string; object: string; created: number; owned_by: string }>;
    }>(server, '/models');
    expect(list.body.object).toBe('list');
    expect(list.body.data.map((m) => m.id)).toEqual(MODELS.map((m) => m.id));
    expect(list.body.data.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
        'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo',
        'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo',
        'deepseek-ai/DeepSeek-R1',
      ]),
    );
    for (const model of list.body.data)
      expect(Object.keys(model).sort()).toEqual(['created', 'id', 'object', 'owned_by']);
    expect((await call(server, '/models/deepseek-ai/DeepSeek-R1')).body).toEqual({
      id: 'deepseek-ai/DeepSeek-R1',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'fizzai',
    });
    expect((await call(server, `/models/${encodeURIComponent(MODEL)}`)).body).toMatchObject({ id: MODEL });
    expect(await call(server, '/models/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'model_not_found' } },
    });
  });
});
