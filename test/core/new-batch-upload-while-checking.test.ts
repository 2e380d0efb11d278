import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Batch, BatchClient, CreateBatchParams, FileObject, UploadOptions } from '../../src/api/index.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { untilState } from '../support/wait.js';

// `submit` for scripts uploads while the file is checked (one pass over a big file instead of
// two), but the upload may only complete once the check has passed and the batch is asked for.

const services: NewBatchService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.dispose()));

const uploadedFile = {
  id: 'file-early',
  bytes: 100,
  createdAt: null,
  filename: 'in.jsonl',
  purpose: 'batch',
  status: 'processed',
  expiresAt: null,
} as FileObject;

/** An upload that reads the file at once, then waits for its hold as the real one does. */
function holdingClient() {
  const seen: { started: string | null; completed: boolean; stopped: boolean } = {
    started: null,
    completed: false,
    stopped: false,
  };
  const createBatch = vi.fn(async (_params: CreateBatchParams): Promise<Batch> =>
    makeBatch({ id: 'batch_early', status: 'validating' }),
  );
  const client: BatchClient = fakeClient({
    uploadFile: async (_path: string, opts: UploadOptions = {}) => {
      seen.started = service?.getState().step.name ?? null;
      opts.onProgress?.(100, 100);
      opts.signal?.addEventListener('abort', () => (seen.stopped = true));
      await opts.holdLastBytes;
      seen.completed = true;
      return uploadedFile;
    },
    createBatch,
  });
  let service: NewBatchService | undefined;
  const make = (dir: string) => {
    service = new NewBatchService({ client, cwd: dir, progressIntervalMs: 0, uploadWhileChecking: true });
    services.push(service);
    return service;
  };
  return { make, seen, createBatch };
}

describe('upload while checking', () => {
  it('starts with the check, completes only on submit, and the batch is made of it', async () => {
    const { make, seen, createBatch } = holdingClient();
    const dir = tempDir('fizz-early-');
    const service = make(dir);
    await service.startWithFile(writeJsonl(dir, 'in.jsonl', questions(3)));
    expect(seen.started).toBe('validating');
    await untilState(service, (s) => s.step.name === 'report');
    expect(seen.completed).toBe(false);
    expect(service.proceed()).toBe(true);
    expect(service.submit()).toBe(true);
    const done = await untilState(service, (s) => s.step.name === 'done');
    expect(seen.completed).toBe(true);
    expect(createBatch).toHaveBeenCalledTimes(1);
    expect(createBatch.mock.calls[0]![0]).toMatchObject({ inputFileId: 'file-early' });
    expect(done.step.name === 'done' && done.step.batch.id).toBe('batch_early');
  });

  it('a report with errors stops it before the file is whole, and nothing is created', async () => {
    const { make, seen, createBatch } = holdingClient();
    const dir = tempDir('fizz-early-');
    const service = make(dir);
    await service.startWithFile(writeJsonl(dir, 'bad.jsonl', ['{"custom_id": "a"', ...questions(2)]));
    const report = await untilState(service, (s) => s.step.name === 'report');
    expect(report.step.name === 'report' && report.step.report.errorCount).toBeGreaterThan(0);
    expect(service.proceed()).toBe(false);
    service.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.stopped).toBe(true);
    expect(seen.completed).toBe(false);
    expect(createBatch).not.toHaveBeenCalled();
  });

  it('going back from the report stops it too', async () => {
    const { make, seen } = holdingClient();
    const dir = tempDir('fizz-early-');
    const service = make(dir);
    await service.startWithFile(writeJsonl(dir, 'in.jsonl', questions(2)));
    await untilState(service, (s) => s.step.name === 'report');
    expect(service.back()).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.stopped).toBe(true);
    expect(seen.completed).toBe(false);
  });
});
