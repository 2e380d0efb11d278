import { readFileSync, rmSync } from 'node:fs';
import type { Batch, BatchClient } from '../../src/api/index.js';
import { chatRequest, tempDir, writeJsonl } from './batch-files.js';
import { clientFor } from './pty-jobs.js';
import { keys, type PtyConsole } from './pty.js';
import type { TestServer } from './server.js';
import { waitFor } from './wait.js';

/**
 * Jobs with results on a test server, and how the results pager shows them, for the
 * real-terminal tests of the pager (issue 5).
 */

// --- files and jobs on the server ------------------------------------------------------------

/** The whole content of a file on the server, byte for byte. */
export async function fileBytes(client: BatchClient, fileId: string): Promise<Buffer> {
  const stream = await client.openContentStream(fileId);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** The whole content of a file on the server, as text. */
export async function fileText(client: BatchClient, fileId: string): Promise<string> {
  return (await fileBytes(client, fileId)).toString('utf8');
}

/** The non-empty lines of a JSONL text, each parsed. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The custom_id of each line, in file order. */
export function customIdsOf(text: string): string[] {
  return jsonLines(text).map((line) => String(line.custom_id));
}

/** One request of a job with a user message that no other request has. */
export interface UniqueRequest {
  customId: string;
  /** The user message: unique per request, short enough to fit one row of the pager. */
  question: string;
  /** Refused by the server (temperature 5): it ends in the job's error file. */
  refused?: boolean;
}

export interface JobWithResults {
  job: Batch;
  /** The input lines as uploaded, in order (objects, as written). */
  lines: Array<Record<string, unknown>>;
  /** The uploaded input file's text, byte for byte. */
  inputText: string;
}

/** Uploads the requests as one input file, creates a job from it and waits until it has finished. */
export async function finishedJob(
  server: TestServer,
  requests: readonly UniqueRequest[],
  description: string,
): Promise<JobWithResults> {
  const client = clientFor(server);
  const lines = requests.map((r) =>
    chatRequest(r.customId, r.question, r.refused ? { extraBody: { temperature: 5 } } : {}),
  );
  const dir = tempDir('fizz-batch-pty-results-');
  const path = writeJsonl(dir, 'input.jsonl', lines);
  const inputText = readFileSync(path, 'utf8');
  const file = await client.uploadFile(path, { purpose: 'batch' });
  rmSync(dir, { recursive: true, force: true });
  const created = await client.createBatch({
    inputFileId: file.id,
    endpoint: '/v1/chat/completions',
    completionWindow: '24h',
    metadata: { description },
  });
  const job = await waitFor(
    `${created.id} to finish`,
    () => client.getBatch(created.id),
    (batch) => batch.statusClass === 'terminal',
  );
  if (job.status !== 'completed') throw new Error(`${job.id} ended ${job.status}, not completed`);
  return { job, lines, inputText };
}

/** Where search lands from line `from` (0-based), as less does: the next match after it, round the end. */
export function nextMatch(matches: readonly number[], from: number, direction: 1 | -1): number {
  const sorted = [...matches].sort((a, b) => a - b);
  if (direction === 1) return sorted.find((m) => m > from) ?? sorted[0]!;
  return [...sorted].reverse().find((m) => m < from) ?? sorted.at(-1)!;
}

// --- the pager on screen ---------------------------------------------------------------------

/**
 * The pager's rows: the screen's header (row 0), the pager's two title rows (1 and 2), the
 * records, the pager's status row, the footer, and the last row kept empty.
 */
const FIRST_RECORD_ROW = 3;
/** A record's heading starts at the left edge with its line number; its other rows are indented. */
const HEADING = /^(\d[\d,]*) {2}(\S.*)$/;

export interface PagerRecord {
  /** 1-based line number, as the heading shows it. */
  line: number;
  /** The heading after the line number: `custom_id · 200 · stop · …`. */
  heading: string;
  /** The record's other rows, indentation removed. */
  rows: string[];
}

/** The pager's first title row: the file, what it is, and `line X of Y`. */
export function pagerTitle(c: PtyConsole): string {
  return c.lines()[1] ?? '';
}

/** The pager's second title row: complete or not, input joined or not, the errors-only filter. */
export function pagerFacts(c: PtyConsole): string {
  return c.lines()[2] ?? '';
}

/** The row under the records: a search's outcome, a notice, a prompt, the overwrite question. */
export function pagerStatus(c: PtyConsole): string {
  return c.lines()[c.rows - 3] ?? '';
}

/** The records on screen, top to bottom (the last one may be cut by the bottom of the screen). */
export function pagerRecords(c: PtyConsole): PagerRecord[] {
  const records: PagerRecord[] = [];
  for (const row of c.lines().slice(FIRST_RECORD_ROW, c.rows - 3)) {
    const heading = HEADING.exec(row);
    if (heading) records.push({ line: Number(heading[1]!.replace(/,/g, '')), heading: heading[2]!, rows: [] });
    else if (records.length > 0 && row.trim() !== '') records.at(-1)!.rows.push(row.trim());
  }
  return records;
}

/** The record at the top of the pager; fails with the screen when there is none. */
export function topRecord(c: PtyConsole): PagerRecord {
  const top = pagerRecords(c)[0];
  if (!top) throw new Error(`no record at the top of the pager\n${c.describe()}`);
  return top;
}

/**
 * Whether the record is drawn in full: read from its file (not "reading…") and, when it has an
 * input side, joined (not "input: not indexed this far yet…").
 */
export function isLoaded(record: PagerRecord): boolean {
  return record.heading !== 'reading…' && !record.rows.some((row) => row.startsWith('input: not indexed'));
}

/** Waits until the record at the top is line `line` (1-based), loaded, and passes `check`. */
export async function waitForTop(
  c: PtyConsole,
  line: number,
  check: (record: PagerRecord) => boolean = () => true,
  what = '',
): Promise<PagerRecord> {
  await c.waitFor(`line ${line} at the top of the pager${what ? ` (${what})` : ''}`, () => {
    const top = pagerRecords(c)[0];
    return top !== undefined && top.line === line && isLoaded(top) && check(top);
  });
  return topRecord(c);
}

/** The field's cursor where styles are off (FORCE_COLOR=0): a bar. */
const CURSOR = '▏';

/**
 * Opens one of the pager's input lines (`/`, `:`, `s`, `J`), writes `text` and presses enter. A
 * proposed value (the save path) starts selected, so the text replaces it. The text goes in one
 * write, as a paste does: the field takes it whole.
 */
export async function answerPrompt(c: PtyConsole, key: string, label: string, text: string): Promise<void> {
  await c.press(key);
  await c.waitFor(`the "${label}" prompt`, () => pagerStatus(c).startsWith(label));
  c.pty.write(text);
  // What the field holds, without the cursor; a value wider than the row shows its end after "…".
  const held = () =>
    pagerStatus(c)
      .slice(label.length)
      .replace(new RegExp(`${CURSOR}$`), '');
  const fits = label.length + text.length + 2 <= c.cols;
  await c.waitFor(
    `"${text}" alone after "${label}"`,
    () =>
      pagerStatus(c).startsWith(label) &&
      (fits ? held() === text : held().startsWith('…') && text.endsWith(held().slice(1))),
  );
  await c.press(keys.enter);
}

/** Selects a file on the files screen (f): down from the top until the selected row ends with its id. */
export async function selectFile(c: PtyConsole, fileId: string, { maxPresses = 40 } = {}): Promise<void> {
  const selectedRow = () => c.lines().find((line) => line.startsWith('› ')) ?? '';
  await c.waitFor('a selected file', () => selectedRow() !== '');
  for (let i = 0; i < maxPresses; i++) {
    await c.settled();
    const current = selectedRow();
    if (current.trimEnd().endsWith(fileId)) return;
    await c.press(keys.down);
    await c
      .waitFor('the selection to move', () => selectedRow() !== current, { timeoutMs: 2000 })
      .catch(() => undefined);
  }
  throw new Error(`could not select ${fileId}\n${c.describe()}`);
}
