import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBatchClient, type BatchClient, type FileObject, type Page } from '../../src/api/index.js';
import { completionWindowsOf } from '../../src/core/batch-options.js';
import { FilesService } from '../../src/core/files/service.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import { readHead } from '../../src/core/files/head.js';
import { chatRequest, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { fakeClient } from '../support/ui.js';

function serverFiles(server: TestServer): string[] {
  return server.store.listFiles().map((f) => f.id);
}

describe('FilesService on the demo server', () => {
  let server: TestServer;
  let client: BatchClient;
  beforeAll(async () => {
    server = await startTestServer({ demoData: true });
    client = createBatchClient({ baseURL: server.url, apiKey: null });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists the files newest first, batch inputs and batch outputs, one page at a time', async () => {
    const listFiles = vi.spyOn(client, 'listFiles');
    const service = new FilesService({ client, pageSize: 5 });
    await service.refresh();
    let state = service.getState();
    expect(state.loaded).toBe(true);
    expect(state.files).toHaveLength(5);
    expect(state.hasMore).toBe(true);
    // Never a request without a limit (OpenAI's default is 10,000 files).
    expect(listFiles.mock.calls.every(([params]) => params?.limit === 5 && params.order === 'desc')).toBe(true);

    await service.loadMore();
    expect(service.getState().files).toHaveLength(10);
    while (service.getState().hasMore) await service.loadMore();
    state = service.getState();
    expect(new Set(state.files.map((f) => f.id))).toEqual(new Set(serverFiles(server)));
    expect(new Set(state.files.map((f) => f.purpose))).toEqual(new Set(['batch', 'batch_output']));
    const created = state.files.map((f) => f.createdAt!);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(state.files.find((f) => f.filename === 'docs-embeddings.jsonl')).toMatchObject({
      purpose: 'batch',
      status: 'processed',
    });
    listFiles.mockRestore();
  });

  it('refreshes as many files as are shown, so one deleted elsewhere disappears', async () => {
    const service = new FilesService({ client, pageSize: 4 });
    await service.refresh();
    await service.loadMore();
    expect(service.getState().files).toHaveLength(8);
    const victim = service.getState().files[5]!;
    await client.deleteFile(victim.id);
    await service.refresh();
    const files = service.getState().files;
    expect(files.map((f) => f.id)).not.toContain(victim.id);
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it('keeps paging after the last file loaded was deleted here (its id was the cursor)', async () => {
    const service = new FilesService({ client, pageSize: 3 });
    await service.refresh();
    const last = service.getState().files.at(-1)!;
    const result = await service.delete(last.id);
    expect(result).toEqual({ ok: true, alreadyGone: false });
    await service.loadMore();
    const state = service.getState();
    expect(state.loadMoreError).toBeNull();
    expect(state.files).toHaveLength(5);
    expect(state.files.map((f) => f.id)).not.toContain(last.id);
  });

  it('deletes a file, and tells a file deleted already (404) from a failure', async () => {
    const service = new FilesService({ client });
    await service.refresh();
    const file = service.getState().files.find((f) => f.purpose === 'batch_output')!;
    expect(await service.delete(file.id)).toEqual({ ok: true, alreadyGone: false });
    expect(server.store.getFile(file.id)).toBeUndefined();
    expect(service.getState().files.map((f) => f.id)).not.toContain(file.id);
    expect(await service.delete(file.id)).toEqual({ ok: true, alreadyGone: true });
  });

  it('creates a batch from an uploaded batch file, with the description as metadata', async () => {
    const service = new FilesService({ client });
    await service.refresh();
    const file = service.getState().files.find((f) => f.filename === 'analyst-sql.jsonl')!;
    const before = server.store.listBatches().length;
    const batch = await service.createBatchFromFile(file, {
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      description: '  rerun of the SQL set ',
    });
    expect(batch).toMatchObject({
      inputFileId: file.id,
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      metadata: { description: 'rerun of the SQL set' },
    });
    expect(server.store.listBatches()).toHaveLength(before + 1);
    // A blank description sends no metadata at all.
    const plain = await service.createBatchFromFile(file, {
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      description: '   ',
    });
    expect(plain.metadata).toEqual({});
  });

  it('refuses a description over the limit, in the same words as the new-batch flow, and never cuts it short', async () => {
    const createBatch = vi.fn();
    const service = new FilesService({ client: fakeClient({ createBatch }) });
    const long = 'x'.repeat(600);
    const file = { id: 'file-in', purpose: 'batch', filename: 'in.jsonl' };
    await expect(
      service.createBatchFromFile(file, {
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        description: long,
      }),
    ).rejects.toThrow('The description has 600 characters; at most 512 are allowed.');
    expect(createBatch).not.toHaveBeenCalled();

    const dir = tempDir('fizz-options-');
    const newBatch = new NewBatchService({ client: fakeClient({}), cwd: dir });
    await newBatch.validate(writeJsonl(dir, 'in.jsonl', [chatRequest('a', 'One?')]));
    newBatch.proceed();
    newBatch.setForm({ description: long });
    expect(newBatch.submit()).toBe(false);
    expect(newBatch.getState().notice?.text).toBe('The description has 600 characters; at most 512 are allowed.');
    newBatch.dispose();
  });

  it('refuses a batch from an output file without asking the server', async () => {
    const createBatch = vi.fn();
    const service = new FilesService({ client: fakeClient({ createBatch }) });
    await expect(
      service.createBatchFromFile(
        { id: 'file-out', purpose: 'batch_output', filename: 'out.jsonl' },
        { endpoint: '/v1/chat/completions', completionWindow: '24h' },
      ),
    ).rejects.toThrow(/Only files with purpose batch .* out\.jsonl has purpose batch_output/);
    expect(createBatch).not.toHaveBeenCalled();
  });

  it('reads only the first lines of a file, and finds the endpoint its requests use', async () => {
    const service = new FilesService({ client });
    await service.refresh();
    const output = service.getState().files.find((f) => f.purpose === 'batch_output' && (f.bytes ?? 0) > 2000)!;
    const head = await service.readHead(output.id, { maxLines: 3 });
    expect(head.lines).toHaveLength(3);
    expect(head.complete).toBe(false);
    expect(head.stoppedBy).toBe('lines');
    for (const line of head.lines) expect(JSON.parse(line)).toHaveProperty('custom_id');

    const whole = service.getState().files.find((f) => f.filename === 'analyst-sql.jsonl')!;
    const all = await service.readHead(whole.id);
    expect(all.complete).toBe(true);
    expect(all.lines).toHaveLength(60);
    expect(all.bytes).toBe(whole.bytes);

    const embeddings = service.getState().files.find((f) => f.filename === 'docs-embeddings.jsonl')!;
    expect(await service.detectEndpoint(embeddings.id)).toBe('/v1/embeddings');
    expect(await service.detectEndpoint(whole.id)).toBe('/v1/chat/completions');
  });

  it('uploads made elsewhere show up on refresh, newest first', async () => {
    const service = new FilesService({ client });
    await service.refresh();
    const path = writeJsonl(tempDir(), 'fresh-upload.jsonl', [chatRequest('a', 'hello?')]);
    const uploaded = await client.uploadFile(path);
    await service.refresh();
    expect(service.getState().files[0]!.id).toBe(uploaded.id);
  });
});

describe('FilesService without a server', () => {
  const file = (n: number): FileObject => ({
    id: `file-${n}`,
    bytes: 10,
    createdAt: 1_700_000_000 - n,
    filename: `f${n}.jsonl`,
    purpose: 'batch',
    status: null,
    expiresAt: null,
  });

  it('always asks for a page of 100 by default', async () => {
    const listFiles = vi.fn(async (): Promise<Page<FileObject>> => ({
      items: [file(1)],
      hasMore: false,
      nextCursor: null,
    }));
    const service = new FilesService({ client: fakeClient({ listFiles }) });
    await service.refresh();
    expect(listFiles).toHaveBeenCalledWith(expect.objectContaining({ limit: 100 }));
    expect(service.getState().files).toHaveLength(1);
    expect(service.getState().hasMore).toBe(false);
  });

  it('keeps the files it has when a refresh fails, and says why', async () => {
    const listFiles = vi
      .fn<() => Promise<Page<FileObject>>>()
      .mockResolvedValueOnce({ items: [file(1), file(2)], hasMore: false, nextCursor: null })
      .mockRejectedValueOnce(new Error('connection reset'));
    const service = new FilesService({ client: fakeClient({ listFiles }) });
    await service.refresh();
    await service.refresh();
    const state = service.getState();
    expect(state.files).toHaveLength(2);
    expect(state.loading).toBe(false);
    expect(String(state.error)).toContain('connection reset');
  });

  it('offers the profile’s completion windows, 24h first when listed', () => {
    expect(completionWindowsOf(null)).toEqual({ windows: ['24h'], initial: '24h' });
    expect(completionWindowsOf({ completionWindows: ['1h', '24h', '72h'] })).toEqual({
      windows: ['1h', '24h', '72h'],
      initial: '24h',
    });
    expect(completionWindowsOf({ completionWindows: ['48h'] })).toEqual({ windows: ['48h'], initial: '48h' });
  });
});

describe('readHead', () => {
  const stream = (...chunks: Array<string | Buffer>) =>
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

  it('splits lines across chunks, drops CR of CRLF, keeps a last line without a newline', async () => {
    const head = await readHead(stream('{"a":1}\r\n{"b"', ':2}\n', 'tail'));
    expect(head).toEqual({ lines: ['{"a":1}', '{"b":2}', 'tail'], complete: true, stoppedBy: null, bytes: 21 });
  });

  it('keeps a character split between chunks whole', async () => {
    const bytes = Buffer.from('café\n');
    const head = await readHead(stream(bytes.subarray(0, 4), bytes.subarray(4)));
    expect(head.lines).toEqual(['café']);
  });

  it('says "complete" for a file of exactly the line limit, and stops one line later', async () => {
    expect(await readHead(stream('1\n2\n3\n'), { maxLines: 3 })).toMatchObject({
      lines: ['1', '2', '3'],
      complete: true,
    });
    expect(await readHead(stream('1\n2\n3\n4\n'), { maxLines: 3 })).toMatchObject({
      lines: ['1', '2', '3'],
      complete: false,
      stoppedBy: 'lines',
    });
    expect(await readHead(stream('1\n2\n3\n4'), { maxLines: 3 })).toMatchObject({
      lines: ['1', '2', '3'],
      complete: false,
      stoppedBy: 'lines',
    });
  });

  it('stops at the byte limit, showing the start of a single huge line', async () => {
    const huge = 'x'.repeat(5000);
    const head = await readHead(stream(huge, huge, huge), { maxBytes: 6000, maxLineChars: 100 });
    expect(head.complete).toBe(false);
    expect(head.stoppedBy).toBe('bytes');
    expect(head.bytes).toBe(6000);
    expect(head.lines).toEqual(['x'.repeat(100) + '…']);
  });

  it('destroys the stream it stopped reading', async () => {
    const source = Readable.from(
      (function* () {
        for (let i = 0; ; i++) yield Buffer.from(`line ${i}\n`);
      })(),
    );
    const head = await readHead(source, { maxLines: 10 });
    expect(head.lines).toHaveLength(10);
    expect(source.destroyed).toBe(true);
  });
});
