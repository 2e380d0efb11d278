import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Batch, BatchClient, FileObject, UploadOptions } from '../../src/api/index.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import type { NewBatchState } from '../../src/core/new-batch/state.js';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { untilState } from '../support/wait.js';

const services: NewBatchService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.dispose()));

const uploadedFile: FileObject = {
  id: 'file-uploaded',
  bytes: 100,
  createdAt: null,
  filename: 'good.jsonl',
  purpose: 'batch',
  status: 'processed',
  statusDetails: null,
  expiresAt: null,
} as FileObject;

/** An upload the test finishes (`finish`), and a create that is only counted. */
function controlledClient() {
  let finish: () => void = () => undefined;
  const createBatch = vi.fn(async (): Promise<Batch> => makeBatch({ id: 'batch_new', status: 'validating' }));
  const client: BatchClient = fakeClient({
    uploadFile: (_path: string, opts: UploadOptions = {}) =>
      new Promise<FileObject>((resolve) => {
        opts.onProgress?.(100, 100);
        finish = () => resolve(uploadedFile);
      }),
    createBatch,
  });
  return { client, createBatch, finish: () => finish() };
}

const until = (service: NewBatchService, check: (state: NewBatchState) => boolean) => untilState(service, check);

async function uploading(client: BatchClient): Promise<NewBatchService> {
  const dir = tempDir('fizz-hold-');
  const service = new NewBatchService({ client, cwd: dir, progressIntervalMs: 0 });
  services.push(service);
  await service.validate(writeJsonl(dir, 'good.jsonl', questions(2)));
  expect(service.proceed()).toBe(true);
  expect(service.submit()).toBe(true);
  await until(service, (s) => s.step.name === 'uploading');
  return service;
}

describe('nothing is created while the user is asked whether to quit', () => {
  it('an upload that finishes while held waits; staying creates the batch', async () => {
    const { client, createBatch, finish } = controlledClient();
    const service = await uploading(client);
    service.holdCreate();
    finish();
    const held = await until(service, (s) => s.step.name === 'uploaded');
    expect(held.step.name === 'uploaded' && held.step.file.id).toBe('file-uploaded');
    expect(createBatch).not.toHaveBeenCalled();

    service.releaseCreate();
    const done = await until(service, (s) => s.step.name === 'done');
    expect(createBatch).toHaveBeenCalledTimes(1);
    expect(done.step.name === 'done' && done.step.batch.id).toBe('batch_new');
  });

  it('quitting on a held upload creates nothing and names the file left on the server', async () => {
    const { client, createBatch, finish } = controlledClient();
    const service = await uploading(client);
    service.holdCreate();
    finish();
    await until(service, (s) => s.step.name === 'uploaded');
    expect(service.quit()).toMatch(/^The file was uploaded as file-uploaded, but no batch was created/);
    service.releaseCreate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(createBatch).not.toHaveBeenCalled();
  });

  it('without a question the batch is created as soon as the upload is done', async () => {
    const { client, createBatch, finish } = controlledClient();
    const service = await uploading(client);
    finish();
    await until(service, (s) => s.step.name === 'done');
    expect(createBatch).toHaveBeenCalledTimes(1);
  });
});
