import { afterEach, describe, expect, it } from 'vitest';
import { T0, call, fileLines, startClocked, type TestServer } from './helpers.js';

let server: TestServer;
afterEach(async () => server?.close());

type Batch = {
  id: string;
  status: string;
  request_counts: { total: number; completed: number; failed: number };
  errors: { data: Array<{ line: number | null; code: string }> } | null;
  output_file_id: string | null;
  error_file_id: string | null;
  metadata: { description?: string } | null;
};

async function demoBatches(): Promise<Batch[]> {
  return (await call<{ data: Batch[] }>(server, '/batches?limit=100')).body.data;
}

describe('demo data', () => {
  it('seeds quickly, with jobs in every status and a description on each', async () => {
    const started = performance.now();
    server = await startClocked({ demoData: true, failRate: 0.02 });
    expect(performance.now() - started).toBeLessThan(2500);
    const batches = await demoBatches();
    expect(batches.length).toBeGreaterThanOrEqual(15);
    expect(batches.length).toBeLessThanOrEqual(25);
    const statuses = new Set(batches.map((b) => b.status));
    expect([...statuses].sort()).toEqual([
      'cancelled',
      'cancelling',
      'completed',
      'expired',
      'failed',
      'finalizing',
      'in_progress',
      'validating',
    ]);
    for (const b of batches) expect(b.metadata?.description).toEqual(expect.any(String));
  });

  it('has the telling cases: partial progress, a big job, line-numbered errors, expired and cancelled results, partly and wholly failed jobs', async () => {
    server = await startClocked({ demoData: true, failRate: 0.02 });
    const batches = await demoBatches();
    const by = (status: string) => batches.filter((b) => b.status === status);

    const running = by('in_progress');
    expect(running.length).toBeGreaterThanOrEqual(3);
    for (const b of running) {
      const done = b.request_counts.completed + b.request_counts.failed;
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(b.request_counts.total);
    }
    expect(running.some((b) => b.request_counts.total >= 5000)).toBe(true);

    const failed = by('failed')[0]!;
    expect(failed.errors?.data.length).toBeGreaterThan(1);
    for (const e of failed.errors!.data) expect(e.line).toEqual(expect.any(Number));

    const expired = by('expired')[0]!;
    expect(expired.request_counts.completed).toBeGreaterThan(0);
    expect(
      (await fileLines(server, expired.error_file_id!)).some(
        (l) => (l.error as { code?: string } | null)?.code === 'batch_expired',
      ),
    ).toBe(true);
    const cancelled = by('cancelled')[0]!;
    expect(
      (await fileLines(server, cancelled.error_file_id!)).some(
        (l) => (l.error as { code?: string } | null)?.code === 'batch_cancelled',
      ),
    ).toBe(true);
    expect(await fileLines(server, cancelled.output_file_id!)).toHaveLength(cancelled.request_counts.completed);

    const completed = by('completed');
    expect(completed.some((b) => b.output_file_id === null && b.request_counts.failed === b.request_counts.total)).toBe(
      true,
    );
    expect(completed.some((b) => b.request_counts.failed > 0 && b.request_counts.completed > 0)).toBe(true);
    expect(completed.filter((b) => b.request_counts.failed === 0).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps moving: a running job advances a few requests per second at speed 1', async () => {
    server = await startClocked({ demoData: true });
    const before = new Map(
      (await demoBatches()).map((b) => [b.id, b.request_counts.completed + b.request_counts.failed]),
    );
    server.clock.set(T0 + 2000);
    await server.engine.advance();
    const after = await demoBatches();
    const moved = after.filter(
      (b) =>
        b.status === 'in_progress' &&
        b.request_counts.completed + b.request_counts.failed - (before.get(b.id) ?? 0) >= 4,
    );
    expect(moved.length).toBeGreaterThanOrEqual(1);
  });

  it('holds the same statuses at another speed', async () => {
    server = await startClocked({ demoData: true, speed: 50 });
    const statuses = new Set((await demoBatches()).map((b) => b.status));
    expect(statuses.size).toBe(8);
  });
});
