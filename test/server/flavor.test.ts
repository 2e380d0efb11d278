import { afterEach, describe, expect, it } from 'vitest';
import {
  T0,
  call,
  chatLine,
  chatLines,
  createBatch,
  postJson,
  seconds,
  startClocked,
  upload,
  uploadLines,
  type TestServer,
} from './helpers.js';

let server: TestServer;
afterEach(async () => server?.close());

describe('the default flavour, fizz (as fizz.ai and its guide answer)', () => {
  it('sends every timestamp as a numeric string and keeps nulls', async () => {
    server = await startClocked();
    const file = await upload(server, 'a.jsonl', `${JSON.stringify(chatLine('a', 'hi'))}\n`);
    expect(file.body).toMatchObject({ created_at: String(seconds(T0)), expires_at: String(seconds(T0) + 30 * 86_400) });
    const batch = await createBatch(server, file.body.id as string);
    expect(batch).toMatchObject({
      created_at: String(seconds(T0)),
      expires_at: String(seconds(T0) + 86_400),
      in_progress_at: null,
      completed_at: null,
    });
    // None set: errors is an empty array and metadata an empty object, as the guide shows.
    expect(batch.errors).toEqual([]);
    expect(batch.metadata).toEqual({});
    server.clock.tick(60_000);
    await server.engine.advance();
    const done = (await call(server, `/batches/${batch.id as string}`)).body;
    expect(done).toMatchObject({
      status: 'completed',
      in_progress_at: String(seconds(T0) + 1),
      completed_at: expect.stringMatching(/^\d+$/),
    });
  });

  it('adds count, page, page_count and the int64 items_per_page to list responses', async () => {
    server = await startClocked();
    await createBatch(server, await uploadLines(server, chatLines(1)));
    for (const path of ['/batches', '/files']) {
      const res = await call(server, path);
      expect(res.text).toContain('"items_per_page":9223372036854775807}');
      expect(res.body).toMatchObject({
        object: 'list',
        count: 1,
        page: 1,
        page_count: -1,
        has_more: false,
        first_id: expect.any(String),
        last_id: expect.any(String),
      });
    }
  });

  it('accepts other completion windows and several models in one file', async () => {
    server = await startClocked();
    const fileId = await uploadLines(server, [
      chatLine('a', 'x'),
      chatLine('b', 'y', { model: 'deepseek-ai/DeepSeek-R1' }),
    ]);
    const batch = await createBatch(server, fileId, { completion_window: '48h' });
    expect(batch).toMatchObject({ completion_window: '48h', expires_at: String(seconds(T0) + 172_800) });
    server.clock.tick(60_000);
    await server.engine.advance();
    const done = (await call(server, `/batches/${batch.id as string}`)).body;
    expect(done).toMatchObject({ status: 'completed' });
    // Two models: no single name is true, so there is no model key (never the first one, never null).
    expect(done).not.toHaveProperty('model');
    expect(
      (
        await postJson(server, '/batches', {
          input_file_id: fileId,
          endpoint: '/v1/chat/completions',
          completion_window: '9d',
        })
      ).status,
    ).toBe(400);
  });
});

describe('flavor openai', () => {
  it('sends integers, explicit nulls and plain list responses', async () => {
    server = await startClocked({ flavor: 'openai' });
    const batch = await createBatch(server, await uploadLines(server, chatLines(1)));
    expect(batch).toMatchObject({ created_at: seconds(T0), errors: null, metadata: null, in_progress_at: null });
    // The model is not known before validation: the key is left out, as in OpenAI's examples, never null.
    expect(batch).not.toHaveProperty('model');
    server.clock.tick(5000);
    await server.engine.advance();
    expect((await call(server, `/batches/${batch.id as string}`)).body).toMatchObject({
      model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
    });
    const list = await call(server, '/batches');
    expect(Object.keys(list.body).sort()).toEqual(['data', 'first_id', 'has_more', 'last_id', 'object']);
    expect(list.text).not.toContain('items_per_page');
  });

  it('refuses mixed models and windows other than 24h', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, [
      chatLine('a', 'x'),
      chatLine('b', 'y', { model: 'deepseek-ai/DeepSeek-R1' }),
    ]);
    expect(
      (
        await postJson(server, '/batches', {
          input_file_id: fileId,
          endpoint: '/v1/chat/completions',
          completion_window: '48h',
        })
      ).body,
    ).toMatchObject({
      error: { param: 'completion_window', message: "Invalid value: '48h'. Supported values are: '24h'." },
    });
    const batch = await createBatch(server, fileId);
    server.clock.tick(5000);
    await server.engine.advance();
    expect((await call(server, `/batches/${batch.id as string}`)).body).toMatchObject({
      status: 'failed',
      errors: { object: 'list', data: [expect.objectContaining({ code: 'mismatched_model', line: 2 })] },
    });
  });
});
