import { open, type FileHandle } from 'node:fs/promises';
import { sanitizeLine } from '../../api/text.js';
import { BatchChecker } from './checks.js';
import type { ModelsPerFile, ValidationReport } from './check-types.js';
import { LineSplitter } from './lines.js';
import { groupProblems, type ProblemGroup } from './report.js';

/**
 * Validation of a batch input file before upload, shared by the console and `fizz-batch validate`.
 * The file is streamed in chunks and split into lines as bytes; each line is decoded and parsed
 * once. Memory stays flat whatever the size: one chunk, the line being checked, the custom_ids
 * seen, the model counts and a bounded list of problems per code.
 */

export type { ModelsPerFile, ValidationReport } from './check-types.js';
export {
  formatBytes,
  groupProblems,
  problemTitle,
  type GroupOptions,
  type Problem,
  type ProblemGroup,
  type Severity,
} from './report.js';
import { messageOf } from '../../api/message-of.js';
export { CHARS_PER_TOKEN } from './tokens.js';
export { MODEL_NOT_OFFERED, withOfferedModels } from './offered-models.js';

/** Chunk size of reads: measured fastest with the lowest peak RSS on a 200 MB file (vs 64 KB and 1 MB). */
const CHUNK_BYTES = 256 * 1024;

/** OpenAI's documented limits (50,000 requests and 200 MB per input file); providers differ, so both are options. */
export const DEFAULT_MAX_REQUESTS = 50_000;
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/**
 * The endpoints fizz-batch knows the requests of (OpenAI's batch create accepts these and also
 * images and videos, which other endpoints join: accepted with a warning, see checkUrl).
 */
export const DEFAULT_ENDPOINTS: readonly string[] = [
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/responses',
  '/v1/moderations',
];

export interface ValidateOptions {
  maxRequests?: number;
  maxBytes?: number;
  knownEndpoints?: readonly string[];
  /** What the provider takes; default 'unknown': several models in one file is a warning. */
  modelsPerFile?: ModelsPerFile;
  /** Problems kept per code with line and message (default 100); the rest are only counted. */
  examplesPerCode?: number;
  /** Longest line held in memory (default 64 MB); a longer line is reported, not parsed. */
  maxLineBytes?: number;
  /** Called after each chunk read (every 256 KB). totalBytes is 0 when unknown (a pipe). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** A file that cannot be read at all: its message names the path and the reason. */
export class BatchFileReadError extends Error {
  override readonly name = 'BatchFileReadError';
  constructor(
    readonly path: string,
    readonly code: string,
    reason: string,
  ) {
    // The path may name a file someone else made, and node's reason may quote it.
    super(sanitizeLine(`Cannot read ${path}: ${reason}${code ? ` (${code})` : ''}.`));
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function readError(path: string, error: unknown): BatchFileReadError {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return new BatchFileReadError(path, code, REASONS[code] ?? (error as Error).message);
  return new BatchFileReadError(path, '', messageOf(error));
}

export async function validateBatchFile(path: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const checker = new BatchChecker({
    maxRequests: options.maxRequests ?? DEFAULT_MAX_REQUESTS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    knownEndpoints: options.knownEndpoints ?? DEFAULT_ENDPOINTS,
    examplesPerCode: options.examplesPerCode ?? 100,
    modelsPerFile: options.modelsPerFile ?? 'unknown',
  });
  const splitter = new LineSplitter(checker, options.maxLineBytes);

  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
  let bytesRead = 0;
  try {
    let totalBytes = 0;
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (info.isFile()) totalBytes = info.size;
    } catch (error) {
      throw readError(path, error);
    }
    const stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        signal?.throwIfAborted();
        splitter.push(chunk);
        bytesRead += chunk.length;
        onProgress?.(bytesRead, totalBytes);
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // A failure of the checks themselves is a bug to surface as it is; a failed read names the file.
      if (typeof (error as { code?: unknown } | null)?.code === 'string') throw readError(path, error);
      throw error;
    }
    signal?.throwIfAborted();
    splitter.end();
  } finally {
    await handle.close().catch(() => undefined);
  }
  return checker.finish(path, bytesRead);
}

/** A report's errors and warnings grouped for display, each group with its true count. */
export function groupReport(
  report: ValidationReport,
  { perGroup = 5 }: { perGroup?: number } = {},
): { errors: ProblemGroup[]; warnings: ProblemGroup[] } {
  return {
    errors: groupProblems(report.errors, { perGroup, counts: report.counts, severity: 'error' }),
    warnings: groupProblems(report.warnings, { perGroup, counts: report.counts, severity: 'warning' }),
  };
}
