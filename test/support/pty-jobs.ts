import { rmSync } from 'node:fs';
import { createBatchClient, type Batch, type BatchClient } from '../../src/api/index.js';
import { chatRequest, questions, tempDir, writeJsonl } from './batch-files.js';
import { keys, type PtyConsole } from './pty.js';
import type { TestServer } from './server.js';

/** Jobs on a test server and how the job list shows them, for the real-terminal tests. */

export function clientFor(server: TestServer): BatchClient {
  return createBatchClient({ baseURL: server.url, apiKey: 'sk-pty-test' });
}

export interface SeedOptions {
  count: number;
  /** Requests per job: at 2 per second (the server's default pace), 1,000 keep a job running for minutes. */
  requests?: number;
  /** Descriptions are `${prefix} 001`, `${prefix} 002`, … */
  prefix?: string;
  /** Add one request the server refuses (temperature 5), so every job ends with exactly one failure. */
  withFailure?: boolean;
}

/** Uploads one input file and creates `count` jobs from it; resolves with them, oldest first. */
export async function seedJobs(server: TestServer, options: SeedOptions): Promise<Batch[]> {
  const client = clientFor(server);
  const lines = [...questions(options.requests ?? 3)];
  if (options.withFailure) lines.push(chatRequest('refused', 'x', { extraBody: { temperature: 5 } }));
  const dir = tempDir('fizz-batch-pty-jobs-');
  const file = await client.uploadFile(writeJsonl(dir, 'jobs.jsonl', lines), { purpose: 'batch' });
  rmSync(dir, { recursive: true, force: true });
  const jobs: Batch[] = [];
  for (let i = 1; i <= options.count; i++) {
    jobs.push(
      await client.createBatch({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        metadata: { description: `${options.prefix ?? 'job'} ${String(i).padStart(3, '0')}` },
      }),
    );
  }
  return jobs;
}

/** How a row of the job list names a job at 80 columns and more: its first 8 characters after `batch_`. */
export function rowId(id: string): string {
  return id.replace(/^batch[_-]/i, '').slice(0, 8);
}

/** The row ids on screen, top to bottom (rows start with the selection marker or a space, then the id). */
export function rowIds(screen: string): string[] {
  const ids: string[] = [];
  for (const line of screen.split('\n')) {
    const match = /^(?:›| ) ([0-9a-f]{8}) /.exec(line);
    if (match) ids.push(match[1]!);
  }
  return ids;
}

/** The row of the job on screen, or undefined. */
export function rowOf(screen: string, id: string): string | undefined {
  return screen.split('\n').find((line) => /^(?:›| ) [0-9a-f]{8} /.test(line) && line.slice(2, 10) === rowId(id));
}

/** Selects the job: from the top of the list (g), down until the status line names it in full. */
export async function selectJob(c: PtyConsole, id: string, { maxPresses = 80 } = {}): Promise<void> {
  const selectedRow = () => c.lines().find((line) => line.startsWith('› '));
  const isSelected = () => selectedRow()?.slice(2, 10) === rowId(id) && c.screen().includes(id);
  await c.settled();
  if (isSelected()) return;
  const before = selectedRow();
  await c.press('g');
  await c
    .waitFor('the top of the list', () => selectedRow() !== before || isSelected(), { timeoutMs: 2000 })
    .catch(() => undefined);
  for (let i = 0; i < maxPresses; i++) {
    await c.settled();
    if (isSelected()) return;
    const current = selectedRow();
    await c.press(keys.down);
    // Wait for the frame of this key before deciding on the next one.
    await c
      .waitFor('the selection to move', () => selectedRow() !== current || isSelected(), { timeoutMs: 2000 })
      .catch(() => undefined);
  }
  throw new Error(`could not select ${id}\n${c.describe()}`);
}
