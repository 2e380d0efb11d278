import { formatBytes } from '../validate/index.js';
import { SaveError, writeAtomically } from './atomic-file.js';
import { scanLines, type InputIndex } from './input-index.js';
import { joinedLine, MAX_PARSE_BYTES, parseRecord } from './record/parse.js';
import type { ResultRecord } from './record/types.js';
import { whenSavable } from './save.js';
import type { LineDocument, LineText, ScanProgress } from './types.js';
import { messageOf } from '../../api/message-of.js';

/**
 * "Save as joined JSONL" (`J` in the pager): one line per result line, with the request that
 * produced it, for analysis in a notebook or with jq:
 *
 *   {"custom_id", "request": <input body>|null, "response": <response body>|null,
 *    "error": {code, message}|null, "status_code"}
 *
 * Requests are joined by custom_id through the input index (never by position). A line that
 * cannot be read is kept, not dropped: `error.code` is "invalid_line" and `raw` holds its text.
 * Streamed: memory holds one line of each file at a time, whatever their size.
 */

export interface JoinedExportOptions {
  /** The output and/or error file; each line of each becomes one line, in file order. */
  sources: readonly LineDocument[];
  /** The job's input file, indexed; null when there is none (every request is then null). */
  input: InputIndex | null;
  /** The input document, when not the index's own. */
  inputDoc?: LineDocument | null;
  dest: string;
  overwrite?: boolean;
  /** Wait for downloads still running instead of refusing. */
  waitForDownload?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

export interface JoinedCounts {
  /** Lines written. */
  lines: number;
  /** Lines whose request was found in the input file. */
  joined: number;
  /** Result lines with no request: no input file, no custom_id, or an id the input file lacks. */
  withoutInput: number;
  /** Lines kept as invalid_line (not JSON, unknown shape, too long to parse). */
  invalid: number;
}

export type JoinedOutcome =
  { status: 'saved'; path: string; bytes: number; counts: JoinedCounts } | { status: 'exists'; path: string };

interface JoinedLine {
  custom_id: string | null;
  request: unknown;
  response: unknown;
  error: { code: string | null; message: string | null } | null;
  status_code: number | null;
  raw?: string | null;
}

export async function exportJoined(options: JoinedExportOptions): Promise<JoinedOutcome> {
  const { sources, input, dest, signal } = options;
  const inputDoc = options.inputDoc ?? input?.document ?? null;
  for (const source of sources) await whenSavable(source, dest, options);
  if (input) {
    try {
      await input.whenDone(signal);
    } catch (error) {
      if (signal?.aborted) throw new SaveError(`Saving ${dest} was cancelled; nothing was written.`, dest, 'cancelled');
      const reason = messageOf(error);
      throw new SaveError(
        `Cannot join with the input file ${input.document.name}: it could not be read (${reason}).`,
        dest,
        'not_finished',
      );
    }
  }

  const counts: JoinedCounts = { lines: 0, joined: 0, withoutInput: 0, invalid: 0 };
  const totalBytes = sources.reduce((sum, s) => sum + s.getState().bytes, 0);
  const outcome = await writeAtomically(
    dest,
    async (sink) => {
      let before = 0;
      for (const source of sources) {
        await scanLines(
          source,
          async (line) => {
            const joined = await joinLine(line, input, inputDoc, counts);
            if (joined) await sink.write(`${JSON.stringify(joined)}\n`);
          },
          {
            signal,
            onProgress: ({ scannedBytes }) => options.onProgress?.({ scannedBytes: before + scannedBytes, totalBytes }),
          },
        );
        before += source.getState().bytes;
      }
    },
    options,
  );
  return outcome.status === 'saved' ? { ...outcome, counts } : outcome;
}

async function joinLine(
  line: LineText,
  input: InputIndex | null,
  inputDoc: LineDocument | null,
  counts: JoinedCounts,
): Promise<JoinedLine | null> {
  if (!line.cut && line.text.trim() === '') return null;
  const record = parseRecord(line);
  counts.lines += 1;
  if (record.kind === 'invalid') {
    counts.invalid += 1;
    return invalidLine(record, line);
  }
  if (record.kind === 'input') {
    // An input file given as a source: the line is its own request.
    counts.joined += 1;
    return {
      custom_id: customIdAsSent(record),
      request: bodyOf(record.json) ?? null,
      response: null,
      error: null,
      status_code: null,
    };
  }
  // A joined export saved again (J on a file J wrote) keeps the requests it carries.
  const carried = isObject(record.json) ? joinedLine(record.json) : null;
  const request = carried ? (carried.request ?? undefined) : await requestBody(record.customId, input, inputDoc);
  if (request === undefined) counts.withoutInput += 1;
  else counts.joined += 1;
  return {
    custom_id: customIdAsSent(record),
    request: request ?? null,
    response: carried ? carried.response : responseBody(record.json),
    error: record.kind === 'error' ? { code: record.error.code, message: record.error.message } : null,
    status_code: record.statusCode,
  };
}

/**
 * The custom_id as the file has it: an export is data for scripts, not text for the screen (the
 * record's own is sanitized for display, and for the join, where both sides are).
 */
function customIdAsSent(record: ResultRecord): string | null {
  const value = isObject(record.json) ? record.json.custom_id : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return record.customId;
}

function invalidLine(record: Extract<ResultRecord, { kind: 'invalid' }>, line: LineText): JoinedLine {
  if (line.cut) {
    const message = `line ${line.index + 1} has ${formatBytes(line.bytes)}, more than the ${formatBytes(MAX_PARSE_BYTES)} read; it is not included`;
    return {
      custom_id: record.customId,
      request: null,
      response: null,
      error: { code: 'invalid_line', message },
      status_code: null,
      raw: null,
    };
  }
  return {
    custom_id: null,
    request: null,
    response: null,
    error: { code: 'invalid_line', message: `line ${line.index + 1}: ${record.reason}` },
    status_code: null,
    raw: line.text,
  };
}

/** The input body of a custom_id; undefined when there is no such request to join. */
async function requestBody(
  customId: string | null,
  input: InputIndex | null,
  inputDoc: LineDocument | null,
): Promise<unknown> {
  if (customId === null || !input || !inputDoc) return undefined;
  const at = input.lineOf(customId);
  if (at === undefined) return undefined;
  const line = await inputDoc.readLine(at, { maxBytes: MAX_PARSE_BYTES });
  if (line.cut) return null;
  try {
    // Only the body is wanted: a plain parse, not the record's summary.
    return bodyOf(JSON.parse(line.text)) ?? null;
  } catch {
    return null;
  }
}

function bodyOf(json: unknown): unknown {
  return isObject(json) ? json.body : undefined;
}

/** `response.body`, parsed when a provider sent it as a JSON string (llama-stack). */
function responseBody(json: unknown): unknown {
  const response = isObject(json) ? json.response : null;
  if (!isObject(response) || response.body === undefined) return null;
  if (typeof response.body !== 'string') return response.body;
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return response.body;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
