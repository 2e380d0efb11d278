import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createBatchClient, type BatchClient } from '../../src/api/index.js';
import { metadataProblem } from '../../src/core/batch-options.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import type { NewBatchState } from '../../src/core/new-batch/state.js';
import { openLocalDocument } from '../../src/core/results/local-document.js';
import { planResubmit, resubmitStart } from '../../src/core/results/resubmit.js';
import type { LineDocument } from '../../src/core/results/types.js';
import { manualClock, T0 } from '../server/helpers.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { untilState } from '../support/wait.js';

const servers: TestServer[] = [];
const services: NewBatchService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) s.dispose();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(
  options: Parameters<typeof startTestServer>[0] = {},
): Promise<{ server: TestServer; client: BatchClient }> {
  const started = await startTestServer(options);
  servers.push(started);
  return { server: started, client: createBatchClient({ baseURL: started.url, apiKey: null }) };
}

function flow(client: BatchClient, cwd: string, extra: Partial<ConstructorParameters<typeof NewBatchService>[0]> = {}) {
  const created: string[] = [];
  const history: NewBatchState[] = [];
  const service = new NewBatchService({
    client,
    cwd,
    progressIntervalMs: 0,
    onCreated: (b) => created.push(b.id),
    ...extra,
  });
  service.subscribe(() => history.push(service.getState()));
  services.push(service);
  return { service, created, history };
}

/** Resolves with the state once `check` passes; fails with the last step seen. */
function until(
  service: NewBatchService,
  check: (state: NewBatchState) => boolean,
  timeoutMs = 15_000,
): Promise<NewBatchState> {
  return untilState(service, check, {
    timeoutMs,
    describe: (s) => `step ${JSON.stringify(s.step).slice(0, 300)}; notice: ${s.notice?.text}`,
  });
}

/** The real client with some methods replaced (a fault at one chosen moment). */
function wrap(real: BatchClient, overrides: Partial<BatchClient>): BatchClient {
  return new Proxy(real, {
    get(target, name) {
      if (name in overrides) return overrides[name as keyof BatchClient];
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const at = (name: string) => (state: NewBatchState) => state.step.name === name;

async function fileCount(client: BatchClient): Promise<number> {
  return (await client.listFiles({ limit: 10_000 })).items.length;
}
async function batchCount(client: BatchClient): Promise<number> {
  return (await client.listBatches({ limit: 100 })).items.length;
}

/** A clean file of `count` chat requests, each padded to about `padBytes`. */
function bigFile(dir: string, count: number, padBytes: number): string {
  const pad = 'x'.repeat(padBytes);
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify(chatRequest(`r-${i}`, `question ${i} ${pad}`)));
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('NewBatchService against the built-in server', () => {
  it('lists the starting directory, then validates, uploads (progress reaches the total) and creates', async () => {
    // The fizz flavour accepts windows other than 24h, as kluster-style providers do.
    const { client, server: srv } = await server({ flavor: 'fizz' });
    const dir = tempDir();
    writeJsonl(dir, 'good.jsonl', questions(25));
    const { service, created, history } = flow(client, dir, { completionWindows: ['24h', '48h'] });
    await service.start();
    expect(service.getState().listing?.entries.map((e) => e.name)).toEqual(['good.jsonl', '..']);

    const filesBefore = await fileCount(client);
    await service.choose(service.getState().listing!.entries[0]!);
    const report = await until(service, at('report'));
    expect(report.step.name === 'report' && report.step.report).toMatchObject({
      requests: 25,
      endpoint: '/v1/chat/completions',
      errorCount: 0,
    });
    expect(history.some((s) => s.step.name === 'validating')).toBe(true);

    expect(service.proceed()).toBe(true);
    expect(service.getState().step.name).toBe('form');
    expect(service.getState().form.completionWindow).toBe('24h');
    service.setForm({ completionWindow: '48h', description: '  nightly eval  ' });
    expect(service.submit()).toBe(true);

    const done = await until(service, at('done'));
    if (done.step.name !== 'done') throw new Error('not done');
    const uploads = history.flatMap((s) => (s.step.name === 'uploading' ? [s.step.progress] : []));
    expect(uploads.length).toBeGreaterThan(0);
    expect(uploads.at(-1)).toMatchObject({ sent: uploads.at(-1)!.total });
    expect(uploads.at(-1)!.total).toBe(report.step.name === 'report' ? report.step.report.bytes : -1);
    expect(history.some((s) => s.step.name === 'creating')).toBe(true);

    const batch = await client.getBatch(done.step.batch.id);
    expect(batch).toMatchObject({
      endpoint: '/v1/chat/completions',
      completionWindow: '48h',
      inputFileId: done.step.file.id,
      metadata: { description: 'nightly eval' },
    });
    expect(created).toEqual([batch.id]);
    expect(await fileCount(client)).toBe(filesBefore + 1);
    const fileId = done.step.file.id;
    expect(srv.store.listFiles().some((f) => f.id === fileId)).toBe(true);
  });

  it('never uploads a file with errors: the report blocks, the server file list stays the same', async () => {
    const { client } = await server();
    const dir = tempDir();
    const path = writeJsonl(dir, 'bad.jsonl', [
      chatRequest('a', 'hi'),
      '{not json',
      chatRequest('a', 'again'),
      { custom_id: 'c', method: 'POST', url: '/v1/chat/completions', body: { messages: [] } },
    ]);
    const { service, history } = flow(client, dir);
    const before = await fileCount(client);

    await service.validate(path);
    const state = await until(service, at('report'));
    if (state.step.name !== 'report') throw new Error('no report');
    expect(state.step.report.errorCount).toBe(3);
    expect(state.step.report.counts).toMatchObject({ invalid_json: 1, duplicate_custom_id: 1, missing_model: 1 });

    expect(service.proceed()).toBe(false);
    expect(service.getState().step.name).toBe('report');
    expect(service.getState().notice?.text).toMatch(/Nothing is uploaded while the report has errors/);
    expect(service.submit()).toBe(false);
    expect(service.retry()).toBe(false);
    expect(history.some((s) => s.step.name === 'uploading' || s.step.name === 'form')).toBe(false);
    expect(await fileCount(client)).toBe(before);

    // Back to the picker to choose another file.
    expect(service.back()).toBe(true);
    expect(service.getState().step.name).toBe('picking');
    expect(service.getState().chosen).toBe(path);
  });

  it('cancelling mid-upload leaves no file and no batch on the server', async () => {
    const { client } = await server();
    const dir = tempDir();
    const path = bigFile(dir, 4000, 4000); // ~16 MB
    const { service, history, created } = flow(client, dir);
    const files = await fileCount(client);
    const batches = await batchCount(client);

    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    // Cancel as soon as the first bytes went out.
    const cancelled = until(service, (s) => s.step.name === 'uploading' && s.step.progress.sent > 0).then(() =>
      service.cancel(),
    );
    service.submit();
    expect(await cancelled).toBe(true);
    expect(service.getState().step.name).toBe('cancelling');
    const back = await until(service, at('form'));
    expect(back.notice).toEqual({ text: 'Upload cancelled — nothing was created.', tone: 'warning' });
    const progress = history.flatMap((s) => (s.step.name === 'uploading' ? [s.step.progress] : []));
    expect(progress.some((p) => p.sent > 0)).toBe(true);
    expect(Math.max(...progress.map((p) => p.sent))).toBeLessThan(progress[0]!.total);

    // Give the server time to finish anything it was doing with the aborted request.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fileCount(client)).toBe(files);
    expect(await batchCount(client)).toBe(batches);
    expect(created).toEqual([]);
    expect(history.some((s) => s.step.name === 'creating' || s.step.name === 'done')).toBe(false);
  });

  it('a file the server stored just as the upload was cancelled is deleted again', async () => {
    const { client: real } = await server();
    // The upload ignores the abort and finishes: the race of a cancel after the last byte.
    const client = wrap(real, {
      uploadFile: (path: string, opts: Parameters<BatchClient['uploadFile']>[1] = {}) =>
        real.uploadFile(path, { ...opts, signal: undefined }),
    });
    const dir = tempDir();
    const path = writeJsonl(dir, 'good.jsonl', questions(3));
    const { service, created } = flow(client, dir);
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.submit();
    expect(service.cancel()).toBe(true);
    const back = await until(service, at('form'));
    expect(back.notice?.text).toBe('Upload cancelled — nothing was created.');
    expect(await fileCount(real)).toBe(0);
    expect(await batchCount(real)).toBe(0);
    expect(created).toEqual([]);
  });

  it('a failed upload can be retried, and then the batch is created', async () => {
    const { client: real } = await server();
    let attempts = 0;
    const client: BatchClient = wrap(real, {
      uploadFile: (path: string, opts: Parameters<BatchClient['uploadFile']>[1]) => {
        attempts += 1;
        if (attempts === 1)
          return Promise.reject(
            new ApiError({ kind: 'server', status: 503, message: 'The server is overloaded (503).' }),
          );
        return real.uploadFile(path, opts);
      },
    });
    const dir = tempDir();
    const path = writeJsonl(dir, 'good.jsonl', questions(3));
    const { service } = flow(client, dir);
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.submit();
    const failed = await until(service, at('error'));
    expect(failed.step).toMatchObject({ name: 'error', stage: 'upload', file: null });
    expect(await fileCount(real)).toBe(0);

    expect(service.retry()).toBe(true);
    const done = await until(service, at('done'));
    expect(attempts).toBe(2);
    if (done.step.name !== 'done') throw new Error('not done');
    expect((await real.getBatch(done.step.batch.id)).inputFileId).toBe(done.step.file.id);
  });

  it('retries an upload the server answered with faults (its own retries), against a faulty server', async () => {
    const { client } = await server({ faultRate: 0.3, faultSeed: 7 });
    const dir = tempDir();
    const path = writeJsonl(dir, 'good.jsonl', questions(3));
    const { service } = flow(client, dir, { uploadRetries: 0 });
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.submit();
    // Whatever the faults do, r brings it to done within a few tries.
    for (let i = 0; i < 10; i++) {
      const state = await until(service, (s) => s.step.name === 'done' || s.step.name === 'error');
      if (state.step.name === 'done') return;
      service.retry();
    }
    throw new Error('never done');
  });

  it('a create that failed after the server made the batch is not made twice on retry', async () => {
    const { client: real } = await server();
    let creates = 0;
    const client: BatchClient = wrap(real, {
      createBatch: async (params: Parameters<BatchClient['createBatch']>[0]) => {
        creates += 1;
        const batch = await real.createBatch(params);
        if (creates === 1) throw new ApiError({ kind: 'unreachable', message: 'The connection was lost.' });
        return batch;
      },
    });
    const dir = tempDir();
    const path = writeJsonl(dir, 'good.jsonl', questions(2));
    const { service, created } = flow(client, dir);
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.submit();
    const failed = await until(service, at('error'));
    expect(failed.step).toMatchObject({ name: 'error', stage: 'create' });
    expect(service.retry()).toBe(true);
    const done = await until(service, at('done'));
    expect(creates).toBe(1);
    expect(await batchCount(real)).toBe(1);
    expect(done.step.name === 'done' && created).toEqual([done.step.name === 'done' ? done.step.batch.id : '']);
  });

  it('leaving after a refused create removes the uploaded file', async () => {
    const { client: real } = await server();
    const client: BatchClient = wrap(real, {
      createBatch: () =>
        Promise.reject(
          new ApiError({ kind: 'bad_request', status: 400, message: 'completion_window: invalid value.' }),
        ),
    });
    const dir = tempDir();
    const path = writeJsonl(dir, 'good.jsonl', questions(2));
    const { service } = flow(client, dir);
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.submit();
    const failed = await until(service, at('error'));
    if (failed.step.name !== 'error') throw new Error('no error');
    const fileId = failed.step.file!.id;
    expect(await fileCount(real)).toBe(1);
    expect(service.back()).toBe(true);
    const after = await until(
      service,
      (s) => s.step.name === 'form' && Boolean(s.notice?.text.includes('was removed')),
    );
    expect(after.notice?.text).toBe(`The batch was not created; the uploaded file ${fileId} was removed.`);
    expect(await fileCount(real)).toBe(0);
  });
});

describe('NewBatchService picking and checking', () => {
  const client = {} as BatchClient;

  it('returns to the picker with the reason when the file cannot be read', async () => {
    const dir = tempDir();
    const { service } = flow(client, dir);
    await service.validate(join(dir, 'gone.jsonl'));
    const state = await until(service, at('picking'));
    expect(state.notice).toMatchObject({ tone: 'danger' });
    expect(state.notice?.text).toMatch(/gone\.jsonl: no such file or directory/);
  });

  it('opens typed paths: a directory is walked into, other files are refused with the reason', async () => {
    const dir = tempDir();
    writeJsonl(dir, 'x.jsonl', questions(1));
    writeFileSync(join(dir, 'notes.txt'), 'hi');
    const { service } = flow(client, '/');
    await service.start();
    expect(await service.openPath(dir)).toBe('browsed');
    expect(service.getState().dir).toBe(dir);
    expect(await service.openPath('notes.txt')).toBe('refused');
    expect(service.getState().notice?.text).toMatch(/notes\.txt is not a \.jsonl file/);
    expect(await service.openPath('missing/')).toBe('refused');
    expect(service.getState().notice?.text).toBe(`Cannot open ${join(dir, 'missing')}: no such file or directory.`);
    expect(await service.openPath('x.jsonl')).toBe('checking');
    await until(service, at('report'));
  });

  it('keeps the directory it was in when another cannot be read', async () => {
    const dir = tempDir();
    const { service } = flow(client, dir);
    await service.start();
    await service.browse(join(dir, 'nope'));
    expect(service.getState().dir).toBe(dir);
    expect(service.getState().notice?.text).toMatch(/nope: no such file or directory/);
  });

  it('starts in an unreadable directory with the reason and the way up', async () => {
    const dir = tempDir();
    const { service } = flow(client, join(dir, 'nope'));
    await service.start();
    expect(service.getState().listing?.entries.map((e) => e.name)).toEqual(['..']);
    expect(service.getState().notice?.tone).toBe('danger');
  });

  it('a check can be cancelled; the report never comes', async () => {
    const dir = tempDir();
    const path = bigFile(dir, 20_000, 2000); // ~40 MB: more than one chunk
    const { service, history } = flow(client, dir);
    const check = service.validate(path);
    await until(service, (s) => s.step.name === 'validating' && s.step.bytesRead > 0);
    expect(service.cancel()).toBe(true);
    await check;
    expect(service.getState().step.name).toBe('picking');
    expect(service.getState().notice?.text).toBe('Check cancelled.');
    expect(history.some((s) => s.step.name === 'report')).toBe(false);
  });

  it('applies the profile limits', async () => {
    const dir = tempDir();
    const path = writeJsonl(dir, 'five.jsonl', questions(5));
    const { service } = flow(client, dir, { maxRequests: 3 });
    await service.validate(path);
    const state = await until(service, at('report'));
    expect(state.step.name === 'report' && state.step.report.counts['too_many_requests']).toBe(1);
  });

  it('defaults the completion window to 24h and refuses a description longer than 512 characters', async () => {
    const dir = tempDir();
    const path = writeJsonl(dir, 'one.jsonl', questions(1));
    const { service } = flow(client, dir);
    expect(service.getState().completionWindows).toEqual(['24h']);
    await service.validate(path);
    await until(service, at('report'));
    service.proceed();
    service.setForm({ description: 'd'.repeat(513) });
    expect(service.submit()).toBe(false);
    expect(service.getState().notice?.text).toMatch(/at most 512/);
    expect(service.getState().step.name).toBe('form');
  });
});

describe('NewBatchService started with a prepared file (resubmit)', () => {
  it('checks the file, prefills the description and creates the batch with the extra metadata', async () => {
    const { client } = await server();
    const dir = tempDir();
    const path = writeJsonl(dir, 'file-x-retry-abc.jsonl', questions(2));
    const { service, history } = flow(client, '/');
    expect(
      await service.startWithFile(path, {
        description: 'retry of batch_abc: 2 failed requests',
        metadata: { resubmit_of: 'batch_abc' },
      }),
    ).toBe(true);
    expect(history.some((s) => s.step.name === 'validating')).toBe(true);
    const report = await until(service, at('report'));
    expect(report.step.name === 'report' && report.step.report.requests).toBe(2);
    expect(report.dir).toBe(dir);

    expect(service.proceed()).toBe(true);
    expect(service.getState().form.description).toBe('retry of batch_abc: 2 failed requests');
    expect(service.submit()).toBe(true);
    const done = await until(service, at('done'));
    if (done.step.name !== 'done') throw new Error('not done');
    expect((await client.getBatch(done.step.batch.id)).metadata).toEqual({
      resubmit_of: 'batch_abc',
      description: 'retry of batch_abc: 2 failed requests',
    });
  });

  it('resubmits exactly the failed requests of a partly failed job, linked to it', async () => {
    const clock = manualClock();
    const { client } = await server({ failRate: 0.5, now: clock.now });
    const dir = tempDir();
    const inputPath = writeJsonl(dir, 'input.jsonl', questions(20));
    const file = await client.uploadFile(inputPath, { purpose: 'batch' });
    const first = await client.createBatch({
      inputFileId: file.id,
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
    });
    clock.set(T0 + 120_000);
    const finished = await client.getBatch(first.id);
    expect(finished.status).toBe('completed');
    expect(finished.requestCounts.failed).toBeGreaterThan(0);
    expect(finished.requestCounts.completed).toBeGreaterThan(0);

    const opened: LineDocument[] = [];
    const plan = await planResubmit({
      job: finished,
      open: async (fileId) => {
        const local = join(dir, `${fileId}.jsonl`);
        await client.downloadFile(fileId, local);
        const doc = await openLocalDocument(local);
        opened.push(doc);
        return doc;
      },
      workDir: join(dir, 'work'),
    });
    await Promise.all(opened.map((d) => d.close()));
    expect(plan.count).toBe(finished.requestCounts.failed);

    const { service } = flow(client, dir);
    await service.startWithFile(plan.path!, resubmitStart(finished, plan));
    await until(service, at('report'));
    service.proceed();
    service.submit();
    const done = await until(service, at('done'));
    if (done.step.name !== 'done') throw new Error('not done');
    expect(done.step.batch.metadata).toMatchObject({
      resubmit_of: finished.id,
      description: `retry of ${finished.id}: ${plan.count} failed request${plan.count === 1 ? '' : 's'}`,
    });

    // The new batch's input is the original lines of exactly the failed requests, in input order.
    const errorLines = readFileSync(join(dir, `${finished.errorFileId}.jsonl`), 'utf8')
      .trim()
      .split('\n');
    const failedIds = new Set(errorLines.map((l) => (JSON.parse(l) as { custom_id: string }).custom_id));
    const expected = readFileSync(inputPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && failedIds.has((JSON.parse(l) as { custom_id: string }).custom_id));
    const uploaded = join(dir, 'uploaded.jsonl');
    await client.downloadFile(done.step.file.id, uploaded);
    expect(readFileSync(uploaded, 'utf8')).toBe(expected.join('\n') + '\n');
  });

  it('forgets the prepared metadata and description when another file is picked', async () => {
    const { client } = await server();
    const dir = tempDir();
    const prepared = writeJsonl(dir, 'retry.jsonl', questions(1));
    const other = writeJsonl(dir, 'other.jsonl', questions(1, 'other'));
    const { service } = flow(client, dir);
    await service.startWithFile(prepared, {
      description: 'retry of batch_abc: 1 failed request',
      metadata: { resubmit_of: 'batch_abc' },
    });
    await until(service, at('report'));
    expect(service.back()).toBe(true);
    await service.validate(other);
    await until(service, at('report'));
    expect(service.getState().prepared).toBeNull();
    expect(service.getState().form.description).toBe('');
    service.proceed();
    service.submit();
    const done = await until(service, at('done'));
    if (done.step.name !== 'done') throw new Error('not done');
    expect((await client.getBatch(done.step.batch.id)).metadata).toEqual({});
  });

  it("refuses metadata beyond OpenAI's limits: 16 keys, keys of 64 and values of 512 characters", async () => {
    const client = {} as BatchClient;
    const dir = tempDir();
    const path = writeJsonl(dir, 'retry.jsonl', questions(1));
    const { service, history } = flow(client, dir);
    const many = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
    expect(await service.startWithFile(path, { description: 'with a description that makes 17', metadata: many })).toBe(
      false,
    );
    expect(service.getState().notice).toEqual({
      text: 'The batch metadata has 17 keys; at most 16 are allowed.',
      tone: 'danger',
    });
    expect(await service.startWithFile(path, { metadata: { ['k'.repeat(65)]: 'v' } })).toBe(false);
    expect(service.getState().notice?.text).toMatch(/has 65 characters; at most 64 are allowed/);
    expect(await service.startWithFile(path, { metadata: { resubmit_of: 'v'.repeat(513) } })).toBe(false);
    expect(service.getState().notice?.text).toBe(
      'The metadata value of resubmit_of has 513 characters; at most 512 are allowed.',
    );
    expect(history.some((s) => s.step.name === 'validating')).toBe(false);
    expect(metadataProblem({ resubmit_of: 'batch_abc', description: 'd' })).toBeNull();
  });
});

describe('NewBatchService: where the picker starts, what it remembers, dot-files', () => {
  const client = {} as BatchClient;

  it('starts where it was last used; a directory that is gone falls back to cwd, silently', async () => {
    const cwd = tempDir();
    const last = tempDir();
    writeJsonl(last, 'there.jsonl', questions(1));
    const resumed = flow(client, cwd, { startDir: last }).service;
    await resumed.start();
    expect(resumed.getState().dir).toBe(last);
    expect(resumed.getState().listing?.entries.map((e) => e.name)).toEqual(['there.jsonl', '..']);

    const gone = flow(client, cwd, { startDir: join(last, 'removed') }).service;
    await gone.start();
    expect(gone.getState().dir).toBe(cwd);
    expect(gone.getState().notice).toBeNull();
  });

  it('remembers the directories the user walked into and picked a file in, not where it merely started', async () => {
    const cwd = tempDir();
    const sub = join(cwd, 'sub');
    writeJsonl(cwd, 'top.jsonl', questions(1));
    mkdirSync(sub);
    const remembered: string[] = [];
    const { service } = flow(client, cwd, { onDirectory: (dir) => remembered.push(dir) });
    await service.start();
    expect(remembered).toEqual([]);
    await service.choose(service.getState().listing!.entries.find((e) => e.name === 'sub')!);
    expect(remembered).toEqual([sub]);
    await service.up();
    expect(remembered).toEqual([sub, cwd]);
    await service.validate(join(cwd, 'top.jsonl'));
    expect(remembered).toEqual([sub, cwd, cwd]);
  });

  it('does not remember the directory of a prepared file (the cache, for a resubmit)', async () => {
    const cwd = tempDir();
    const cache = tempDir();
    const path = writeJsonl(cache, 'retry.jsonl', questions(1));
    const remembered: string[] = [];
    const { service } = flow(client, cwd, { onDirectory: (dir) => remembered.push(dir) });
    await service.start();
    await service.startWithFile(path, { metadata: { resubmit_of: 'batch_abc' } });
    await until(service, (s) => s.step.name === 'report' && s.dir === cache);
    expect(remembered).toEqual([]);
  });

  it('. shows dot-files and hides them again', async () => {
    const cwd = tempDir();
    writeJsonl(cwd, 'seen.jsonl', questions(1));
    writeJsonl(cwd, '.hidden.jsonl', questions(1));
    mkdirSync(join(cwd, '.config'));
    const { service } = flow(client, cwd);
    await service.start();
    const names = () => service.getState().listing?.entries.map((e) => e.name);
    expect(names()).toEqual(['seen.jsonl', '..']);
    expect(service.getState().listing?.dotHidden).toBe(2);
    await service.toggleDotFiles();
    expect(service.getState().dotFiles).toBe(true);
    expect(names()).toEqual(['.hidden.jsonl', 'seen.jsonl', '.config', '..']);
    // Walking elsewhere keeps them shown.
    await service.browse(join(cwd, '.config'));
    await service.up();
    expect(names()).toEqual(['.hidden.jsonl', 'seen.jsonl', '.config', '..']);
    await service.toggleDotFiles();
    expect(names()).toEqual(['seen.jsonl', '..']);
  });
});
