// The parsed records around the pager's position: a small LRU, filled a few lines at a time from
// the document (never the whole file), each record joined with its input request by custom_id.
import type { InputIndex } from '../input-index.js';
import { MAX_PARSE_BYTES, parseRecord } from '../record/parse.js';
import type { InputRequest, ResultRecord } from '../record/types.js';
import type { LineDocument, LineText } from '../types.js';

/** The input request a result answers, looked up by custom_id (never by position). */
export type JoinedInput =
  /** Nothing to join: no input file, the input file itself, or a line without custom_id. */
  | { status: 'none' }
  /** The input index has not reached it yet. */
  | { status: 'pending' }
  | { status: 'found'; line: number; request: InputRequest }
  /** The whole input file was indexed and has no such custom_id. */
  | { status: 'missing' };

export interface LoadedRecord {
  line: number;
  record: ResultRecord;
  input: JoinedInput;
}

export interface RecordCacheOptions {
  document: LineDocument;
  input: InputIndex | null;
  /** Told when records arrive or change (a pending join found its input). */
  onChange: () => void;
  /** Told when a read fails (the file went away): the pager says so. */
  onError: (error: unknown) => void;
  /** How many records are kept (default 400). */
  capacity?: number;
  /** How many bytes of line text they may hold together (default 48 MiB): a few 5 MB lines, not hundreds. */
  maxBytes?: number;
}

/** Lines read in one go: a screen's worth at 60×15 and more at 300 rows. */
const READ_BATCH = 64;

export class RecordCache {
  private readonly records = new Map<number, LoadedRecord>();
  private readonly loading = new Set<number>();
  private bytes = 0;
  private disposed = false;
  private readonly capacity: number;
  private readonly maxBytes: number;

  constructor(private readonly options: RecordCacheOptions) {
    this.capacity = options.capacity ?? 400;
    this.maxBytes = options.maxBytes ?? 48 * 1024 * 1024;
  }

  /** The record of a line if it is loaded; marks it as recently used. */
  get(line: number): LoadedRecord | undefined {
    const found = this.records.get(line);
    if (found) {
      this.records.delete(line);
      this.records.set(line, found);
    }
    return found;
  }

  /** Starts reading the lines that are neither loaded nor on their way; consecutive ones in one read. */
  ensure(lines: readonly number[]): void {
    const wanted = [...new Set(lines)]
      .filter((l) => l >= 0 && !this.records.has(l) && !this.loading.has(l))
      .sort((a, b) => a - b);
    let start = 0;
    while (start < wanted.length) {
      let end = start + 1;
      while (end < wanted.length && wanted[end] === wanted[end - 1]! + 1 && end - start < READ_BATCH) end++;
      void this.load(wanted[start]!, end - start);
      start = end;
    }
  }

  /** Joins again the records whose input was not indexed yet (the input index moved on). */
  rejoinPending(): void {
    for (const loaded of this.records.values()) {
      if (loaded.input.status === 'pending') void this.join(loaded);
    }
  }

  /** Forgets everything (the document was replaced, e.g. a restarted download). */
  clear(): void {
    this.records.clear();
    this.bytes = 0;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private async load(from: number, count: number): Promise<void> {
    for (let i = from; i < from + count; i++) this.loading.add(i);
    try {
      const texts = await this.options.document.readLines(from, count);
      const loaded = await Promise.all(texts.map((text) => this.parse(text)));
      if (this.disposed) return;
      for (const record of loaded) this.store(record);
      await Promise.all(loaded.map((record) => this.join(record, false)));
      if (!this.disposed && loaded.length > 0) this.options.onChange();
    } catch (error) {
      // A line beyond what is indexed is not an error: it will be asked for again once it exists.
      if (!this.disposed && !(error instanceof RangeError)) this.options.onError(error);
    } finally {
      for (let i = from; i < from + count; i++) this.loading.delete(i);
    }
  }

  /**
   * A line longer than a read's default is read again whole when it can still be parsed (a 5 MB
   * answer is a record, not an error); longer than that it stays cut and parseRecord says so.
   */
  private async parse(text: LineText): Promise<LoadedRecord> {
    let line = text;
    if (text.cut && text.bytes <= MAX_PARSE_BYTES)
      line = await this.options.document.readLine(text.index, { maxBytes: MAX_PARSE_BYTES });
    const record = parseRecord(line);
    return { line: text.index, record, input: carriedInput(record) };
  }

  private store(loaded: LoadedRecord): void {
    const old = this.records.get(loaded.line);
    if (old) this.bytes -= old.record.raw.length;
    this.records.set(loaded.line, loaded);
    this.bytes += loaded.record.raw.length;
    // Oldest first: Map keeps insertion order and get() moves what is read to the end.
    for (const [line, record] of this.records) {
      if (this.records.size <= this.capacity && this.bytes <= this.maxBytes) break;
      if (line === loaded.line) continue;
      this.records.delete(line);
      this.bytes -= record.record.raw.length;
    }
  }

  private async join(loaded: LoadedRecord, notify = true): Promise<void> {
    const index = this.options.input;
    const customId = loaded.record.customId;
    if (!index || loaded.record.kind === 'input' || !customId || carries(loaded.record)) return;
    const found = await index.lookup(customId);
    if (this.disposed) return;
    const input: JoinedInput =
      found.status === 'found'
        ? { status: 'found', line: found.line, request: found.request }
        : { status: found.status };
    const current = this.records.get(loaded.line);
    if (!current || sameJoin(current.input, input)) return;
    // A new object: the view compares records by identity to lay them out again.
    this.records.set(loaded.line, { ...current, input });
    if (notify) this.options.onChange();
  }
}

/** A line of a joined export carries its request: it is joined already, whatever the input file. */
function carries(record: ResultRecord): boolean {
  return (record.kind === 'output' || record.kind === 'error') && record.joinedRequest !== undefined;
}

function carriedInput(record: ResultRecord): JoinedInput {
  if (!carries(record) || (record.kind !== 'output' && record.kind !== 'error')) return { status: 'none' };
  return record.joinedRequest
    ? { status: 'found', line: record.line, request: record.joinedRequest }
    : { status: 'none' };
}

function sameJoin(a: JoinedInput, b: JoinedInput): boolean {
  return a.status === b.status && (a.status !== 'found' || (b.status === 'found' && a.line === b.line));
}
