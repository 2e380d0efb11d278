import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  T0,
  batchNow,
  call,
  chatLine,
  chatLines,
  createBatch,
  fileLines,
  seconds,
  startClocked,
  upload,
  uploadLines,
  type TestServer,
} from './helpers.js';

/**
 * The lifecycle on an injected clock: every transition is checked at the simulated time it is
 * due, with timestamps derived from the creation time and the pace (2 requests/s by default).
 * The server runs in the openai flavour, whose integer timestamps the checks compare; the
 * default fizz flavour's wire format is tested in flavor.test.ts.
 */
let server: TestServer;
afterEach(async () => server?.close());

type Batch = Record<string, unknown> & { request_counts: { total: number; completed: number; failed: number } };
const read = async (id: string) => (await batchNow(server, id)) as Batch;

describe('the batch lifecycle', () => {
  it('validating → in_progress → finalizing → completed, each at its time, counts advancing', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(10));
    const created = await createBatch(server, fileId);
    const id = created.id as string;
    expect(created).toMatchObject({
      status: 'validating',
      created_at: seconds(T0),
      expires_at: seconds(T0) + 86_400,
      request_counts: { total: 0, completed: 0, failed: 0 },
    });

    server.clock.tick(900);
    expect(await read(id)).toMatchObject({ status: 'validating', model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo' });

    // Validation takes one simulated second.
    server.clock.set(T0 + 1000);
    expect(await read(id)).toMatchObject({
      status: 'in_progress',
      in_progress_at: seconds(T0) + 1,
      request_counts: { total: 10, completed: 0, failed: 0 },
    });

    server.clock.set(T0 + 3500);
    expect((await read(id)).request_counts).toEqual({ total: 10, completed: 5, failed: 0 });

    // The tenth request runs 5 s after the start, then finalizing takes 2 s.
    server.clock.set(T0 + 6000);
    expect(await read(id)).toMatchObject({
      status: 'finalizing',
      finalizing_at: seconds(T0) + 6,
      request_counts: { total: 10, completed: 10, failed: 0 },
    });

    server.clock.set(T0 + 8000);
    const done = await read(id);
    expect(done).toMatchObject({
      status: 'completed',
      completed_at: seconds(T0) + 8,
      error_file_id: null,
      errors: null,
    });
    expect(done.output_file_id).toEqual(expect.any(String));
    const output = await call(server, `/files/${done.output_file_id as string}`);
    expect(output.body).toMatchObject({
      purpose: 'batch_output',
      filename: `${id}_output.jsonl`,
      created_at: seconds(T0) + 8,
    });
    expect(await fileLines(server, done.output_file_id as string)).toHaveLength(10);
  });

  it('a batch read only long after creation has the timestamps it would have had', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(4)))).id as string;
    server.clock.set(T0 + 3_600_000);
    expect(await read(id)).toMatchObject({
      status: 'completed',
      in_progress_at: seconds(T0) + 1,
      finalizing_at: seconds(T0) + 3,
      completed_at: seconds(T0) + 5,
    });
  });

  it('speed compresses every duration, the window included', async () => {
    server = await startClocked({ flavor: 'openai', speed: 100 });
    const created = await createBatch(server, await uploadLines(server, chatLines(4)));
    expect(created.expires_at).toBe(seconds(T0) + 864);
    server.clock.set(T0 + 10 + 20 + 20);
    expect(await read(created.id as string)).toMatchObject({ status: 'completed' });
  });

  it('counts failures as they happen; failed requests go to the error file with their HTTP error', async () => {
    server = await startClocked({ flavor: 'openai', failRate: 0.5 });
    const id = (await createBatch(server, await uploadLines(server, chatLines(40)))).id as string;
    server.clock.set(T0 + 1000 + 10_000);
    const halfway = await read(id);
    expect(halfway.status).toBe('in_progress');
    expect(halfway.request_counts.completed + halfway.request_counts.failed).toBe(20);
    expect(halfway.request_counts.failed).toBeGreaterThan(0);

    server.clock.set(T0 + 60_000);
    const done = await read(id);
    const { completed, failed } = done.request_counts;
    expect(completed + failed).toBe(40);
    expect(failed).toBeGreaterThanOrEqual(halfway.request_counts.failed);
    const errors = await fileLines(server, done.error_file_id as string);
    expect(errors).toHaveLength(failed);
    expect(errors[0]).toMatchObject({
      id: expect.stringMatching(/^batch_req_/),
      response: {
        status_code: 500,
        request_id: expect.stringMatching(/^req_/),
        body: { error: { type: 'server_error', param: null } },
      },
      error: null,
    });
    expect(await fileLines(server, done.output_file_id as string)).toHaveLength(completed);
  });

  it('sums usage over the successful requests', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(6)))).id as string;
    server.clock.set(T0 + 60_000);
    const done = await read(id);
    const lines = await fileLines(server, done.output_file_id as string);
    const sum = (key: string) =>
      lines.reduce((n, l) => n + ((l.response as { body: { usage: Record<string, number> } }).body.usage[key] ?? 0), 0);
    expect(done.usage).toEqual({
      input_tokens: sum('prompt_tokens'),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: sum('completion_tokens'),
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: sum('prompt_tokens') + sum('completion_tokens'),
    });
    expect(sum('prompt_tokens')).toBeGreaterThan(0);
  });

  it('writes output lines out of input order, each request exactly once', async () => {
    server = await startClocked({ flavor: 'openai', speed: 1000 });
    const lines = chatLines(200);
    const id = (await createBatch(server, await uploadLines(server, lines))).id as string;
    server.clock.set(T0 + 60_000);
    const done = await read(id);
    const output = await fileLines(server, done.output_file_id as string);
    const ids = output.map((l) => l.custom_id as string);
    const inputIds = lines.map((l) => l.custom_id as string);
    expect(ids).not.toEqual(inputIds);
    expect([...ids].sort()).toEqual([...inputIds].sort());
  });

  it('answers each request from its own body: the text refers to the question', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (
      await createBatch(
        server,
        await uploadLines(server, [
          chatLine('q-zebra', 'Why do zebras have stripes?'),
          chatLine('q-tea', 'How do I brew green tea?'),
        ]),
      )
    ).id as string;
    server.clock.set(T0 + 60_000);
    const output = await fileLines(server, (await read(id)).output_file_id as string);
    const content = (customId: string) =>
      (
        output.find((l) => l.custom_id === customId)?.response as {
          body: { choices: Array<{ message: { content: string } }> };
        }
      ).body.choices[0]!.message.content;
    expect(content('q-zebra')).toContain('zebras');
    expect(content('q-tea')).toContain('green tea');
  });
});

describe('failing validation', () => {
  it('goes failed at the end of validation with errors.data and line numbers', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, [chatLine('a', 'x'), 'nope', chatLine('a', 'y')])))
      .id as string;
    server.clock.set(T0 + 1000);
    const failed = await read(id);
    expect(failed).toMatchObject({
      status: 'failed',
      failed_at: seconds(T0) + 1,
      in_progress_at: null,
      output_file_id: null,
      error_file_id: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
    });
    expect(failed.errors).toEqual({
      object: 'list',
      data: [
        { code: 'invalid_json_line', line: 2, param: null, message: 'This line is not parseable as valid JSON.' },
        expect.objectContaining({ code: 'duplicate_custom_id', line: 3, param: 'custom_id' }),
      ],
    });
  });

  it('a file uploaded with another purpose fails with invalid_request on input_file_id', async () => {
    server = await startClocked({ flavor: 'openai' });
    const file = await upload(server, 'notes.jsonl', '{"a":1}\n', 'user_data');
    const id = (await createBatch(server, file.body.id as string)).id as string;
    server.clock.tick(1000);
    const failed = await read(id);
    expect(failed.status).toBe('failed');
    expect((failed.errors as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ code: 'invalid_request', param: 'input_file_id', line: null }),
    ]);
  });

  it('a nonexistent input file still creates the batch, which fails with invalid_request on file_id', async () => {
    server = await startClocked({ flavor: 'openai' });
    const created = await createBatch(server, 'file-nope');
    expect(created.status).toBe('validating');
    server.clock.tick(1000);
    const failed = await read(created.id as string);
    expect((failed.errors as { data: unknown[] }).data).toEqual([
      expect.objectContaining({
        code: 'invalid_request',
        param: 'file_id',
        line: null,
        message: expect.stringContaining('file-nope'),
      }),
    ]);
  });
});

describe('expiry', () => {
  it('a batch still running at expires_at expires there, with partial output and batch_expired lines', async () => {
    // The window lasts 86.4 s → 86 s; one request per second; 100 requests cannot all run.
    server = await startClocked({ flavor: 'openai', speed: 1000, requestsPerSecond: 0.001 });
    const created = await createBatch(server, await uploadLines(server, chatLines(100)));
    const id = created.id as string;
    expect(created.expires_at).toBe(seconds(T0) + 86);

    server.clock.set(T0 + 50_000);
    expect((await read(id)).status).toBe('in_progress');

    server.clock.set(T0 + 120_000);
    const expired = await read(id);
    expect(expired).toMatchObject({
      status: 'expired',
      expired_at: seconds(T0) + 86,
      request_counts: { total: 100, completed: 85, failed: 0 },
    });
    expect(await fileLines(server, expired.output_file_id as string)).toHaveLength(85);
    const errors = await fileLines(server, expired.error_file_id as string);
    expect(errors).toHaveLength(15);
    for (const line of errors) {
      expect(line).toEqual({
        id: expect.stringMatching(/^batch_req_/),
        custom_id: expect.any(String),
        response: null,
        error: {
          code: 'batch_expired',
          message: 'This request could not be executed before the completion window expired.',
        },
      });
    }
  });
});

describe('cancel', () => {
  it('freezes processing at the cancel time, then cancelled with partial output and batch_cancelled lines', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(100)))).id as string;
    server.clock.set(T0 + 11_000);
    await server.engine.advance();
    const cancelling = await call(server, `/batches/${id}/cancel`, { method: 'POST' });
    expect(cancelling.status).toBe(200);
    expect(cancelling.body).toMatchObject({
      status: 'cancelling',
      cancelling_at: seconds(T0) + 11,
      request_counts: { total: 100, completed: 20, failed: 0 },
    });

    server.clock.set(T0 + 13_000);
    expect(await read(id)).toMatchObject({ status: 'cancelling', request_counts: { completed: 20 } });
    // Cancelling twice returns the batch as it is.
    expect((await call(server, `/batches/${id}/cancel`, { method: 'POST' })).body).toMatchObject({
      status: 'cancelling',
    });

    server.clock.set(T0 + 14_000);
    const cancelled = await read(id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelled_at: seconds(T0) + 14,
      request_counts: { total: 100, completed: 20, failed: 0 },
    });
    expect(await fileLines(server, cancelled.output_file_id as string)).toHaveLength(20);
    const errors = await fileLines(server, cancelled.error_file_id as string);
    expect(errors).toHaveLength(80);
    expect(errors[0]).toMatchObject({
      response: null,
      error: { code: 'batch_cancelled', message: 'The batch was cancelled before this request executed.' },
    });
    expect((await call(server, `/batches/${id}/cancel`, { method: 'POST' })).body).toMatchObject({
      status: 'cancelled',
    });
  });

  it('a batch cancelled while validating ends with every request cancelled', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(5)))).id as string;
    await server.engine.advance();
    expect((await call(server, `/batches/${id}/cancel`, { method: 'POST' })).body).toMatchObject({
      status: 'cancelling',
    });
    server.clock.tick(5000);
    const cancelled = await read(id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      in_progress_at: null,
      output_file_id: null,
      request_counts: { total: 5, completed: 0, failed: 0 },
    });
    expect(await fileLines(server, cancelled.error_file_id as string)).toHaveLength(5);
  });

  it('a finished batch answers 409 in the error shape, with x-should-retry: false', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(1)))).id as string;
    server.clock.tick(60_000);
    expect((await read(id)).status).toBe('completed');
    const refused = await call(server, `/batches/${id}/cancel`, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('x-should-retry')).toBe('false');
    expect(refused.body).toEqual({
      error: {
        message: "Cannot cancel a batch with status 'completed'.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});

describe('requests that fail', () => {
  it('a batch whose every request fails completes with output_file_id null and only an error file', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await createBatch(server, await uploadLines(server, chatLines(3, { temperature: 5 })))).id as string;
    server.clock.tick(60_000);
    const done = await read(id);
    expect(done).toMatchObject({
      status: 'completed',
      output_file_id: null,
      request_counts: { total: 3, completed: 0, failed: 3 },
    });
    const errors = await fileLines(server, done.error_file_id as string);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({
      response: {
        status_code: 400,
        body: { error: { type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } },
      },
      error: null,
    });
  });
});

describe('deleting the input file of a running batch', () => {
  it('hides it at once but keeps its content until the batch has written its results', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(6));
    const id = (await createBatch(server, fileId)).id as string;
    server.clock.set(T0 + 2000);
    expect((await read(id)).status).toBe('in_progress');
    expect((await call(server, `/files/${fileId}`, { method: 'DELETE' })).body).toMatchObject({ deleted: true });
    expect((await call(server, `/files/${fileId}`)).status).toBe(404);
    expect(existsSync(join(server.dataDir, 'files', fileId))).toBe(true);

    server.clock.set(T0 + 60_000);
    const done = await read(id);
    expect(done).toMatchObject({ status: 'completed', request_counts: { completed: 6 } });
    expect(await fileLines(server, done.output_file_id as string)).toHaveLength(6);
    await server.engine.advance();
    await vi.waitFor(() => expect(existsSync(join(server.dataDir, 'files', fileId))).toBe(false));
  });
});

describe('many batches and big files', () => {
  it('runs many batches side by side', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, chatLines(3));
    const ids = await Promise.all(
      Array.from({ length: 30 }, async () => (await createBatch(server, fileId)).id as string),
    );
    server.clock.tick(60_000);
    await server.engine.advance();
    for (const id of ids)
      expect((await call(server, `/batches/${id}`)).body).toMatchObject({
        status: 'completed',
        request_counts: { completed: 3 },
      });
  });

  it('handles a 50,000-request batch', async () => {
    server = await startClocked({ flavor: 'openai', speed: 1000 });
    const line = (i: number) =>
      `{"custom_id":"r${i}","method":"POST","url":"/v1/chat/completions","body":{"model":"fizzai/Meta-Llama-3.1-8B-Instruct-Turbo","messages":[{"role":"user","content":"Question ${i}"}],"max_tokens":20}}`;
    const content = Array.from({ length: 50_000 }, (_, i) => line(i)).join('\n');
    const fileId = (await upload(server, 'big.jsonl', content)).body.id as string;
    const id = (await createBatch(server, fileId)).id as string;
    server.clock.tick(100_000);
    const done = await read(id);
    expect(done).toMatchObject({
      status: 'completed',
      request_counts: { total: 50_000, completed: 50_000, failed: 0 },
    });
    const res = await fetch(`${server.url}/files/${done.output_file_id as string}/content`);
    const text = await res.text();
    expect(text.split('\n').filter(Boolean)).toHaveLength(50_000);
  }, 60_000);
});
