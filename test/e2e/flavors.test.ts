import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient, type Batch, type BatchClient, type FileObject } from '../../src/api/index.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The fizz flavour answers as the fizz.ai guide shows (numeric-string timestamps, `errors: []`,
 * extra list fields). Through the client, both flavours must come out as the same internal shape,
 * so the console cannot show different dates or counts for the same job.
 */
describe('the fizz flavour normalizes to the same internal shape as the OpenAI one', () => {
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const now = () => clock;
  const servers: Record<'openai' | 'fizz', TestServer> = {} as never;
  const clients: Record<'openai' | 'fizz', BatchClient> = {} as never;
  const dir = tempDir();
  const path = writeJsonl(dir, 'same.jsonl', [
    ...questions(6),
    chatRequest('refused', 'x', { extraBody: { temperature: 5 } }),
  ]);

  beforeAll(async () => {
    for (const flavor of ['openai', 'fizz'] as const) {
      servers[flavor] = await startTestServer({ flavor, now, failRate: 0, speed: 10 });
      clients[flavor] = createBatchClient({ baseURL: servers[flavor].url, apiKey: 'sk-flavor-test' });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  /** Ids differ between the two servers; replace each by its role so the rest can be compared. */
  function anonymize<T extends Batch | FileObject>(value: T): T {
    const copy = { ...value } as Record<string, unknown>;
    for (const key of ['id', 'inputFileId', 'outputFileId', 'errorFileId']) {
      if (typeof copy[key] === 'string') copy[key] = `<${key}>`;
    }
    return copy as T;
  }

  async function settle(): Promise<void> {
    await Promise.all(Object.values(servers).map((s) => s.engine.advance()));
  }

  it('a job read at every step of its life is equal in both flavours', async () => {
    const batchIds: Record<string, string> = {};
    for (const flavor of ['openai', 'fizz'] as const) {
      const file = await clients[flavor].uploadFile(path, { purpose: 'batch' });
      const batch = await clients[flavor].createBatch({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        metadata: { description: 'flavours' },
      });
      batchIds[flavor] = batch.id;
    }
    const snapshots: Array<[Batch, Batch]> = [];
    for (const step of [0, 1_000, 2_000, 60_000, 3_600_000]) {
      clock += step;
      await settle();
      const [a, b] = await Promise.all([
        clients.openai.getBatch(batchIds.openai!),
        clients.fizz.getBatch(batchIds.fizz!),
      ]);
      snapshots.push([a, b]);
      expect(anonymize(b)).toEqual(anonymize(a));
    }
    const [final] = snapshots.at(-1)!;
    expect(final.status).toBe('completed');
    expect(final.createdAt).toBe(Math.floor(Date.parse('2026-11-20T10:00:00Z') / 1000));
    expect(final.requestCounts).toEqual({ total: 7, completed: 6, failed: 1 });
    expect(final.errors).toEqual([]);
  });

  it('while the wire formats really differ', async () => {
    const raw = async (server: TestServer) =>
      (await (await fetch(`${server.url}/batches`)).json()) as Record<string, unknown> & {
        data: Array<Record<string, unknown>>;
      };
    const openai = await raw(servers.openai);
    const fizz = await raw(servers.fizz);
    expect(typeof openai.data[0]!.created_at).toBe('number');
    expect(typeof fizz.data[0]!.created_at).toBe('string');
    expect(fizz).toMatchObject({ page: 1, page_count: -1 });
    expect(openai).not.toHaveProperty('page_count');
  });

  it('lists, pages and files come out the same', async () => {
    const [a, b] = await Promise.all([
      clients.openai.listBatches({ limit: 10 }),
      clients.fizz.listBatches({ limit: 10 }),
    ]);
    expect(b.items.map(anonymize)).toEqual(a.items.map(anonymize));
    expect(b.hasMore).toBe(a.hasMore);
    const [fa, fb] = await Promise.all([
      clients.openai.listFiles({ purpose: 'batch' }),
      clients.fizz.listFiles({ purpose: 'batch' }),
    ]);
    expect(fb.items.map(anonymize)).toEqual(fa.items.map(anonymize));
  });
});
