import { afterEach, describe, expect, it } from 'vitest';
import { createBatchClient, type Batch, type BatchClient } from '../../src/api/index.js';
import { Pager } from '../../src/api/paginate.js';
import { findCreatedBatch } from '../../src/core/created-batch.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import type { NewBatchState } from '../../src/core/new-batch/state.js';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startFaultProxy, type FaultAction, type FaultProxy } from '../support/fault-proxy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { untilState } from '../support/wait.js';

// A create whose answer is lost after the server made the batch: the proxy forwards the POST, the
// built-in server creates the batch, and the connection is cut before the answer gets back.

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Rig {
  direct: BatchClient;
  proxy: FaultProxy;
  service: NewBatchService;
  created: string[];
  /** The next GET /v1/batches through the proxy fail (503) while this is true. */
  listFails: { now: boolean };
}

async function rig(): Promise<Rig> {
  const server: TestServer = await startTestServer();
  closers.push(() => server.close());
  const proxy = await startFaultProxy(server.url);
  closers.push(() => proxy.close());
  const listFails = { now: false };
  let createsSeen = 0;
  proxy.rule = (method, path): FaultAction => {
    if (method === 'POST' && path === '/v1/batches') return createsSeen++ === 0 ? 'lose-answer' : 'pass';
    if (method === 'GET' && path === '/v1/batches' && listFails.now) return 'fail';
    return 'pass';
  };
  // No SDK retries: each request the service makes is one the proxy sees.
  const client = createBatchClient({ baseURL: proxy.url, apiKey: null, maxRetries: 0 });
  const direct = createBatchClient({ baseURL: server.url, apiKey: null });
  const created: string[] = [];
  const service = new NewBatchService({
    client,
    cwd: tempDir(),
    progressIntervalMs: 0,
    onCreated: (b) => created.push(b.id),
  });
  closers.push(() => service.dispose());
  return { direct, proxy, service, created, listFails };
}

function until(service: NewBatchService, check: (state: NewBatchState) => boolean): Promise<NewBatchState> {
  return untilState(service, check, {
    describe: (s) => `step ${JSON.stringify(s.step).slice(0, 400)}; notice: ${s.notice?.text}`,
  });
}

/** Picks, checks and submits a clean file; resolves at the create's failure (its answer lost). */
async function submitAndLoseTheAnswer({ service }: Rig): Promise<Extract<NewBatchState['step'], { name: 'error' }>> {
  const path = writeJsonl(tempDir(), 'good.jsonl', questions(2));
  await service.validate(path);
  await until(service, (s) => s.step.name === 'report');
  service.proceed();
  service.submit();
  const { step } = await until(service, (s) => s.step.name === 'error');
  if (step.name !== 'error') throw new Error('unreachable');
  return step;
}

const sampleBatch: Batch = {
  id: 'batch_x',
  endpoint: '/v1/chat/completions',
  model: null,
  status: 'validating',
  statusClass: 'active',
  inputFileId: null,
  outputFileId: null,
  errorFileId: null,
  completionWindow: '24h',
  createdAt: null,
  inProgressAt: null,
  expiresAt: null,
  finalizingAt: null,
  completedAt: null,
  failedAt: null,
  expiredAt: null,
  cancellingAt: null,
  cancelledAt: null,
  requestCounts: { total: 0, completed: 0, failed: 0 },
  errors: [],
  metadata: {},
  usage: null,
};

const creates = (proxy: FaultProxy) =>
  proxy.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches').length;
const batchesMadeOf = async (direct: BatchClient, fileId: string) =>
  (await direct.batchPager({ limit: 100 }).next())!.filter((b) => b.inputFileId === fileId);

describe('a create whose answer was lost', () => {
  it('is found on retry behind more than a page of newer jobs, and not made twice', async () => {
    const r = await rig();
    const failed = await submitAndLoseTheAnswer(r);
    expect(failed.stage).toBe('create');
    const fileId = failed.file!.id;
    // Others create 30 jobs meanwhile: ours is no longer among the newest 20.
    const other = await r.direct.uploadFile(writeJsonl(tempDir(), 'other.jsonl', questions(1)), { purpose: 'batch' });
    for (let i = 0; i < 30; i++)
      await r.direct.createBatch({ inputFileId: other.id, endpoint: '/v1/chat/completions', completionWindow: '24h' });

    expect(r.service.retry()).toBe(true);
    const done = await until(r.service, (s) => s.step.name === 'done' || s.step.name === 'error');
    const [ours] = await batchesMadeOf(r.direct, fileId);
    expect(done.step).toMatchObject({ name: 'done', batch: { id: ours!.id } });
    expect(r.created).toEqual([ours!.id]);
    expect(creates(r.proxy)).toBe(1);
    expect(await batchesMadeOf(r.direct, fileId)).toHaveLength(1);
  });

  it('when the job list fails too, the outcome is unknown — never a second create — until the list answers', async () => {
    const r = await rig();
    const failed = await submitAndLoseTheAnswer(r);
    const fileId = failed.file!.id;
    r.listFails.now = true;

    r.service.retry();
    const unknown = await until(r.service, (s) => s.step.name === 'error' && s.step.stage === 'lookup');
    expect(unknown.step.name === 'error' && String(unknown.step.error)).toContain(
      'Unknown whether the batch was created — check the job list',
    );
    expect(unknown.step.name === 'error' && String(unknown.step.error)).toContain('503');
    // r again while the list still fails: still unknown, still one create.
    r.service.retry();
    await until(r.service, (s) => s.step.name === 'creating');
    await until(r.service, (s) => s.step.name === 'error' && s.step.stage === 'lookup');
    expect(creates(r.proxy)).toBe(1);
    expect(await batchesMadeOf(r.direct, fileId)).toHaveLength(1);

    // The list answers again: r finds the batch the lost answer made.
    r.listFails.now = false;
    r.service.retry();
    const done = await until(r.service, (s) => s.step.name === 'done');
    expect(done.step.name === 'done' && done.step.batch.inputFileId).toBe(fileId);
    expect(creates(r.proxy)).toBe(1);
    expect(await batchesMadeOf(r.direct, fileId)).toHaveLength(1);
  });

  it('leaving while the job list fails keeps the uploaded file (a batch may be using it) and says so', async () => {
    const r = await rig();
    const failed = await submitAndLoseTheAnswer(r);
    const fileId = failed.file!.id;
    r.listFails.now = true;

    expect(r.service.back()).toBe(true);
    const left = await until(r.service, (s) => s.step.name === 'form' && s.notice?.tone === 'warning');
    expect(left.notice?.text).toContain(
      `Unknown whether the batch was created — check the job list; ${fileId} is kept (a batch may use it).`,
    );
    expect(left.notice?.text).toContain('503');
    expect(r.proxy.requests.some((q) => q.method === 'DELETE')).toBe(false);
    expect((await r.direct.getFile(fileId)).id).toBe(fileId);
    expect(await batchesMadeOf(r.direct, fileId)).toHaveLength(1);
  });

  it('leaving when the list shows the batch opens it instead of deleting its file', async () => {
    const r = await rig();
    const failed = await submitAndLoseTheAnswer(r);
    expect(r.service.back()).toBe(true);
    const done = await until(r.service, (s) => s.step.name === 'done');
    expect(done.step.name === 'done' && done.step.batch.inputFileId).toBe(failed.file!.id);
    expect(r.proxy.requests.some((q) => q.method === 'DELETE')).toBe(false);
  });
});

describe('findCreatedBatch: how far back it reads', () => {
  const since = Date.UTC(2026, 0, 1);
  const sec = Math.floor(since / 1000);
  /** A job list newest first, pages of 100, job n made 10·n seconds before `newestSec`; `calls` counts the pages read. */
  function listOf(total: number, newestSec: number) {
    const calls: Array<string | undefined> = [];
    const jobs = Array.from({ length: total }, (_, n) => ({
      ...sampleBatch,
      id: `batch_${n}`,
      inputFileId: `file-other`,
      createdAt: newestSec - 10 * n,
    }));
    const fetchPage = async (after: string | undefined) => {
      calls.push(after);
      const start = after === undefined ? 0 : jobs.findIndex((j) => j.id === after) + 1;
      const items = jobs.slice(start, start + 100);
      return { items, hasMore: start + 100 < jobs.length, nextCursor: items.at(-1)?.id ?? null };
    };
    const client = {
      batchPager: ({ maxPages }: { maxPages?: number }) => new Pager(fetchPage, { ...(maxPages ? { maxPages } : {}) }),
    } as unknown as BatchClient;
    return { client, calls, jobs };
  }

  it('pages past the attempt and stops at the first page older than it (less a margin for the clock)', async () => {
    // 250 jobs made after the attempt; with the 15-minute margin job 341 is the first too old to
    // be ours: it is on page 4, and pages 5 to 10 are not read.
    const { client, calls } = listOf(1000, sec + 2500);
    expect(await findCreatedBatch(client, 'file-ours', { since })).toEqual({ status: 'absent' });
    expect(calls).toHaveLength(4);
  });

  it('finds the batch on a later page', async () => {
    const { client, jobs } = listOf(400, sec + 10_000);
    jobs[345] = { ...jobs[345]!, inputFileId: 'file-ours' };
    expect(await findCreatedBatch(client, 'file-ours', { since })).toMatchObject({
      status: 'found',
      batch: { id: 'batch_345' },
    });
  });

  it('is bounded: a list that never reaches back to the attempt leaves the answer unknown', async () => {
    const { client, calls } = listOf(5000, sec + 100_000);
    expect(await findCreatedBatch(client, 'file-ours', { since, maxPages: 10 })).toEqual({
      status: 'unknown',
      reason: 'The newest 1000 jobs do not reach back to the attempt.',
    });
    expect(calls).toHaveLength(10);
  });
});
