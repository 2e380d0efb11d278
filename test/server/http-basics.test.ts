import { afterEach, describe, expect, it } from 'vitest';
import { call, chatLines, postJson, startClocked, upload, uploadLines, type TestServer } from './helpers.js';

/** OpenAI's answers (integer timestamps, explicit nulls, plain lists), so the openai flavour throughout. */
let server: TestServer;
afterEach(async () => server?.close());

const errorShape = {
  error: {
    message: expect.any(String),
    type: expect.any(String),
    param: expect.toBeOneOf([expect.any(String), null]),
    code: expect.toBeOneOf([expect.any(String), null]),
  },
};

describe('every response', () => {
  it('carries an x-request-id, errors included, and errors have exactly the four keys', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(1));
    const answers = [
      await call(server, '/models'),
      await call(server, `/files/${fileId}/content`),
      await call(server, '/files/file-nope'),
      await call(server, '/no/such/route'),
      await call(server, '/models', { method: 'DELETE' }),
      await postJson(server, '/batches', { input_file_id: fileId }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 404, 405, 400]);
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of answers.slice(2)) {
      expect(a.body).toEqual(errorShape);
      expect(Object.keys((a.body as { error: object }).error).sort()).toEqual(['code', 'message', 'param', 'type']);
    }
  });

  it('answers unknown routes with 404 and wrong methods with 405 and an allow header', async () => {
    server = await startClocked({ flavor: 'openai' });
    expect(await call(server, '/nothing')).toMatchObject({
      status: 404,
      body: { error: { message: 'Invalid URL (GET /v1/nothing)', type: 'invalid_request_error' } },
    });
    const wrong = await call(server, '/batches/batch_x/cancel');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(wrong.body).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('auth', () => {
  const key = 'sk-server-key-0042';

  it('refuses a missing or wrong key with 401 invalid_api_key, never echoing it', async () => {
    server = await startClocked({ flavor: 'openai', apiKey: key });
    const missing = await call(server, '/batches');
    expect(missing).toMatchObject({
      status: 401,
      body: { error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null } },
    });
    expect(missing.headers.get('x-request-id')).toMatch(/^req_/);
    const wrong = await call(server, '/batches', { headers: { authorization: 'Bearer sk-wrong-1234' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('sk-wrong-1234');
    expect(wrong.text).not.toContain(key);
    // Even an unknown route or an upload needs the key first.
    expect((await call(server, '/nope')).status).toBe(401);
    expect((await upload(server, 'a.jsonl', '{}\n')).status).toBe(401);
  });

  it('accepts the right key', async () => {
    const lines: string[] = [];
    server = await startClocked({ flavor: 'openai', apiKey: key, log: (line) => lines.push(line) });
    const auth = { authorization: `Bearer ${key}` };
    expect((await call(server, '/batches', { headers: auth })).status).toBe(200);
    expect((await upload(server, 'a.jsonl', '{}\n', 'batch', auth)).status).toBe(200);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(key);
  });
});

describe('fault injection and latency', () => {
  it('answers 500, 503 and 429 (with retry-after: 1) in the error shape at the fault rate', async () => {
    server = await startClocked({ flavor: 'openai', faultRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const res = await call(server, '/models');
      statuses.add(res.status);
      expect(res.body).toEqual(errorShape);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('1');
    }
    expect([...statuses].sort()).toEqual([429, 500, 503]);
  });

  it('is repeatable with the same seed and absent at rate 0', async () => {
    const run = async () => {
      const s = await startClocked({ flavor: 'openai', faultRate: 0.5, faultSeed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(s, '/models')).status);
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((s) => s !== 200)).toBe(true);
    server = await startClocked({ flavor: 'openai', faultRate: 0 });
    for (let i = 0; i < 20; i++) expect((await call(server, '/models')).status).toBe(200);
  });

  it('a faulted upload leaves the client able to read the answer', async () => {
    server = await startClocked({ flavor: 'openai', faultRate: 1 });
    const res = await upload(server, 'big.jsonl', 'x'.repeat(2_000_000));
    expect([429, 500, 503]).toContain(res.status);
  });

  it('delays every response by latencyMs', async () => {
    server = await startClocked({ flavor: 'openai', latencyMs: 120 });
    const started = performance.now();
    await call(server, '/models');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe('POST /batches refusals', () => {
  async function refuse(body: unknown): Promise<Record<string, unknown>> {
    const res =
      typeof body === 'string'
        ? await call(server, '/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        : await postJson(server, '/batches', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(errorShape);
    return (res.body as { error: Record<string, unknown> }).error;
  }

  it('answers each mistake as OpenAI does', async () => {
    server = await startClocked({ flavor: 'openai' });
    const ok = { input_file_id: 'file-x', endpoint: '/v1/chat/completions', completion_window: '24h' };
    expect(await refuse({ ...ok, endpoint: '/v1/x' })).toEqual({
      type: 'invalid_request_error',
      param: 'endpoint',
      code: 'invalid_value',
      message:
        "Invalid value: '/v1/x'. Supported values are: '/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/responses', and '/v1/moderations'.",
    });
    expect(await refuse({ ...ok, completion_window: '48h' })).toMatchObject({
      param: 'completion_window',
      code: 'invalid_value',
    });
    expect(await refuse({ ...ok, metadata: { tags: ['a'] } })).toEqual({
      type: 'invalid_request_error',
      param: 'metadata.tags',
      code: 'invalid_type',
      message: "Invalid type for 'metadata.tags': expected a string, but got an array instead.",
    });
    expect(await refuse({ ...ok, metadata: 'x' })).toMatchObject({ param: 'metadata', code: 'invalid_type' });
    expect(
      await refuse({ ...ok, metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }),
    ).toMatchObject({ param: 'metadata', code: 'invalid_value' });
    expect(await refuse({ ...ok, metadata: { ['k'.repeat(65)]: 'v' } })).toMatchObject({
      param: 'metadata',
      code: 'invalid_value',
    });
    expect(await refuse({ ...ok, metadata: { note: 'v'.repeat(513) } })).toMatchObject({
      param: 'metadata.note',
      code: 'invalid_value',
    });
    expect(await refuse({ ...ok, output_expires_after: { anchor: 'created_at', seconds: 60 } })).toMatchObject({
      param: 'output_expires_after.seconds',
    });
    for (const key of ['input_file_id', 'endpoint', 'completion_window']) {
      const body: Record<string, unknown> = { ...ok };
      delete body[key];
      expect(await refuse(body)).toEqual({
        type: 'invalid_request_error',
        param: key,
        code: 'missing_required_parameter',
        message: `Missing required parameter: '${key}'.`,
      });
    }
    expect(await refuse('{not json')).toMatchObject({ param: null, code: null });
    expect(await refuse('"a string"')).toMatchObject({ code: 'invalid_type' });
    expect((await call<{ data: unknown[] }>(server, '/batches')).body.data).toEqual([]);
  });

  it('keeps metadata and answers a batch with explicit nulls (and no model until it is known)', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(1));
    const res = await postJson(server, '/batches', {
      input_file_id: fileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description: 'nightly' },
    });
    expect(res.body).toEqual({
      id: expect.stringMatching(/^batch_/),
      object: 'batch',
      endpoint: '/v1/chat/completions',
      errors: null,
      input_file_id: fileId,
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: expect.any(Number),
      in_progress_at: null,
      expires_at: expect.any(Number),
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      usage: {
        input_tokens: 0,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 0,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 0,
      },
      metadata: { description: 'nightly' },
    });
  });
});

describe('GET /batches', () => {
  it('lists newest first and pages with limit, after, has_more, first_id and last_id', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(1));
    expect((await call(server, '/batches')).body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push(
        (
          await postJson(server, '/batches', {
            input_file_id: fileId,
            endpoint: '/v1/chat/completions',
            completion_window: '24h',
          })
        ).body.id as string,
      );
    }
    const newest = [...ids].reverse();
    const first = await call<{ data: Array<{ id: string }>; first_id: string; last_id: string; has_more: boolean }>(
      server,
      '/batches',
    );
    expect(first.body.data.map((b) => b.id)).toEqual(newest.slice(0, 20));
    expect(first.body).toMatchObject({ first_id: newest[0], last_id: newest[19], has_more: true });
    const second = await call<{ data: Array<{ id: string }>; has_more: boolean }>(
      server,
      `/batches?after=${newest[19] as string}`,
    );
    expect(second.body.data.map((b) => b.id)).toEqual(newest.slice(20));
    expect(second.body.has_more).toBe(false);
    expect((await call<{ data: unknown[] }>(server, '/batches?limit=100')).body.data).toHaveLength(25);
    for (const query of ['limit=0', 'limit=101', 'after=batch_nope'])
      expect((await call(server, `/batches?${query}`)).status).toBe(400);
  });

  it('answers 404 for an unknown batch, on read and on cancel', async () => {
    server = await startClocked({ flavor: 'openai' });
    for (const res of [
      await call(server, '/batches/batch_nope'),
      await call(server, '/batches/batch_nope/cancel', { method: 'POST' }),
    ]) {
      expect(res).toMatchObject({
        status: 404,
        body: { error: { type: 'invalid_request_error', message: "No batch found with id 'batch_nope'." } },
      });
    }
  });
});
