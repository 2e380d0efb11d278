import { Observable } from '../observable.js';
import { abortReason, moreLinesAfter } from './document-wait.js';
import { yieldToEventLoop } from './local-document.js';
import { customIdOf, leadingCustomId, MAX_PARSE_BYTES, parseRecord } from './record/parse.js';
import type { InputRequest } from './record/types.js';
import type { LineDocument, LineText, ScanProgress } from './types.js';

/**
 * custom_id → line of a job's input file, so every result shows the request that produced it
 * (joined by custom_id, never by position: output order differs from input order). Built in the
 * background, a few MB at a time with a turn of the event loop between, following the document
 * while it downloads. Memory: the ids and one number each, never the lines.
 *
 * Each line is read whole and parsed with JSON.parse: V8's parser reads a typical 4 KB chat line
 * at about 1.4 GB/s, while a key-by-key scan in JavaScript measured three times slower, so a
 * "fast path" would only add a way to be wrong.
 */

export interface InputIndexState {
  /** Lines looked at so far. */
  indexedLines: number;
  /** custom_ids known so far. */
  ids: number;
  /** The whole document was indexed: an id not known now is not in the file. */
  done: boolean;
  /** Lines whose custom_id an earlier line already has; the first one is the one joined. */
  duplicates: number;
  /** The first few such custom_ids, to name in a message. */
  duplicateExamples: string[];
  /** Lines with no custom_id to index (not JSON, no such key). */
  withoutId: number;
  /** Why indexing stopped early (the download failed): what was indexed stays usable. */
  error: unknown;
  progress: ScanProgress;
}

export type InputLookup =
  | { status: 'found'; line: number; request: InputRequest }
  /** The whole file was indexed without it (or indexing stopped: see state.error). */
  | { status: 'missing' }
  /** Not indexed that far yet: ask again when the state changes. */
  | { status: 'pending' };

const DUPLICATE_EXAMPLES = 5;

export class InputIndex extends Observable<InputIndexState> {
  private readonly lines = new Map<string, number>();
  private readonly controller = new AbortController();

  constructor(readonly document: LineDocument) {
    super({
      indexedLines: 0,
      ids: 0,
      done: false,
      duplicates: 0,
      duplicateExamples: [],
      withoutId: 0,
      error: null,
      progress: { scannedBytes: 0, totalBytes: document.getState().totalBytes },
    });
    void this.build();
  }

  /** The line of a custom_id, when indexed. */
  lineOf(customId: string): number | undefined {
    return this.lines.get(customId);
  }

  /** The request with this custom_id, read from the file (only that line). */
  async lookup(customId: string): Promise<InputLookup> {
    const line = this.lines.get(customId);
    if (line === undefined) {
      const { done, error } = this.getState();
      return done || error ? { status: 'missing' } : { status: 'pending' };
    }
    const record = parseRecord(await this.document.readLine(line, { maxBytes: MAX_PARSE_BYTES }));
    const request = record.kind === 'input' ? record.request : { ...EMPTY_REQUEST, customId };
    return { status: 'found', line, request };
  }

  /** Resolves once the whole document is indexed; rejects with the error that stopped it, or on abort. */
  whenDone(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (): boolean => {
        const { done, error } = this.getState();
        if (done) resolve();
        else if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (signal?.aborted) reject(abortReason(signal));
        else return false;
        stop();
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => settle();
      const stop = this.subscribe(settle);
      signal?.addEventListener('abort', onAbort, { once: true });
      settle();
    });
  }

  /**
   * After the indexing stopped on the document's error (a failed download, retried since): indexes
   * it again from the start, where the retried download's lines will follow. Does nothing otherwise.
   */
  resume(): void {
    if (!this.getState().error || this.controller.signal.aborted) return;
    this.lines.clear();
    this.setState({
      indexedLines: 0,
      ids: 0,
      done: false,
      duplicates: 0,
      duplicateExamples: [],
      withoutId: 0,
      error: null,
      progress: { scannedBytes: 0, totalBytes: this.document.getState().totalBytes },
    });
    void this.build();
  }

  /** Stops indexing; lookups after this see what was indexed. */
  dispose(): void {
    this.controller.abort();
    this.clearListeners();
  }

  /** A line's custom_id: from its first keys when it leads, else from the whole line parsed. */
  private async customIdAt(line: LineText): Promise<string | null> {
    const leading = leadingCustomId(line.text);
    if (leading !== null) return leading;
    return customIdOf(line.cut ? await this.document.readLine(line.index, { maxBytes: MAX_PARSE_BYTES }) : line);
  }

  private async build(): Promise<void> {
    let { duplicates, withoutId } = this.getState();
    // (After resume() these start again at 0, as the map does.)
    const examples: string[] = [];
    try {
      await scanLines(
        this.document,
        async (line) => {
          const id = await this.customIdAt(line);
          if (id === null) withoutId += 1;
          else if (this.lines.has(id)) {
            duplicates += 1;
            if (examples.length < DUPLICATE_EXAMPLES) examples.push(id);
          } else this.lines.set(id, line.index);
        },
        {
          signal: this.controller.signal,
          maxBytes: ID_PREFIX_BYTES,
          onProgress: (progress, lines) =>
            this.setState({
              indexedLines: lines,
              ids: this.lines.size,
              duplicates,
              duplicateExamples: [...examples],
              withoutId,
              progress,
            }),
        },
      );
      const { bytes } = this.document.getState();
      this.setState({
        done: true,
        ids: this.lines.size,
        duplicates,
        withoutId,
        progress: { scannedBytes: bytes, totalBytes: bytes },
      });
    } catch (error) {
      if (!this.controller.signal.aborted) this.setState({ error });
    }
  }
}

/**
 * How much of each line the index reads: custom_id usually leads a request, so the rest of a long
 * prompt is neither decoded nor parsed (a 200 MB file costs its custom_ids, not 200 MB of strings
 * and objects for the collector). A line whose custom_id comes later is read whole and parsed.
 */
const ID_PREFIX_BYTES = 512;

const EMPTY_REQUEST: InputRequest = {
  customId: null,
  method: null,
  url: null,
  model: null,
  messages: [],
  input: null,
  params: {},
};

// ---------------------------------------------------------------------------------------------
// Reading a whole document in the background (the index, the joined export, resubmit)
// ---------------------------------------------------------------------------------------------

export interface LineScanOptions {
  signal?: AbortSignal;
  /** Lines longer than this come cut (default MAX_PARSE_BYTES: everything parseable comes whole). */
  maxBytes?: number;
  /** After each chunk: bytes read so far and the lines visited. */
  onProgress?: (progress: ScanProgress, lines: number) => void;
}

/** One read takes lines up to about this many bytes together (one longer line goes alone). */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** …and at most this many lines, so progress moves on files of tiny lines too. */
const CHUNK_LINES = 2000;

/**
 * Visits every line in order, following a document that is still downloading until it is
 * complete. Yields to the event loop after each chunk, so a 200 MB file never holds the screen.
 * Rejects with the document's error when its loading stops, or with the signal's reason.
 */
export async function scanLines(
  doc: LineDocument,
  visit: (line: LineText) => void | Promise<void>,
  options: LineScanOptions = {},
): Promise<number> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? MAX_PARSE_BYTES;
  let next = 0;
  for (;;) {
    if (signal?.aborted) throw abortReason(signal);
    const state = doc.getState();
    if (next >= state.lines) {
      if (state.complete) return next;
      if (state.error) throw state.error instanceof Error ? state.error : new Error(String(state.error));
      await moreLinesAfter(doc, next, signal);
      continue;
    }
    const start = doc.offsetOf(next);
    const end = Math.min(state.lines, next + CHUNK_LINES, Math.max(next + 1, doc.lineAt(start + CHUNK_BYTES)));
    const lines = await doc.readLines(next, end - next, { maxBytes });
    for (const line of lines) await visit(line);
    next += lines.length;
    // Past the last indexed line the offset is the bytes on disk (a partial last line included).
    const scannedBytes = next < state.lines ? doc.offsetOf(next) : state.bytes;
    options.onProgress?.({ scannedBytes, totalBytes: state.complete ? state.bytes : state.totalBytes }, next);
    await yieldToEventLoop();
  }
}
