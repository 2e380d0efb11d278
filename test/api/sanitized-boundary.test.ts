import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient, isApiError, type BatchClient } from '../../src/api/index.js';
import { startEscapeServer, type HostileServer } from '../support/hostile-server.js';
import { strings, unsafeStrings } from '../support/terminal-bytes.js';

describe('every string the API client hands up is sanitized', () => {
  let server: HostileServer;
  let client: BatchClient;
  beforeAll(async () => {
    server = await startEscapeServer();
    client = createBatchClient({ baseURL: server.url, apiKey: 'sk-test' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('jobs (ids, model, endpoint, status, window, file ids, errors, metadata keys and values)', async () => {
    const page = await client.listBatches();
    expect(page.items).toHaveLength(1);
    expect(strings(page.items).length).toBeGreaterThan(15);
    expect(unsafeStrings(page.items)).toEqual([]);
    expect(unsafeStrings(await client.getBatch(page.items[0]!.id))).toEqual([]);
  });

  it('files (id, filename, purpose, status) and models (id, owned_by)', async () => {
    const files = await client.listFiles();
    expect(files.items).toHaveLength(3);
    expect(unsafeStrings(files.items)).toEqual([]);
    expect(unsafeStrings(await client.getFile(files.items[0]!.id))).toEqual([]);
    const models = await client.listModels();
    expect(models).toHaveLength(1);
    expect(unsafeStrings(models)).toEqual([]);
  });

  it('errors: the message built from a 409 body, and its code and param', async () => {
    const [job] = (await client.listBatches()).items;
    const error = await client.cancelBatch(job!.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isApiError(error)).toBe(true);
    if (!isApiError(error)) return;
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('cannot cancel');
    expect(
      unsafeStrings({ message: error.message, code: error.code, param: error.param, requestId: error.requestId }),
    ).toEqual([]);
  });
});
