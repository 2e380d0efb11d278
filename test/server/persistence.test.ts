import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import {
  T0,
  call,
  chatLines,
  createBatch,
  fileLines,
  manualClock,
  removeTempDirs,
  tempDir,
  uploadLines,
} from './helpers.js';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  removeTempDirs();
});

describe('persistence in dataDir', () => {
  it('keeps files and batches across a restart, and the batch carries on where it was', async () => {
    const dataDir = tempDir('fizz-persist-');
    const clock = manualClock();
    const first = await startServer({ dataDir, now: clock.now, failRate: 0 });
    const fileId = await uploadLines(first, chatLines(10));
    const batchId = (await createBatch(first, fileId)).id as string;
    clock.set(T0 + 3500);
    await first.engine.advance();
    expect((await call(first, `/batches/${batchId}`)).body).toMatchObject({
      status: 'in_progress',
      request_counts: { completed: 5 },
    });
    await first.close();
    expect(existsSync(join(dataDir, 'state.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8'))).toMatchObject({ version: 1 });

    const second = await startServer({ dataDir, now: clock.now, failRate: 0 });
    running.push(second);
    expect((await call(second, `/batches/${batchId}`)).body).toMatchObject({
      id: batchId,
      status: 'in_progress',
      request_counts: { total: 10, completed: 5 },
    });
    expect((await call(second, `/files/${fileId}`)).body).toMatchObject({ id: fileId, purpose: 'batch' });
    clock.set(T0 + 60_000);
    await second.engine.advance();
    const done = (await call(second, `/batches/${batchId}`)).body;
    expect(done).toMatchObject({ status: 'completed' });
    expect(await fileLines(second, done.output_file_id as string)).toHaveLength(10);
  });

  it('resumes a batch that was still validating when the server stopped', async () => {
    const dataDir = tempDir('fizz-persist-');
    const clock = manualClock();
    const first = await startServer({ dataDir, now: clock.now, failRate: 0 });
    const batchId = (await createBatch(first, await uploadLines(first, chatLines(2)))).id as string;
    await first.close();
    clock.set(T0 + 60_000);
    const second = await startServer({ dataDir, now: clock.now, failRate: 0 });
    running.push(second);
    await second.engine.advance();
    expect((await call(second, `/batches/${batchId}`)).body).toMatchObject({
      status: 'completed',
      request_counts: { total: 2, completed: 2 },
    });
  });

  it('removes a temporary data directory on close, keeps a given one', async () => {
    const temporary = await startServer({});
    const dir = temporary.dataDir;
    expect(existsSync(dir)).toBe(true);
    await temporary.close();
    expect(existsSync(dir)).toBe(false);

    const kept = tempDir('fizz-persist-');
    await (await startServer({ dataDir: kept })).close();
    expect(existsSync(join(kept, 'files'))).toBe(true);
  });

  it('saves under parallel uploads without losing a record', async () => {
    const dataDir = tempDir('fizz-persist-');
    const first = await startServer({ dataDir });
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => uploadLines(first, chatLines(1), `f${i}.jsonl`)),
    );
    await first.close();
    const second = await startServer({ dataDir });
    running.push(second);
    const listed = (await call<{ data: Array<{ id: string }> }>(second, '/files')).body.data.map((f) => f.id);
    expect([...listed].sort()).toEqual([...ids].sort());
  });

  it('has an acknowledged upload, create and cancel in state.json before the answer arrives', async () => {
    const dataDir = tempDir('fizz-persist-');
    const server = await startServer({ dataDir, failRate: 0 });
    running.push(server);
    const saved = (): { files: Array<{ id: string }>; batches: Array<{ id: string; status: string }> } =>
      JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
        files: Array<{ id: string }>;
        batches: Array<{ id: string; status: string }>;
      };

    const fileId = await uploadLines(server, chatLines(3));
    expect(saved().files.map((f) => f.id)).toContain(fileId);
    const batchId = (await createBatch(server, fileId)).id as string;
    expect(saved().batches.map((b) => b.id)).toContain(batchId);
    expect((await call(server, `/batches/${batchId}/cancel`, { method: 'POST' })).status).toBe(200);
    expect(saved().batches.find((b) => b.id === batchId)?.status).toBe('cancelling');
  });

  it('sweeps what a crash leaves: contents no record names, half-written state files, tmp/', async () => {
    const dataDir = tempDir('fizz-persist-');
    const first = await startServer({ dataDir });
    const kept = await uploadLines(first, chatLines(1));
    await first.close();
    writeFileSync(
      join(dataDir, 'files', 'file-orphaned'),
      'uploaded, then the process died before the state was written',
    );
    writeFileSync(join(dataDir, 'state.json.4242.abcd1234.tmp'), '{"version":1,"seq":');
    mkdirSync(join(dataDir, 'tmp'), { recursive: true });
    writeFileSync(join(dataDir, 'tmp', 'half-upload'), 'partial');
    writeFileSync(join(dataDir, 'notes.txt'), 'not ours to remove');

    const second = await startServer({ dataDir });
    running.push(second);
    expect(readdirSync(join(dataDir, 'files'))).toEqual([kept]);
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(dataDir).sort()).toEqual(['files', 'notes.txt', 'state.json', 'tmp']);
    expect((await call(second, `/files/${kept}/content`)).status).toBe(200);
  });
});
