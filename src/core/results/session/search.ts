import { messageOf } from '../../../api/index.js';
import { LineFilter } from '../line-filter.js';
import { isErrorLine } from '../record/parse.js';
import { findLine, findText } from '../search.js';
import type { LineDocument } from '../types.js';
import { throttle } from './format.js';
import type { MatchCount, Notice, ResultsState, SearchState } from './state.js';

/** What a search needs of the results session it runs in. */
export interface SearchHost {
  document: LineDocument;
  getState(): ResultsState;
  setState(patch: Partial<ResultsState>): void;
  disposed(): boolean;
  /** Puts the reader on a line found (leaving the errors-only view when it is not an error line). */
  show(line: number): void;
  notify(text: string, tone: Notice['tone']): void;
}

/**
 * The pager's background searches: `/` with n and N (and the "match k of N" count beside them),
 * and `E`, the next error line. One runs at a time; a new one stops the one running.
 */
export class SessionSearch {
  private abort: AbortController | null = null;
  /** Counts the lines holding the last search's text (one scan per query, shared by n and N). */
  private counter: { query: string; filter: LineFilter; unsubscribe: () => void } | null = null;

  constructor(private readonly host: SearchHost) {}

  /** A search or E is running (esc stops it). */
  get running(): boolean {
    return this.abort !== null;
  }

  /** `/`: searches the whole file from the line after the cursor, wrapping round the end. */
  search(query: string, direction: 1 | -1 = 1): void {
    const host = this.host;
    if (query === '') {
      this.stopCounter();
      host.setState({ search: null });
      return;
    }
    this.stop();
    if (this.counter?.query !== query) this.startCounter(query);
    const controller = new AbortController();
    this.abort = controller;
    const from = host.getState().cursor;
    const publish = throttle(100);
    host.setState({
      search: {
        query,
        direction,
        status: 'running',
        progress: null,
        line: null,
        wrapped: false,
        error: null,
        matches: null,
        shown: true,
      },
      notice: null,
    });
    const done = (patch: Partial<SearchState>) => {
      if (this.abort !== controller || host.disposed()) return;
      this.abort = null;
      const current = host.getState().search;
      if (current) host.setState({ search: { ...current, ...patch, shown: true } });
      this.publishCount();
    };
    findText(host.document, query, {
      from,
      direction,
      wrap: true,
      signal: controller.signal,
      onProgress: (progress) => {
        if (this.abort !== controller || !publish()) return;
        const current = host.getState().search;
        if (current) host.setState({ search: { ...current, progress } });
      },
    }).then(
      (hit) => {
        if (controller.signal.aborted) return done({ status: 'cancelled' });
        if (!hit) return done({ status: 'notFound' });
        if (this.abort !== controller) return;
        host.show(hit.line);
        done({ status: 'found', line: hit.line, wrapped: hit.wrapped });
      },
      (error: unknown) =>
        done(controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: messageOf(error) }),
    );
  }

  /** n and N: the last search's text again, forward (n) or backward (N). */
  searchAgain(direction: 1 | -1): void {
    const last = this.host.getState().search;
    if (!last) {
      this.host.notify('No search yet: / searches.', 'info');
      return;
    }
    this.search(last.query, direction);
  }

  /**
   * `E`: the next error line after the cursor (in file order, no wrap; on a file still arriving it
   * waits for more). Runs in the background like a search, and esc stops it the same way.
   */
  nextError(): void {
    const host = this.host;
    this.stop();
    const controller = new AbortController();
    this.abort = controller;
    const from = host.getState().cursor;
    const publish = throttle(100);
    host.setState({ seeking: { progress: null } });
    const finish = (notice: Notice | null): boolean => {
      if (this.abort !== controller || host.disposed()) return false;
      this.abort = null;
      host.setState({ seeking: null, notice });
      return true;
    };
    findLine(host.document, isErrorLine, {
      from,
      direction: 1,
      signal: controller.signal,
      onProgress: (progress) => {
        if (this.abort === controller && publish()) host.setState({ seeking: { progress } });
      },
    }).then(
      (line) => {
        if (line === null) {
          finish({ text: `No error after line ${(from + 1).toLocaleString('en-US')}.`, tone: 'info' });
          return;
        }
        if (!finish(null)) return;
        host.show(line);
      },
      (error: unknown) => {
        finish(
          controller.signal.aborted
            ? { text: 'Stopped looking for the next error.', tone: 'info' }
            : { text: `Could not look for errors: ${messageOf(error)}`, tone: 'danger' },
        );
      },
    );
  }

  /** esc: aborts the running search, which then says it was cancelled. False when none runs. */
  cancel(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** The session closes: the search and the count stop. */
  dispose(): void {
    this.abort?.abort();
    this.stopCounter();
  }

  /** A new search or E replaces the one running: the old one is stopped and says so. */
  private stop(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.abort = null;
    const { search, seeking } = this.host.getState();
    if (search?.status === 'running') this.host.setState({ search: { ...search, status: 'cancelled' } });
    if (seeking) this.host.setState({ seeking: null });
  }

  /** Counts the lines holding `query`, with the same rule as findText (any case), in the background. */
  private startCounter(query: string): void {
    this.stopCounter();
    const needle = query.toLowerCase();
    const filter = new LineFilter(this.host.document, (text) => text.toLowerCase().includes(needle));
    this.counter = { query, filter, unsubscribe: filter.subscribe(() => this.publishCount()) };
  }

  private stopCounter(): void {
    this.counter?.unsubscribe();
    this.counter?.filter.dispose();
    this.counter = null;
  }

  /** "match k of N" for the search's line, as far as the count has got. */
  private publishCount(): void {
    const search = this.host.getState().search;
    const counter = this.counter;
    if (this.host.disposed() || !search || !counter || counter.query !== search.query || search.status === 'running')
      return;
    const { filter } = counter;
    const { done, scannedLines } = filter.getState();
    let index: number | null = null;
    if (search.line !== null && scannedLines > search.line) {
      const at = filter.indexOfLineAtOrAfter(search.line);
      index = at < filter.count && filter.matchAt(at) === search.line ? at : null;
    }
    const matches: MatchCount = { total: filter.count, done, index };
    const before = search.matches;
    if (before && before.total === matches.total && before.done === matches.done && before.index === matches.index)
      return;
    this.host.setState({ search: { ...search, matches } });
  }
}
