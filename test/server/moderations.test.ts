import { afterEach, describe, expect, it } from 'vitest';
import {
  T0,
  batchNow,
  call,
  createBatch,
  fileLines,
  postJson,
  startClocked,
  uploadLines,
  type TestServer,
} from './helpers.js';

// OpenAI's batch endpoints include /v1/moderations: the built-in server takes such batches,
// offers a moderation model, and writes a synthetic moderation result per request.

let server: TestServer;
afterEach(async () => server?.close());

const moderation = (customId: string, input: unknown) => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/moderations',
  body: { model: 'omni-moderation-latest', input },
});

describe('/v1/moderations on the built-in server', () => {
  it('lists a moderation model and answers a moderation request synchronously', async () => {
    const models = await call<{ data: Array<{ id: string }> }>(
      (server = await startClocked({ flavor: 'openai' })),
      '/models',
    );
    expect(models.body.data.map((m) => m.id)).toContain('omni-moderation-latest');
    const answer = await postJson(server, '/moderations', {
      model: 'omni-moderation-latest',
      input: ['hello', 'there'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      model: 'omni-moderation-latest',
      results: [{ flagged: false }, { flagged: false }],
    });
    expect((await postJson(server, '/moderations', { model: 'gpt-4o-mini', input: 'x' })).status).toBe(404);
  });

  it('runs a moderations batch: one result per request, with categories and scores', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, [
      moderation('m1', 'is this fine?'),
      moderation('m2', [{ type: 'text', text: 'and this?' }]),
    ]);
    const created = await createBatch(server, fileId, { endpoint: '/v1/moderations' });
    server.clock.set(T0 + 60_000);
    const done = await batchNow(server, created.id as string);
    expect(done).toMatchObject({
      endpoint: '/v1/moderations',
      status: 'completed',
      model: 'omni-moderation-latest',
      request_counts: { total: 2, completed: 2, failed: 0 },
    });
    const output = await fileLines(server, done.output_file_id as string);
    expect(output.map((line) => line.custom_id).sort()).toEqual(['m1', 'm2']);
    const body = (output[0]!.response as { status_code: number; body: { results: Array<Record<string, unknown>> } })
      .body;
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({
      flagged: false,
      categories: expect.objectContaining({ violence: false }),
      category_scores: expect.objectContaining({ hate: expect.any(Number) }),
    });
  });

  it('fails the validation of a moderations file whose request has no input, naming the line', async () => {
    server = await startClocked({ flavor: 'openai' });
    const fileId = await uploadLines(server, [{ ...moderation('m1', 'x'), body: { model: 'omni-moderation-latest' } }]);
    const created = await createBatch(server, fileId, { endpoint: '/v1/moderations' });
    server.clock.set(T0 + 60_000);
    const done = await batchNow(server, created.id as string);
    expect(done).toMatchObject({
      status: 'failed',
      errors: { data: [{ message: 'Input parameter is required.', line: 1, param: 'body.input' }] },
    });
  });
});
