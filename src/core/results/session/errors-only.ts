import { LineFilter } from '../line-filter.js';
import { isErrorLine } from '../record/parse.js';
import type { LineDocument } from '../types.js';
import type { FilterState } from './state.js';

/** What the errors-only view needs of the results session it runs in. */
export interface ErrorsOnlyHost {
  document: LineDocument;
  cursor(): number;
  /** The filter's progress for the screen; null when the view is off. */
  publish(filter: FilterState | null): void;
  moveTo(line: number): void;
}

/**
 * `x`: the pager shows only the error lines, found by a background scan that follows a growing
 * file. While it is on, the pager's lines are the error lines (`lines` maps them).
 */
export class ErrorsOnly {
  private filter: LineFilter | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ErrorsOnlyHost) {}

  get on(): boolean {
    return this.filter !== null;
  }

  /** The error lines found so far, in file order, while the view is on; null when it is off. */
  get lines(): LineFilter | null {
    return this.filter;
  }

  /** Turns the view on; the reader goes to the first error at or after where they were, once one is known. */
  start(): void {
    const filter = new LineFilter(this.host.document, isErrorLine);
    this.filter = filter;
    const cursorAtStart = this.host.cursor();
    let placed = false;
    const onFilter = () => {
      if (this.filter !== filter) return;
      const state = filter.getState();
      this.host.publish({ matches: state.matches, done: state.done, progress: state.progress });
      if (!placed && filter.count > 0) {
        const index = filter.indexOfLineAtOrAfter(cursorAtStart);
        if (index < filter.count || state.done) {
          placed = true;
          this.host.moveTo(filter.matchAt(Math.min(index, filter.count - 1)));
        }
      }
    };
    this.unsubscribe = filter.subscribe(onFilter);
    onFilter();
  }

  /** Every line again. */
  stop(): void {
    this.stopQuietly();
    this.host.publish(null);
  }

  /** Stops the scan without telling the screen (the session is closing). */
  stopQuietly(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.filter?.dispose();
    this.filter = null;
  }

  /** Whether the view shows `line` (every line does while it is off). */
  shows(line: number): boolean {
    if (!this.filter) return true;
    const index = this.filter.indexOfLineAtOrAfter(line);
    return index < this.filter.count && this.filter.matchAt(index) === line;
  }

  /** The lines the pager stacks from `line` on: the error lines while the view is on, else every one of `total`. */
  linesFrom(line: number, count: number, total: number): number[] {
    const out: number[] = [];
    const errors = this.filter;
    if (errors) {
      const start = errors.indexOfLineAtOrAfter(line);
      for (let i = start; i < errors.count && out.length < count; i++) out.push(errors.matchAt(i));
      return out;
    }
    for (let i = Math.max(0, line); i < total && out.length < count; i++) out.push(i);
    return out;
  }

  /** Up to `count` of those lines before `line`, nearest last. */
  linesBefore(line: number, count: number, total: number): number[] {
    const out: number[] = [];
    const errors = this.filter;
    if (errors) {
      const end = errors.indexOfLineAtOrAfter(line);
      for (let i = Math.max(0, end - count); i < end; i++) out.push(errors.matchAt(i));
      return out;
    }
    for (let i = Math.max(0, line - count); i < Math.min(line, total); i++) out.push(i);
    return out;
  }

  /** Where a line is among the error lines (0-based), while the view is on. */
  position(line: number): number | null {
    if (!this.filter || !this.shows(line)) return null;
    return this.filter.indexOfLineAtOrAfter(line);
  }
}
