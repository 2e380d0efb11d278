import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Batch } from '../../api/index.js';
import { copyRange, writeAtomically, type FileSink } from './atomic-file.js';
import { abortReason } from './document-wait.js';
import { scanLines } from './input-index.js';
import { customIdOf, parseRecord } from './record/parse.js';
import type { ErrorRecord } from './record/types.js';
import type { LineDocument, ScanProgress } from './types.js';
import { messageOf } from '../../api/message-of.js';
import { plural } from '../../api/counts.js';

/**
 * "Resubmit what failed" (`R` on a finished job): a new input file made of the job's input lines
 * whose requests failed or never ran, copied byte for byte in input order, ready for the
 * new-batch flow (validate → upload → create, linked by metadata to the old job).
 *
 * What failed comes from the error file (every line with its code: batch_expired, an HTTP
 * status, …). An expired or cancelled job, or one whose counts do not add up, may also have
 * requests in neither file (providers differ in writing batch_expired lines): those are found by
 * reading the output file too, and are "never ran". The original input file is only read.
 */

export interface ResubmitReason {
  /** batch_expired, batch_cancelled, never_ran, rate_limit_exceeded, http_500, … */
  code: string;
  /** For people: "expired before it ran", "HTTP 429 rate_limit_exceeded". */
  label: string;
  count: number;
}

export interface ResubmitPlan {
  /** The new input file; null when there is nothing to resubmit. */
  path: string | null;
  /** Requests in it. */
  count: number;
  /** Why they are there, most frequent first. */
  reasons: ResubmitReason[];
  /** custom_ids of failed requests that the input file does not have (cannot be resubmitted). */
  failedWithoutInput: string[];
  /** Lines of the error file naming no request (not JSON, no custom_id). */
  unreadableErrorLines: number;
  sourceJob: string;
  inputFileId: string;
}

export type ResubmitPhase = 'errors' | 'output' | 'input' | 'writing';

export interface ResubmitProgress extends ScanProgress {
  phase: ResubmitPhase;
}

export interface PlanResubmitOptions {
  job: Batch;
  /**
   * The document of a file id (a download into the cache, or a cached copy). The caller owns what
   * it returns: nothing is closed here, so the pager may share its documents.
   */
  open: (fileId: string) => LineDocument | Promise<LineDocument>;
  /** Where the new file is written (created when missing). */
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: ResubmitProgress) => void;
}

const NEVER_RAN = 'never_ran';

const LABELS: Record<string, string> = {
  batch_expired: 'expired before it ran',
  batch_cancelled: 'cancelled before it ran',
  [NEVER_RAN]: 'never ran (in neither the output nor the error file)',
  request_timeout: 'timed out',
};

/** Why failed requests failed, by custom_id, and a label for each code. */
class Failures {
  readonly codes = new Map<string, string>();
  readonly labels = new Map<string, string>();
  unreadable = 0;

  add(record: ErrorRecord): void {
    const id = record.customId;
    if (id === null) {
      this.unreadable += 1;
      return;
    }
    if (this.codes.has(id)) return;
    const { code, message } = record.error;
    const status = record.statusCode;
    const key = code ?? (status !== null ? `http_${status}` : 'unknown_error');
    this.codes.set(id, key);
    if (!this.labels.has(key)) {
      const label =
        LABELS[key] ??
        (status !== null
          ? `HTTP ${status}${code ? ` ${code}` : ''}`
          : (code ?? (message ? `failed: ${message}` : 'failed without an error code')));
      this.labels.set(key, label);
    }
  }
}

/** Reads what the job left and writes the file of requests to run again (see the file comment). */
export async function planResubmit(options: PlanResubmitOptions): Promise<ResubmitPlan> {
  const { job, signal, onProgress } = options;
  const inputFileId = job.inputFileId;
  if (!inputFileId) throw new Error(`Batch ${job.id} names no input file, so there is nothing to resubmit from.`);
  if (job.statusClass !== 'terminal')
    throw new Error(`Batch ${job.id} is ${job.status}: resubmit works on a finished job.`);

  // Requests in no file at all: only an unfinished ending (or counts that do not add up) leaves some.
  const { total, completed, failed } = job.requestCounts;
  const mayHaveMissing =
    job.status === 'expired' ||
    job.status === 'cancelled' ||
    total > completed + failed ||
    (failed > 0 && !job.errorFileId);
  const nothing = emptyPlan(job, inputFileId);
  if (!job.errorFileId && !mayHaveMissing) return nothing;

  // Opened first so that its download runs while the other files are read.
  const opening = Promise.resolve(options.open(inputFileId));
  opening.catch(() => undefined); // awaited below; a failure must not be unhandled meanwhile
  const failures = new Failures();
  if (job.errorFileId) {
    await scanLines(
      await options.open(job.errorFileId),
      (line) => {
        const record = parseRecord(line);
        if (record.kind === 'error') failures.add(record);
        else if (record.kind === 'invalid' && line.text.trim() !== '') failures.unreadable += 1;
      },
      { signal, onProgress: (p) => onProgress?.({ phase: 'errors', ...p }) },
    );
  }

  if (failures.codes.size === 0 && !mayHaveMissing) return { ...nothing, unreadableErrorLines: failures.unreadable };
  let answered: Set<string> | null = null;
  if (mayHaveMissing) {
    answered = new Set(failures.codes.keys());
    if (job.outputFileId) await readOutput(await options.open(job.outputFileId), answered, failures, options);
  }

  const input = await opening;
  const chosen: number[] = [];
  const counts = new Map<string, number>();
  const matched = new Set<string>();
  await scanLines(
    input,
    (line) => {
      const id = customIdOf(line);
      if (id === null || matched.has(id)) return;
      const code = failures.codes.get(id) ?? (answered && !answered.has(id) ? NEVER_RAN : undefined);
      if (code === undefined) return;
      matched.add(id);
      chosen.push(line.index);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    },
    { signal, onProgress: (p) => onProgress?.({ phase: 'input', ...p }) },
  );

  const plan: ResubmitPlan = {
    ...nothing,
    count: chosen.length,
    reasons: [...counts]
      .map(([code, count]) => ({ code, label: failures.labels.get(code) ?? LABELS[code] ?? code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    failedWithoutInput: [...failures.codes.keys()].filter((id) => !matched.has(id)),
    unreadableErrorLines: failures.unreadable,
  };
  if (chosen.length === 0) return plan;

  await mkdir(options.workDir, { recursive: true });
  const dest = join(options.workDir, `${fileNamePart(inputFileId)}-retry-${shortJobId(job.id)}.jsonl`);
  const outcome = await writeAtomically(dest, (sink) => copyLines(input, chosen, sink, options), {
    overwrite: true,
    ...(signal ? { signal } : {}),
  });
  return { ...plan, path: outcome.path };
}

function emptyPlan(job: Batch, inputFileId: string): ResubmitPlan {
  return {
    path: null,
    count: 0,
    reasons: [],
    failedWithoutInput: [],
    unreadableErrorLines: 0,
    sourceJob: job.id,
    inputFileId,
  };
}

/** The custom_ids the output file answers (and any errors in it: vLLM writes both to one file). */
async function readOutput(
  doc: LineDocument,
  answered: Set<string>,
  failures: Failures,
  options: PlanResubmitOptions,
): Promise<void> {
  await scanLines(
    doc,
    (line) => {
      if (line.text.trim() === '') return;
      const record = parseRecord(line);
      if (record.kind === 'error') failures.add(record);
      if (record.customId !== null) answered.add(record.customId);
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => options.onProgress?.({ phase: 'output', ...p }),
    },
  );
}

const COPY_CHUNK = 1024 * 1024;

/**
 * The chosen lines' bytes exactly as in the input file, each with its own line end (LF or CRLF;
 * a last line without one gets a LF, so the file stays one request per line).
 */
async function copyLines(
  doc: LineDocument,
  lines: readonly number[],
  sink: FileSink,
  options: PlanResubmitOptions,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(doc.path, 'r');
  } catch (error) {
    const reason = messageOf(error);
    throw new Error(`Cannot read the input file's copy at ${doc.path}: ${reason}`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(COPY_CHUNK);
    const totalBytes = lines.reduce((sum, index) => sum + doc.offsetOf(index + 1) - doc.offsetOf(index), 0);
    for (const index of lines) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const start = doc.offsetOf(index);
      const end = doc.offsetOf(index + 1);
      const { copied, lastByte } = await copyRange(handle, start, end, sink, buffer);
      if (start + copied < end)
        throw new Error(
          `The input file's copy at ${doc.path} ended at byte ${start + copied}, before line ${index + 1} did.`,
        );
      if (lastByte !== 0x0a) await sink.write('\n');
      options.onProgress?.({ phase: 'writing', scannedBytes: Math.min(sink.bytes, totalBytes), totalBytes });
    }
  } finally {
    await handle.close();
  }
}

/** What the new-batch form starts with for a resubmit: a description, and the link to the old job. */
export function resubmitStart(
  job: Pick<Batch, 'id' | 'metadata'>,
  plan: Pick<ResubmitPlan, 'count'>,
): { description: string; metadata: Record<string, string> } {
  const what = plural(plan.count, 'failed request', { grouped: true });
  return { description: `retry of ${job.id}: ${what}`, metadata: { resubmit_of: job.id } };
}

/** A file id as part of a file name: anything but letters, digits, `-` and `_` becomes `_`. */
function fileNamePart(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** `batch_6790ab12cd34ef56…` → `6790ab12cd34`: enough to tell jobs apart in a file name. */
function shortJobId(id: string): string {
  return fileNamePart(id.replace(/^batch[_-]/, '')).slice(0, 12) || 'job';
}
