import { Observable } from '../observable.js';
import { yieldToEventLoop } from './local-document.js';
import type { LineDocument, LineText, ScanProgress } from './types.js';

/**
 * The lines of a document that satisfy a predicate (the "errors only" view), found by a background
 * scan that keeps up with a document still downloading. Matches are line numbers in a typed array
 * (4 bytes each), never the lines themselves.
 */

export interface LineFilterState {
  /** Matching lines found so far (may trail `count` by up to one notification). */
  matches: number;
  /** Lines examined so far, from line 0. */
  scannedLines: number;
  /** The document is complete and every line was examined. */
  done: boolean;
  progress: ScanProgress;
  /** Why the scan stopped (a read failed); the matches found so far stay. */
  error: unknown;
}

export interface LineFilterOptions {
  /** Lines read per step. Default 512. */
  batchLines?: number;
}

const NOTIFY_INTERVAL_MS = 100;

export class LineFilter extends Observable<LineFilterState> {
  private matchLines = new Uint32Array(1024);
  private matchCount = 0;
  private scanned = 0;
  private disposed = false;
  private lastNotifyAt = 0;
  private wake: (() => void) | null = null;
  private readonly unsubscribe: () => void;
  private readonly batchLines: number;

  constructor(
    private readonly doc: LineDocument,
    private readonly predicate: (text: string, line: LineText) => boolean,
    options: LineFilterOptions = {},
  ) {
    super({
      matches: 0,
      scannedLines: 0,
      done: false,
      progress: { scannedBytes: 0, totalBytes: doc.getState().totalBytes },
      error: null,
    });
    this.batchLines = Math.max(1, options.batchLines ?? 512);
    this.unsubscribe = doc.subscribe(() => this.wake?.());
    void this.run();
  }

  /** Matches found so far (live; the state's `matches` may trail it). */
  get count(): number {
    return this.matchCount;
  }

  /** The line number of match `i` (0-based, in file order). */
  matchAt(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.matchCount)
      throw new RangeError(`match ${i} does not exist (${this.matchCount} found)`);
    return this.matchLines[i]!;
  }

  /** The index of the first match on `line` or after it; `count` when there is none (yet). */
  indexOfLineAtOrAfter(line: number): number {
    let lo = 0;
    let hi = this.matchCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matchLines[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Stops the scan and lets go of the document. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.wake?.();
    this.clearListeners();
  }

  private async run(): Promise<void> {
    try {
      while (!this.disposed) {
        const doc = this.doc.getState();
        if (this.scanned < doc.lines) {
          const batch = await this.doc.readLines(this.scanned, Math.min(this.batchLines, doc.lines - this.scanned));
          if (this.disposed) return;
          if (batch.length > 0) {
            for (const line of batch) if (this.predicate(line.text, line)) this.add(line.index);
            this.scanned += batch.length;
            this.publish(false);
            await yieldToEventLoop();
            continue;
          }
        }
        if (doc.complete && this.scanned >= doc.lines) {
          this.publish(true);
          return;
        }
        // Everything there is was examined: wait for the document to grow (or finish).
        this.publish(true);
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    } catch (e) {
      if (!this.disposed) this.setState({ error: e });
    }
  }

  private add(line: number): void {
    if (this.matchCount === this.matchLines.length) {
      const grown = new Uint32Array(this.matchLines.length * 2);
      grown.set(this.matchLines);
      this.matchLines = grown;
    }
    this.matchLines[this.matchCount++] = line;
  }

  private publish(force: boolean): void {
    if (this.disposed || (!force && Date.now() - this.lastNotifyAt < NOTIFY_INTERVAL_MS)) return;
    this.lastNotifyAt = Date.now();
    const doc = this.doc.getState();
    this.setState({
      matches: this.matchCount,
      scannedLines: this.scanned,
      done: doc.complete && this.scanned >= doc.lines,
      progress: {
        scannedBytes: this.doc.offsetOf(this.scanned),
        totalBytes: doc.totalBytes ?? (doc.complete ? doc.bytes : null),
      },
    });
  }
}
