import { createReadStream } from 'node:fs';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequest, guideModel, guideModels, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { sdkFor, startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

type Batch = OpenAI.Batches.Batch;

/**
 * The server runs in its default flavour, fizz, as fizz.ai does: timestamps come as numeric
 * strings ("1733832777"), which the SDK passes through as they are, typed as numbers.
 */
const unixSecondsString = expect.stringMatching(/^\d{10}$/);

async function jsonLines(client: OpenAI, fileId: string): Promise<Array<Record<string, unknown>>> {
  const text = await (await client.files.content(fileId)).text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function upload(client: OpenAI, path: string): Promise<OpenAI.Files.FileObject> {
  return client.files.create({ file: createReadStream(path), purpose: 'batch' });
}

async function runToEnd(client: OpenAI, id: string): Promise<Batch> {
  return waitFor(
    `batch ${id} to end`,
    () => client.batches.retrieve(id),
    (b) => ['completed', 'failed', 'expired', 'cancelled'].includes(b.status),
  );
}

describe('the fizz.ai guide workflow through the official openai SDK, against the default flavour', () => {
  let server: TestServer;
  let client: OpenAI;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000, failRate: 0 });
    client = sdkFor(server);
  });
  afterAll(async () => server.close());

  it('uploads, creates, watches to completion and reads every result joined by custom_id', async () => {
    // Several of the guide's models in one file, as its own example does.
    const requests = Array.from({ length: 25 }, (_, i) =>
      chatRequest(`request-${i + 1}`, `What is ${i + 1} squared?`, { model: guideModels[i % 3] }),
    );
    const file = await upload(client, writeJsonl(dir, 'guide.jsonl', requests));
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'guide.jsonl', status: 'processed' });
    expect(file.bytes).toBeGreaterThan(0);

    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description: 'guide workflow' },
    });
    expect(created.status).toBe('validating');
    expect(created.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });
    expect(created.created_at).toEqual(unixSecondsString);
    expect(Number(created.expires_at)).toBe(Number(created.created_at) + Math.round(86400 / 1000));
    expect(created.metadata).toEqual({ description: 'guide workflow' });

    const seen = new Set<string>();
    const done = await waitFor(
      'completion',
      async () => {
        const b = await client.batches.retrieve(created.id);
        seen.add(b.status);
        return b;
      },
      (b) => b.status === 'completed',
    );
    expect(seen.has('completed')).toBe(true);
    expect(done.request_counts).toEqual({ total: 25, completed: 25, failed: 0 });
    for (const stamp of ['in_progress_at', 'finalizing_at', 'completed_at'] as const)
      expect(done[stamp]).toEqual(unixSecondsString);
    expect(done.output_file_id).toEqual(expect.any(String));
    expect(done.error_file_id).toBeNull();

    const lines = await jsonLines(client, done.output_file_id!);
    expect(lines).toHaveLength(25);
    const byId = new Map(lines.map((line) => [line.custom_id as string, line]));
    expect([...byId.keys()].sort()).toEqual(requests.map((r) => r.custom_id as string).sort());
    // Output order is not input order, so a client that joins by position would be wrong.
    expect(lines.map((l) => l.custom_id)).not.toEqual(requests.map((r) => r.custom_id));
    const answer = byId.get('request-7') as {
      response: {
        status_code: number;
        body: { object: string; model: string; choices: Array<{ message: { content: string } }> };
      };
    };
    expect(answer.response.status_code).toBe(200);
    expect(answer.response.body.object).toBe('chat.completion');
    expect(answer.response.body.choices[0]!.message.content.length).toBeGreaterThan(0);
    // Each request is answered by the model it asked for.
    for (const [i, request] of requests.entries()) {
      expect(
        (byId.get(request.custom_id as string) as { response: { body: { model: string } } }).response.body.model,
      ).toBe(guideModels[i % 3]);
    }

    const outputFile = await client.files.retrieve(done.output_file_id!);
    expect(outputFile.purpose).toBe('batch_output');

    // The guide lists with limit=2; the fizz list fields (count, page, items_per_page…) do not trouble the SDK.
    const listed = await client.batches.list({ limit: 2 });
    expect(listed.data.map((b) => b.id)).toContain(created.id);
    expect(listed.data[0]!.created_at).toEqual(unixSecondsString);
  });

  it('gives the same answer to the same request, in a batch and synchronously', async () => {
    const request = chatRequest('same-1', 'Name three colours.');
    const sync1 = await client.chat.completions.create(
      request.body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
    );
    const sync2 = await client.chat.completions.create(
      request.body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
    );
    expect(sync1.choices[0]!.message.content).toBe(sync2.choices[0]!.message.content);
    expect(sync1.usage?.prompt_tokens).toBeGreaterThan(0);

    const file = await upload(client, writeJsonl(dir, 'same.jsonl', [request]));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    const [line] = await jsonLines(client, done.output_file_id!);
    const body = (line!.response as { body: OpenAI.Chat.ChatCompletion }).body;
    expect(body.choices[0]!.message.content).toBe(sync1.choices[0]!.message.content);
  });

  it('lists the models of the guide', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(expect.arrayContaining([...guideModels, 'deepseek-ai/DeepSeek-R1']));
  });

  it('rejects a bad endpoint, completion window and metadata with the OpenAI 400s', async () => {
    const file = await upload(client, writeJsonl(dir, 'ok.jsonl', questions(1)));
    const attempt = (body: Record<string, unknown>) =>
      client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
        ...body,
      } as unknown as OpenAI.Batches.BatchCreateParams);

    await expect(attempt({ endpoint: '/v1/invalid/endpoint' })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_value',
      param: 'endpoint',
      message: expect.stringContaining("Invalid value: '/v1/invalid/endpoint'. Supported values are:"),
    });
    // fizz.ai takes windows from 1h to 7d (OpenAI only 24h), so ask for one neither offers.
    await expect(attempt({ completion_window: '30m' })).rejects.toMatchObject({
      status: 400,
      param: 'completion_window',
    });
    await expect(attempt({ metadata: { tags: ['a', 'b'] } })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_type',
      param: 'metadata.tags',
      error: {
        message: "Invalid type for 'metadata.tags': expected a string, but got an array instead.",
        type: 'invalid_request_error',
        param: 'metadata.tags',
        code: 'invalid_type',
      },
    });
  });
});

describe('validation of the input file, with OpenAI codes and line numbers', () => {
  let server: TestServer;
  let client: OpenAI;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000 });
    client = sdkFor(server);
  });
  afterAll(async () => server.close());

  async function failWith(
    name: string,
    lines: Array<Record<string, unknown> | string>,
  ): Promise<OpenAI.Batches.BatchError[]> {
    const file = await upload(client, writeJsonl(dir, name, lines));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('failed');
    expect(done.failed_at).toEqual(unixSecondsString);
    expect(done.output_file_id).toBeNull();
    return done.errors?.data ?? [];
  }

  const ok = (id: string) => chatRequest(id, 'Hello?');
  const without = (key: string) => {
    const line = ok('x-1');
    delete line[key];
    return line;
  };

  it.each([
    ['invalid_json_line', [ok('a'), '{"custom_id": "b", oops'], 2, null, 'This line is not parseable as valid JSON.'],
    [
      'missing_required_parameter',
      [ok('a'), ok('b'), without('custom_id')],
      3,
      'custom_id',
      "Missing required parameter: 'custom_id'.",
    ],
    ['missing_required_parameter', [without('body')], 1, 'body', "Missing required parameter: 'body'."],
    [
      'invalid_url',
      [ok('a'), chatRequest('b', 'x', { url: '/v1/embeddings' })],
      2,
      'url',
      'The URL provided for this request does not match the batch endpoint.',
    ],
    [
      'streaming_unsupported',
      [chatRequest('a', 'x', { extraBody: { stream: true } })],
      1,
      'body.stream',
      'Chat Completions: Streaming is not supported in the Batch API.',
    ],
    [
      'model_not_found',
      [chatRequest('a', 'x', { model: 'no-such-model' })],
      1,
      'body.model',
      "The provided model 'no-such-model' is not supported by the Batch API.",
    ],
  ])('%s on the right line', async (code, lines, line, param, message) => {
    const errors = await failWith(`${code}-${line}.jsonl`, lines as Array<Record<string, unknown> | string>);
    expect(errors).toContainEqual(expect.objectContaining({ code, line, param, message }));
  });

  it('invalid_request for a missing model and missing messages', async () => {
    const noModel = ok('a');
    delete (noModel.body as Record<string, unknown>).model;
    const noMessages = ok('b');
    delete (noMessages.body as Record<string, unknown>).messages;
    const errors = await failWith('invalid-request.jsonl', [ok('z'), noModel, noMessages]);
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'invalid_request',
        line: 2,
        param: 'body.model',
        message: 'Model parameter is required.',
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'invalid_request',
        line: 3,
        param: 'body.messages',
        message: 'Messages parameter is required.',
      }),
    );
  });

  it('duplicate_custom_id names the line that used it first', async () => {
    const errors = await failWith('dup.jsonl', [ok('a'), ok('b'), ok('a')]);
    const dup = errors.find((e) => e.code === 'duplicate_custom_id');
    expect(dup).toMatchObject({ line: 3, param: 'custom_id' });
    expect(dup?.message).toContain('1');
  });

  it('empty_file and too_many_tasks have no line', async () => {
    expect(await failWith('empty.jsonl', [])).toContainEqual(
      expect.objectContaining({ code: 'empty_file', line: null }),
    );
    const many = Array.from(
      { length: 50_001 },
      (_, i) =>
        `{"custom_id":"r${i}","method":"POST","url":"/v1/chat/completions","body":{"model":"${guideModel}","messages":[{"role":"user","content":"hi"}]}}`,
    );
    expect(await failWith('many.jsonl', many)).toContainEqual(
      expect.objectContaining({ code: 'too_many_tasks', line: null }),
    );
  });

  it('reports every problem of a file, not only the first', async () => {
    const errors = await failWith('several.jsonl', [
      'not json',
      ok('a'),
      without('method'),
      chatRequest('c', 'x', { model: 'nope' }),
    ]);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 4]);
  });

  it('a missing input file fails validation with invalid_request and no line', async () => {
    const batch = await client.batches.create({
      input_file_id: 'file-doesnotexist',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('failed');
    expect(done.errors?.data).toContainEqual(
      expect.objectContaining({ code: 'invalid_request', line: null, param: 'file_id' }),
    );
  });
});

describe('paging through batches and files', () => {
  let server: TestServer;
  let client: OpenAI;
  const dir = tempDir();
  const created: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000 });
    client = sdkFor(server);
    const file = await upload(client, writeJsonl(dir, 'page.jsonl', questions(2)));
    for (let i = 0; i < 45; i++) {
      const batch = await client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      created.push(batch.id);
    }
  });
  afterAll(async () => server.close());

  it('the SDK pages with after= and gets every batch once, newest first', async () => {
    const ids: string[] = [];
    for await (const batch of client.batches.list({ limit: 20 })) ids.push(batch.id);
    expect(ids).toEqual([...created].reverse());
  });

  it('a page names its first and last id and whether more follow; after is strictly after', async () => {
    const first = await client.batches.list({ limit: 20 });
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);
    const raw = await client.get<{ first_id: string; last_id: string }>('/batches', { query: { limit: 20 } });
    expect(raw.first_id).toBe(first.data[0]!.id);
    expect(raw.last_id).toBe(first.data[19]!.id);
    const second = await client.batches.list({ limit: 20, after: first.data[19]!.id });
    expect(second.data[0]!.id).toBe(created[created.length - 21]);
    const last = await client.batches.list({ limit: 20, after: created[4] });
    expect(last.data.map((b) => b.id)).toEqual(created.slice(0, 4).reverse());
    expect(last.has_more).toBe(false);
  });

  it('refuses a limit outside 1..100', async () => {
    await expect(client.batches.list({ limit: 101 })).rejects.toMatchObject({ status: 400 });
    await expect(client.batches.list({ limit: 0 })).rejects.toMatchObject({ status: 400 });
  });

  it('files list newest first by default, oldest first with order=asc, filtered by purpose', async () => {
    const a = await upload(client, writeJsonl(dir, 'a.jsonl', questions(1)));
    const b = await upload(client, writeJsonl(dir, 'b.jsonl', questions(1)));
    const desc = await client.files.list({ purpose: 'batch' });
    expect(desc.data.slice(0, 2).map((f) => f.id)).toEqual([b.id, a.id]);
    const asc = await client.files.list({ purpose: 'batch', order: 'asc' });
    expect(asc.data.slice(-2).map((f) => f.id)).toEqual([a.id, b.id]);
    const output = await client.files.list({ purpose: 'batch_output' });
    expect(output.data.every((f) => f.purpose === 'batch_output')).toBe(true);
  });
});

describe('cancel', () => {
  let server: TestServer;
  let client: OpenAI;
  let requests = 0;
  const dir = tempDir();

  beforeAll(async () => {
    // Slow processing so a job is still running when it is cancelled; a fast cancel delay.
    server = await startTestServer({ speed: 50, requestsPerSecond: 0.2, failRate: 0 });
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    client = sdkFor(server, { fetch: counting });
  });
  afterAll(async () => server.close());

  it('a running job goes cancelling → cancelled, keeps its finished results, and lists the rest as batch_cancelled', async () => {
    const file = await upload(client, writeJsonl(dir, 'cancel.jsonl', questions(200)));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await waitFor(
      'some progress',
      () => client.batches.retrieve(batch.id),
      (b) => b.status === 'in_progress' && b.request_counts!.completed > 0,
    );

    const cancelling = await client.batches.cancel(batch.id);
    expect(cancelling.status).toBe('cancelling');
    expect(cancelling.cancelling_at).toEqual(unixSecondsString);
    const again = await client.batches.cancel(batch.id);
    expect(['cancelling', 'cancelled']).toContain(again.status);

    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('cancelled');
    expect(done.cancelled_at).toEqual(unixSecondsString);
    const finished = done.request_counts!.completed;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(200);

    const output = await jsonLines(client, done.output_file_id!);
    expect(output).toHaveLength(finished);
    const errors = await jsonLines(client, done.error_file_id!);
    expect(errors).toHaveLength(200 - finished);
    expect(errors[0]).toMatchObject({ response: null, error: { code: 'batch_cancelled' } });
    const all = new Set([...output, ...errors].map((l) => l.custom_id));
    expect(all.size).toBe(200);

    // Cancelling a cancelled job returns it as it is.
    expect((await client.batches.cancel(batch.id)).status).toBe('cancelled');
  });

  it('a finished job answers 409, once: the SDK does not send it again', async () => {
    const file = await upload(client, writeJsonl(dir, 'one.jsonl', questions(1)));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('completed');
    const before = requests;
    const error = await client.batches.cancel(batch.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect((error as APIError).message).toContain("Cannot cancel a batch with status 'completed'.");
    expect(requests - before).toBe(1);
  });

  it('a job that failed validation answers 409 too', async () => {
    const file = await upload(client, writeJsonl(dir, 'bad.jsonl', ['nope']));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('failed');
    await expect(client.batches.cancel(batch.id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("Cannot cancel a batch with status 'failed'."),
    });
  });

  it('an unknown batch is 404', async () => {
    await expect(client.batches.retrieve('batch_nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.batches.cancel('batch_nope')).rejects.toMatchObject({ status: 404 });
  });
});

describe('expiry on a fast clock', () => {
  let server: TestServer;
  let client: OpenAI;
  const dir = tempDir();

  beforeAll(async () => {
    // The 24 h window lasts about 4 s; at 0.0002 requests per simulated second the job cannot finish.
    server = await startTestServer({ speed: 20_000, requestsPerSecond: 0.0002, failRate: 0 });
    client = sdkFor(server);
  });
  afterAll(async () => server.close());

  it('a job still running at expires_at becomes expired, with partial output and batch_expired lines', async () => {
    const file = await upload(client, writeJsonl(dir, 'slow.jsonl', questions(100)));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('expired');
    expect(Number(done.expired_at)).toBeGreaterThanOrEqual(Number(done.expires_at));
    const completed = done.request_counts!.completed;
    expect(completed).toBeGreaterThan(0);
    expect(completed).toBeLessThan(100);
    const errors = await jsonLines(client, done.error_file_id!);
    expect(errors).toHaveLength(100 - completed);
    expect(errors[0]).toEqual({
      id: expect.any(String),
      custom_id: expect.any(String),
      response: null,
      error: {
        code: 'batch_expired',
        message: 'This request could not be executed before the completion window expired.',
      },
    });
    expect(await jsonLines(client, done.output_file_id!)).toHaveLength(completed);
  }, 40_000);
});

describe('requests that fail', () => {
  let server: TestServer;
  let client: OpenAI;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000, failRate: 0.3 });
    client = sdkFor(server);
  });
  afterAll(async () => server.close());

  it('land in the error file in the documented shape, and the counts add up', async () => {
    const file = await upload(client, writeJsonl(dir, 'partial.jsonl', questions(60)));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('completed');
    const { completed, failed, total } = done.request_counts!;
    expect(total).toBe(60);
    expect(failed).toBeGreaterThan(0);
    expect(completed + failed).toBe(60);
    const errors = await jsonLines(client, done.error_file_id!);
    expect(errors).toHaveLength(failed);
    const line = errors[0] as {
      response: { status_code: number; body: { error: { message: string; type: string } } };
      error: unknown;
    };
    expect(line.response.status_code).toBeGreaterThanOrEqual(400);
    expect(line.response.body.error.message).toEqual(expect.any(String));
    expect(line.error).toBeNull();
  });

  it('a job whose every request failed completes with output_file_id null', async () => {
    const lines = questions(5).map((line) => ({ ...line, body: { ...(line.body as object), temperature: 5 } }));
    const file = await upload(client, writeJsonl(dir, 'all-bad.jsonl', lines));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 5, completed: 0, failed: 5 });
    expect(done.output_file_id).toBeNull();
    expect(await jsonLines(client, done.error_file_id!)).toHaveLength(5);
  });
});

describe('auth', () => {
  let server: TestServer;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ apiKey: 'sk-server-secret-1234' });
  });
  afterAll(async () => server.close());

  it('refuses a wrong key with 401 in the error shape, without echoing it', async () => {
    const wrong = sdkFor(server, { apiKey: 'sk-wrong-key-9999' });
    const error = (await wrong.batches.list().catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.type).toEqual(expect.any(String));
    expect(JSON.stringify(error.error)).not.toContain('sk-wrong-key-9999');
    const missing = await fetch(`${server.url}/batches`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('x-request-id')).toBeTruthy();
  });

  it('accepts the right key for the whole workflow', async () => {
    const client = sdkFor(server, { apiKey: 'sk-server-secret-1234' });
    const file = await upload(client, writeJsonl(dir, 'auth.jsonl', questions(2)));
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(batch.status).toBe('validating');
  });
});

describe('faults', () => {
  let server: TestServer;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ speed: 1000, faultRate: 0.25, failRate: 0 });
  });
  afterAll(async () => server.close());

  it('the workflow survives 500, 503 and 429 answers through the client retries', async () => {
    const client = sdkFor(server, { maxRetries: 8 });
    // A streamed upload cannot be replayed by the SDK, so a user retries it by opening the file again.
    const path = writeJsonl(dir, 'faults.jsonl', questions(10));
    const once = sdkFor(server, { maxRetries: 0 });
    const file = await waitFor(
      'an upload that gets through',
      () => upload(once, path).catch(() => null),
      (f) => f !== null,
    );
    const batch = await client.batches.create({
      input_file_id: file!.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await runToEnd(client, batch.id);
    expect(done.request_counts).toEqual({ total: 10, completed: 10, failed: 0 });
    expect(await jsonLines(client, done.output_file_id!)).toHaveLength(10);
  });

  it('without retries the faults show as the SDK error classes', async () => {
    const client = sdkFor(server, { maxRetries: 0 });
    const statuses = new Set<number>();
    for (let i = 0; i < 60 && statuses.size < 3; i++) {
      await client.models.list().catch((e: unknown) => {
        if (e instanceof APIError && e.status) statuses.add(e.status);
      });
    }
    expect([...statuses].sort()).toEqual([429, 500, 503]);
  });
});
