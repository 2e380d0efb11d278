// The results pager outside React: the document on screen and the input file it
// is joined with, where the reader is, the search running in the background, the errors-only
// filter, and save/export. The screen shows `getState()` and calls the methods; it never reads a
// file or calls the API itself.
import type { Batch, FileObject } from '../../api/index.js';
import { Observable } from '../observable.js';
import type { SavePlaces } from '../places.js';
import type { InputIndex } from './input-index.js';
import { LineFilter } from './line-filter.js';
import { isErrorLine } from './record.js';
import { findLine, findText } from './search.js';
import { RecordCache, type LoadedRecord } from './session-records.js';
import { messageOf, share, throttle } from './session-format.js';
import { SaveTasks, type SaveWhat, type TaskState } from './session-save.js';
import type { DocumentState, LineDocument, ScanProgress } from './types.js';

/** What the pager was opened on, as the console's routes name it. */
export type ResultsSource = { kind: 'job'; job: Batch; file: 'output' | 'error' } | { kind: 'file'; file: FileObject };

/** What the lines are: results of a job (output or error file), or batch requests (an input file). */
export type ResultsKind = 'output' | 'error' | 'input' | 'results';

export type InputState =
  /** Not joined; `reason` is said once in the title area (null: nothing to say, e.g. an input file). */
  | { status: 'off'; reason: string | null }
  /** `stalledMs`: the input's download has sent nothing for this long (r retries it). */
  | { status: 'indexing'; lines: number; progress: ScanProgress | null; stalledMs: number | null }
  | { status: 'ready'; lines: number; duplicates: number }
  /** `retry`: r asks for the input file again (its download failed). */
  | { status: 'failed'; reason: string; retry: boolean }
  /** A joined export (`J`): each line carries its own request, no input file is needed. */
  | { status: 'carried' };

export interface SearchState {
  query: string;
  /** 1: forward (`/` and n), -1: backward (N). */
  direction: 1 | -1;
  status: 'running' | 'found' | 'notFound' | 'cancelled' | 'failed';
  progress: ScanProgress | null;
  /** Where the last match is. */
  line: number | null;
  /** The match was found after going round the end (or the start) of the file. */
  wrapped: boolean;
  error: string | null;
  /** Lines holding the text, counted in the background: "match k of N". Null before the count starts. */
  matches: MatchCount | null;
  /**
   * The outcome is still news on the status row. Like every pager message it goes with the next
   * key (dismissNotice); the search itself stays, for n, N and the highlight.
   */
  shown: boolean;
}

export interface MatchCount {
  /** Lines holding the text found so far (all of them once `done`). */
  total: number;
  done: boolean;
  /** Which of them the last match is (0-based); null while the count has not reached it. */
  index: number | null;
}

export interface FilterState {
  /** Error lines found so far. */
  matches: number;
  done: boolean;
  progress: ScanProgress | null;
}

export type { SaveWhat, TaskState } from './session-save.js';

export interface Notice {
  text: string;
  tone: 'info' | 'success' | 'warning' | 'danger';
}

export interface ResultsState {
  document: DocumentState;
  kind: ResultsKind;
  input: InputState;
  /** The record at the top of the screen (0-based line). */
  cursor: number;
  /** Rows of that record scrolled past (PgDn through a record taller than the screen). */
  row: number;
  search: SearchState | null;
  /** `E` is looking for the next error line (esc stops it). */
  seeking: { progress: ScanProgress | null } | null;
  /** The errors-only filter, while it is on. */
  filter: FilterState | null;
  task: TaskState | null;
  notice: Notice | null;
  /** Bumped whenever records arrive, so the screen reads them again. */
  records: number;
}

export interface ResultsSessionOptions {
  document: LineDocument;
  /** Null: decided from the first line (a request is an input file) and the name. */
  kind?: ResultsKind | null;
  /** The input file the results are joined with, already indexed or being indexed. */
  input?: { document: LineDocument; index: InputIndex } | null;
  /** Why there is no input to join, when there is none. */
  inputNote?: string | null;
  /** Where `s` proposes to save (the last save directory, …: see Places.proposeSaveDir), told where saves go. */
  places: SavePlaces;
  /** What else to close with the session (documents and indexes opened for it). */
  onDispose?: () => Promise<void> | void;
}

/** How many records are read ahead of and behind the screen, so moving never waits for the disk. */
const READ_AHEAD = 16;

export class ResultsSession extends Observable<ResultsState> {
  private readonly document: LineDocument;
  private readonly input: { document: LineDocument; index: InputIndex } | null;
  private readonly cache: RecordCache;
  private filter: LineFilter | null = null;
  /** G on a file still arriving: the cursor stays on the last line as more arrive. */
  private following = false;
  private searchAbort: AbortController | null = null;
  /** Counts the lines holding the last search's text (one scan per query, shared by n and N). */
  private counter: { query: string; filter: LineFilter; unsubscribe: () => void } | null = null;
  private readonly saves: SaveTasks;
  private readonly unsubscribers: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly options: ResultsSessionOptions) {
    const kind = options.kind ?? null;
    super({
      document: options.document.getState(),
      kind: kind ?? guessKind(options.document.name),
      input: options.input
        ? { status: 'indexing', lines: 0, progress: null, stalledMs: null }
        : { status: 'off', reason: options.inputNote ?? null },
      cursor: 0,
      row: 0,
      search: null,
      seeking: null,
      filter: null,
      task: null,
      notice: null,
      records: 0,
    });
    this.document = options.document;
    this.input = options.input ?? null;
    this.saves = new SaveTasks({
      document: this.document,
      input: this.input,
      places: options.places,
      task: () => this.getState().task,
      report: (task) => {
        if (!this.disposed) this.setState({ task });
      },
    });
    this.cache = new RecordCache({
      document: this.document,
      input: this.input?.index ?? null,
      onChange: () => this.onRecords(kind === null),
      onError: (error) => this.notify(`Could not read ${this.document.name}: ${messageOf(error)}`, 'danger'),
    });
    this.unsubscribers.push(this.document.subscribe(() => this.onDocument()));
    if (this.input) {
      const { index, document } = this.input;
      const onInput = () => this.onInput();
      this.unsubscribers.push(index.subscribe(onInput), document.subscribe(onInput));
      this.onInput();
    }
  }

  /** The document's short name (file name or id), for titles. */
  get name(): string {
    return this.document.name;
  }

  // --- reading ---------------------------------------------------------------------------------

  /** The record of a line if it is loaded (the screen asks for it with `want`). */
  record(line: number): LoadedRecord | undefined {
    return this.cache.get(line);
  }

  /** The screen shows these lines: read them (and a few around them) if they are not loaded yet. */
  want(lines: readonly number[]): void {
    if (lines.length === 0) return;
    const first = lines[0]!;
    const last = lines.at(-1)!;
    this.cache.ensure([...this.linesBefore(first, READ_AHEAD), ...lines, ...this.linesFrom(last + 1, READ_AHEAD)]);
  }

  /** The lines the pager stacks from `line` on: every line, or (errors only) the error lines. */
  linesFrom(line: number, count: number): number[] {
    const out: number[] = [];
    if (this.filter) {
      const start = this.filter.indexOfLineAtOrAfter(line);
      for (let i = start; i < this.filter.count && out.length < count; i++) out.push(this.filter.matchAt(i));
      return out;
    }
    const total = this.getState().document.lines;
    for (let i = Math.max(0, line); i < total && out.length < count; i++) out.push(i);
    return out;
  }

  /** Up to `count` lines before `line`, nearest last. */
  linesBefore(line: number, count: number): number[] {
    if (this.filter) {
      const end = this.filter.indexOfLineAtOrAfter(line);
      const out: number[] = [];
      for (let i = Math.max(0, end - count); i < end; i++) out.push(this.filter.matchAt(i));
      return out;
    }
    const out: number[] = [];
    for (let i = Math.max(0, line - count); i < Math.min(line, this.getState().document.lines); i++) out.push(i);
    return out;
  }

  // --- moving ----------------------------------------------------------------------------------

  moveTo(line: number, row = 0): void {
    this.following = false;
    const lines = this.getState().document.lines;
    const cursor = Math.max(0, Math.min(line, Math.max(0, lines - 1)));
    this.setState({ cursor, row: Math.max(0, row), notice: null });
  }

  /** By records: in the errors-only view, from error to error. */
  moveBy(records: number): void {
    const { cursor } = this.getState();
    if (records > 0) {
      const next = this.linesFrom(cursor + 1, records).at(-1);
      if (next !== undefined) this.moveTo(next);
      else this.setState({ row: 0 });
    } else if (records < 0) {
      const previous = this.linesBefore(cursor, -records)[0];
      if (previous !== undefined) this.moveTo(previous);
      else this.setState({ row: 0 });
    }
  }

  first(): void {
    const first = this.linesFrom(0, 1)[0];
    this.moveTo(first ?? 0);
  }

  /**
   * G: the last record. While the file is still arriving (indexing, downloading) the cursor keeps
   * to the last line so far and follows the end as lines arrive, like `less +G`, until the file is
   * complete or another key moves it.
   */
  last(): void {
    const { document } = this.getState();
    const last = this.filter
      ? this.filter.count > 0
        ? this.filter.matchAt(this.filter.count - 1)
        : null
      : document.lines - 1;
    if (last === null || last < 0) {
      this.setState({ row: 0 });
      return;
    }
    this.moveTo(last);
    if (!document.complete && !this.filter) {
      this.following = true;
      this.notify(followingNotice(document), 'info');
    }
  }

  /** `:` — a line number as the user typed it (1-based, digits and separators). */
  jump(text: string): void {
    const wanted = Number(text.replace(/[,_\s]/g, ''));
    const { document } = this.getState();
    if (!Number.isSafeInteger(wanted) || wanted < 1) {
      this.notify(`Not a line number: '${text}'.`, 'warning');
      return;
    }
    if (wanted > document.lines) {
      // Like less: past the end is the end. The notice says where the reader landed and why.
      const have = `${document.lines.toLocaleString('en-US')} line${document.lines === 1 ? '' : 's'}`;
      const text = document.complete
        ? `Line ${wanted.toLocaleString('en-US')} is past the end: the file has ${have}; showing the last.`
        : `Line ${wanted.toLocaleString('en-US')} has not arrived yet: ${have} so far; showing the last.`;
      if (document.lines === 0) {
        this.notify(text.replace(/; showing the last\.$/, '.'), 'warning');
        return;
      }
      if (this.filter) this.stopFilter();
      this.moveTo(document.lines - 1);
      this.notify(text, 'warning');
      return;
    }
    // The errors-only view shows only error lines: jumping elsewhere shows every line again.
    if (this.filter && !this.isMatch(wanted - 1)) this.stopFilter();
    this.moveTo(wanted - 1);
  }

  // --- search ----------------------------------------------------------------------------------

  /** `/`: searches the whole file from the line after the cursor, wrapping round the end. */
  search(query: string, direction: 1 | -1 = 1): void {
    if (query === '') {
      this.stopCounter();
      this.setState({ search: null });
      return;
    }
    this.stopSearch();
    if (this.counter?.query !== query) this.startCounter(query);
    const controller = new AbortController();
    this.searchAbort = controller;
    const from = this.getState().cursor;
    const publish = throttle(100);
    this.setState({
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
      if (this.searchAbort !== controller || this.disposed) return;
      this.searchAbort = null;
      const current = this.getState().search;
      if (current) this.setState({ search: { ...current, ...patch, shown: true } });
      this.publishCount();
    };
    findText(this.document, query, {
      from,
      direction,
      wrap: true,
      signal: controller.signal,
      onProgress: (progress) => {
        if (this.searchAbort !== controller || !publish()) return;
        const current = this.getState().search;
        if (current) this.setState({ search: { ...current, progress } });
      },
    }).then(
      (hit) => {
        if (controller.signal.aborted) return done({ status: 'cancelled' });
        if (!hit) return done({ status: 'notFound' });
        if (this.searchAbort !== controller) return;
        // A match outside the errors-only view is shown with every line around it.
        if (this.filter && !this.isMatch(hit.line)) this.stopFilter();
        this.moveTo(hit.line);
        done({ status: 'found', line: hit.line, wrapped: hit.wrapped });
      },
      (error: unknown) =>
        done(controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: messageOf(error) }),
    );
  }

  /** n and N: the last search's text again, forward (n) or backward (N). */
  searchAgain(direction: 1 | -1): void {
    const last = this.getState().search;
    if (!last) {
      this.notify('No search yet: / searches.', 'info');
      return;
    }
    this.search(last.query, direction);
  }

  /**
   * `E`: the next error line after the cursor (in file order, no wrap; on a file still arriving it
   * waits for more). Runs in the background like a search, and esc stops it the same way.
   */
  nextError(): void {
    this.stopSearch();
    const controller = new AbortController();
    this.searchAbort = controller;
    const from = this.getState().cursor;
    const publish = throttle(100);
    this.setState({ seeking: { progress: null } });
    const finish = (notice: Notice | null): boolean => {
      if (this.searchAbort !== controller || this.disposed) return false;
      this.searchAbort = null;
      this.setState({ seeking: null, notice });
      return true;
    };
    findLine(this.document, isErrorLine, {
      from,
      direction: 1,
      signal: controller.signal,
      onProgress: (progress) => {
        if (this.searchAbort === controller && publish()) this.setState({ seeking: { progress } });
      },
    }).then(
      (line) => {
        if (line === null) {
          finish({ text: `No error after line ${(from + 1).toLocaleString('en-US')}.`, tone: 'info' });
          return;
        }
        if (!finish(null)) return;
        if (this.filter && !this.isMatch(line)) this.stopFilter();
        this.moveTo(line);
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

  /** Counts the lines holding `query`, with the same rule as findText (any case), in the background. */
  private startCounter(query: string): void {
    this.stopCounter();
    const needle = query.toLowerCase();
    const filter = new LineFilter(this.document, (text) => text.toLowerCase().includes(needle));
    this.counter = { query, filter, unsubscribe: filter.subscribe(() => this.publishCount()) };
  }

  private stopCounter(): void {
    this.counter?.unsubscribe();
    this.counter?.filter.dispose();
    this.counter = null;
  }

  /** "match k of N" for the search's line, as far as the count has got. */
  private publishCount(): void {
    const search = this.getState().search;
    const counter = this.counter;
    if (this.disposed || !search || !counter || counter.query !== search.query || search.status === 'running') return;
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
    this.setState({ search: { ...search, matches } });
  }

  /** A new search or E replaces the one running: the old one is stopped and says so. */
  private stopSearch(): void {
    if (!this.searchAbort) return;
    this.searchAbort.abort();
    this.searchAbort = null;
    const { search, seeking } = this.getState();
    if (search?.status === 'running') this.setState({ search: { ...search, status: 'cancelled' } });
    if (seeking) this.setState({ seeking: null });
  }

  // --- errors only -----------------------------------------------------------------------------

  /** `x`: only the error lines (found by a background scan that follows a growing file), or all again. */
  toggleErrorsOnly(): void {
    if (this.filter) {
      this.stopFilter();
      this.notify('Showing every line.', 'info');
      return;
    }
    const filter = new LineFilter(this.document, isErrorLine);
    this.filter = filter;
    const cursorAtStart = this.getState().cursor;
    let placed = false;
    const onFilter = () => {
      if (this.filter !== filter) return;
      const state = filter.getState();
      this.setState({ filter: { matches: state.matches, done: state.done, progress: state.progress } });
      // The view starts at the first error at or after where the reader was, once one is known.
      if (!placed && filter.count > 0) {
        const index = filter.indexOfLineAtOrAfter(cursorAtStart);
        if (index < filter.count || state.done) {
          placed = true;
          this.moveTo(filter.matchAt(Math.min(index, filter.count - 1)));
        }
      }
    };
    this.filterUnsubscribe = filter.subscribe(onFilter);
    onFilter();
  }

  private filterUnsubscribe: (() => void) | null = null;

  /** Where a line is among the error lines (0-based), while the errors-only view is on. */
  filterPosition(line: number): number | null {
    if (!this.filter || !this.isMatch(line)) return null;
    return this.filter.indexOfLineAtOrAfter(line);
  }

  private stopFilter(): void {
    this.filterUnsubscribe?.();
    this.filterUnsubscribe = null;
    this.filter?.dispose();
    this.filter = null;
    this.setState({ filter: null });
  }

  private isMatch(line: number): boolean {
    if (!this.filter) return true;
    const index = this.filter.indexOfLineAtOrAfter(line);
    return index < this.filter.count && this.filter.matchAt(index) === line;
  }

  // --- save ------------------------------------------------------------------------------------

  /** The path `s` (or `J`) proposes: the file's name (or id) in the proposed directory. */
  defaultSavePath(what: SaveWhat): string {
    return this.saves.defaultPath(what);
  }

  /**
   * Saves the file (or the joined export) to `path`. Without `overwrite`, an existing destination
   * is not touched: the task says 'exists' and the screen asks; without `createDir`, neither is a
   * missing directory made: the task says 'noDirectory'.
   */
  save(what: SaveWhat, path: string, options: { overwrite?: boolean; createDir?: boolean } = {}): Promise<void> {
    return this.saves.save(what, path, options);
  }

  /** "exists — overwrite?" answered no: the file stays as it is. */
  declineOverwrite(): void {
    this.saves.declineOverwrite();
  }

  /** The save result is read; the line under the pager goes back to the position. */
  dismissTask(): void {
    if (this.getState().task?.status === 'running') return;
    this.setState({ task: null });
  }

  // --- the rest ------------------------------------------------------------------------------

  /** esc while a search or a save runs: stops it (what was found or written so far is dropped). */
  cancel(): boolean {
    if (this.saves.cancel()) return true;
    if (this.searchAbort) {
      this.searchAbort.abort();
      return true;
    }
    return false;
  }

  /** A search or a save is running (esc cancels it). */
  get busy(): boolean {
    return this.searchAbort !== null || this.saves.running;
  }

  /**
   * `r` after a failed or stalled download, of the file or of the input file it is joined with:
   * each resumes where it stopped (a stalled one is asked again, not waited for).
   */
  retry(): void {
    const { document } = this.getState();
    const file = retryable(this.document);
    const input = this.input ? retryable(this.input.document) : null;
    if (!file && !input) {
      this.notify(
        document.complete
          ? 'Nothing to retry: the whole file is here.'
          : 'Nothing to retry: the file is still arriving.',
        'info',
      );
      return;
    }
    file?.();
    if (input) {
      input();
      // The index stopped with the download's error: it starts again on the retried download.
      this.input?.index.resume();
    }
    this.notify(
      file && input
        ? 'Retrying both downloads (the file and its input)…'
        : input
          ? "Retrying the input file's download…"
          : 'Retrying the download…',
      'info',
    );
  }

  /**
   * A key was pressed: the last outcome (a notice, a search's result) is no longer news. Every
   * pager message follows this one rule; what is still running (a search, a save, a download)
   * keeps saying so until it ends.
   */
  dismissNotice(): void {
    const { notice, search } = this.getState();
    if (notice) this.setState({ notice: null });
    if (search?.shown && search.status !== 'running') this.setState({ search: { ...search, shown: false } });
  }

  /** Stops everything and closes what the session opened. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.searchAbort?.abort();
    this.saves.cancel();
    this.stopFilterQuietly();
    this.stopCounter();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.cache.dispose();
    this.clearListeners();
    await this.options.onDispose?.();
  }

  private stopFilterQuietly(): void {
    this.filterUnsubscribe?.();
    this.filter?.dispose();
    this.filter = null;
  }

  private onDocument(): void {
    if (this.disposed) return;
    const document = this.document.getState();
    if (!this.following) {
      this.setState({ document });
      return;
    }
    const done = document.complete || document.error !== null;
    this.setState({
      document,
      cursor: Math.max(0, document.lines - 1),
      row: 0,
      notice: done ? null : { text: followingNotice(document), tone: 'info' },
    });
    if (done) this.following = false;
  }

  private onInput(): void {
    if (this.disposed || !this.input) return;
    const { index, document } = this.input;
    const state = index.getState();
    const docState = document.getState();
    let input: InputState;
    if (state.error || (docState.error && docState.lines === 0)) {
      input = {
        status: 'failed',
        reason: inputFailure(state.error ?? docState.error),
        retry: retryable(document) !== null,
      };
    } else if (state.done) {
      input = { status: 'ready', lines: state.indexedLines, duplicates: state.duplicates };
    } else {
      input = {
        status: 'indexing',
        lines: state.indexedLines,
        progress: state.progress,
        stalledMs: docState.stalledMs ?? null,
      };
    }
    const before = this.getState().input;
    this.setState({ input });
    // A record that waited for its input may have it now.
    if (before.status !== 'indexing' || input.status !== 'indexing' || before.lines !== input.lines)
      this.cache.rejoinPending();
  }

  private onRecords(guess: boolean): void {
    if (this.disposed) return;
    const patch: Partial<ResultsState> = { records: this.getState().records + 1 };
    const firstRecord = this.cache.get(0)?.record;
    if (guess) {
      // The first line says what the file is, unless its name said it already. An error first
      // says little: output files of some servers (vLLM) hold errors too.
      const first = firstRecord?.kind;
      if (first === 'input') patch.kind = 'input';
      else if (first === 'output' && this.getState().kind === 'results') patch.kind = 'output';
    }
    // The file says it holds its requests (a joined export): the title says so instead of "not joined".
    if (
      this.getState().input.status === 'off' &&
      firstRecord &&
      (firstRecord.kind === 'output' || firstRecord.kind === 'error') &&
      firstRecord.joinedRequest !== undefined
    ) {
      patch.input = { status: 'carried' };
    }
    this.setState(patch);
  }

  /** A message on the status row until the next key (dismissNotice). */
  notify(text: string, tone: Notice['tone']): void {
    if (!this.disposed) this.setState({ notice: { text, tone } });
  }
}

/** The document's retry, when it has one and its download failed or stalled; null otherwise. */
function retryable(document: LineDocument): (() => void) | null {
  const retry = (document as { retry?: () => void }).retry;
  const state = document.getState();
  if (!retry || state.complete || (!state.error && !state.stalledMs)) return null;
  return () => retry.call(document);
}

function followingNotice(document: DocumentState): string {
  const how = document.origin === 'network' ? `downloading, ${share(document)}` : `indexing, ${share(document)}`;
  return `Following the end as it arrives (${how}); any move stops.`;
}

/** A name like batch_abc_error.jsonl says error; otherwise results until the first line says more. */
function guessKind(name: string): ResultsKind {
  if (/error/i.test(name)) return 'error';
  if (/output/i.test(name)) return 'output';
  return 'results';
}

/** "the job's input file is gone" for a 404; the error's own words otherwise. */
function inputFailure(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404) return "the job's input file is gone";
  return `the input file could not be read: ${messageOf(error)}`;
}
