import { describe, expect, it } from 'vitest';
import { toWireBatch } from '../../src/api/index.js';
import { sendJson, stubPerTest } from './stub.js';

// `keepRaw`: the provider's own object beside the normalized one, only when a call asks for it.

const esc = '\u001b]0;pwned\u0007';
const sentBatch = (id: string) => ({
  id,
  object: 'batch',
  endpoint: '/chat/completions',
  status: 'IN_PROGRESS',
  input_file_id: 'file-1',
  completion_window: '24h',
  created_at: '1733832777',
  request_counts: { total: 10, completed: 3, failed: 1 },
  errors: [],
  metadata: { description: `night${esc}ly` },
  x_vendor_queue: { region: 'eu', note: `queued${esc}` },
});
const sentFile = {
  id: 'file-1',
  object: 'file',
  bytes: 12,
  created_at: '1733832777',
  filename: 'in.jsonl',
  purpose: 'batch-output',
  status_details: null,
};
const sentModel = { id: 'fizzai/m', object: 'model', created: 1733832777, owned_by: 'fizz', context_length: 131072 };

const server = stubPerTest('fizz-keep-raw-');
const answer = () =>
  server.clientFor((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/v1/batches')
      return sendJson(res, 200, {
        object: 'list',
        data: [sentBatch('batch_a'), { object: 'batch' }, sentBatch('batch_b')],
        has_more: false,
        page_count: -1,
      });
    if (path.startsWith('/v1/batches/')) return sendJson(res, 200, sentBatch('batch_a'));
    if (path === '/v1/files') return sendJson(res, 200, { object: 'list', data: [sentFile], has_more: false });
    if (path === '/v1/files/file-1') return sendJson(res, 200, sentFile);
    return sendJson(res, 200, { object: 'list', data: [sentModel] });
  });

describe('keepRaw', () => {
  it('by default an object keeps nothing of what the server sent', async () => {
    const client = await answer();
    const objects = [
      await client.getBatch('batch_a'),
      ...(await client.listBatches()).items,
      ...(await client.listFiles()).items,
      await client.getFile('file-1'),
      ...(await client.listModels()),
    ];
    for (const object of objects) expect(Object.keys(object)).not.toContain('raw');
    expect(toWireBatch(objects[0] as Parameters<typeof toWireBatch>[0])).not.toHaveProperty('raw');
  });

  it("asked for, each object carries the provider's JSON exactly (vendor fields, string times, upper-case status, escapes) beside the normalized fields", async () => {
    const client = await answer();
    const job = await client.getBatch('batch_a', { keepRaw: true });
    expect(job).toMatchObject({
      status: 'in_progress',
      createdAt: 1733832777,
      endpoint: '/v1/chat/completions',
      metadata: { description: 'night\uFFFD]0;pwned\uFFFDly' },
    });
    expect(job.raw).toEqual(sentBatch('batch_a'));
    expect(toWireBatch(job)).toMatchObject({
      status: 'in_progress',
      created_at: 1733832777,
      raw: sentBatch('batch_a'),
    });
    expect(toWireBatch(job)).not.toHaveProperty('x_vendor_queue');

    const page = await client.listBatches({ keepRaw: true });
    expect(page.items.map((b) => b.raw)).toEqual([sentBatch('batch_a'), sentBatch('batch_b')]);
    // The unreadable item has no normalized object, so no raw one either; its reason is unchanged.
    expect(page.unreadable).toEqual({ count: 1, reason: 'data[1].id: expected string, but it is missing' });
    expect(page.nextCursor).toBeNull();

    expect((await client.listFiles({ keepRaw: true })).items[0]).toMatchObject({
      purpose: 'batch_output',
      raw: sentFile,
    });
    expect((await client.getFile('file-1', { keepRaw: true })).raw).toEqual(sentFile);
    expect((await client.listModels({ keepRaw: true }))[0]).toMatchObject({ id: 'fizzai/m', raw: sentModel });
    const paged = await client.batchPager({ keepRaw: true }).next();
    expect(paged?.map((b) => b.raw)).toEqual([sentBatch('batch_a'), sentBatch('batch_b')]);
  });

  it('a created or cancelled batch keeps what the server answered', async () => {
    const together = { job: sentBatch('batch_t'), warning: 'slow today' };
    const client = await server.clientFor((req, res) =>
      sendJson(res, 200, req.url?.endsWith('/cancel') ? sentBatch('batch_c') : together),
    );
    const created = await client.createBatch(
      { inputFileId: 'file-1', endpoint: '/v1/chat/completions', completionWindow: '24h' },
      { keepRaw: true },
    );
    expect(created).toMatchObject({ id: 'batch_t', raw: together });
    expect((await client.cancelBatch('batch_c', { keepRaw: true })).raw).toEqual(sentBatch('batch_c'));
    expect(Object.keys(await client.cancelBatch('batch_c'))).not.toContain('raw');
  });
});
