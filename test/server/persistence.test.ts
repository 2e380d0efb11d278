import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { T0, call, chatLines, createBatch, fileLines, manualClock, removeTempDirs, tempDir, uploadLines } from './helpers.js';

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
    expect((await call(first, `/batches/${batchId}`)).body).toMatchObject({ status: 'in_progress', request_counts: { completed: 5 } });
    await first.close();
    expect(existsSync(join(dataDir, 'state.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8'))).toMatchObject({ version: 1 });

    const second = await startServer({ dataDir, now: clock.now, failRate: 0 });
    running.push(second);
    expect((await call(second, `/batches/${batchId}`)).body).toMatchObject({ id: batchId, status: 'in_progress', request_counts: { total: 10, completed: 5 } });
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
    expect((await call(second, `/batches/${batchId}`)).body).toMatchObject({ status: 'completed', request_counts: { total: 2, completed: 2 } });
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
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => uploadLines(first, chatLines(1), `f${i}.jsonl`)));
    await first.close();
    const second = await startServer({ dataDir });
    running.push(second);
    const listed = (await call<{ data: Array<{ id: string }> }>(second, '/files')).body.data.map((f) => f.id);
    expect([...listed].sort()).toEqual([...ids].sort());
  });
});
