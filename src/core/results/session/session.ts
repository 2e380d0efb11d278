// The results pager outside React: the document on screen and the input file it
// is joined with, where the reader is, the search running in the background, the errors-only
// filter, and save/export. The screen shows `getState()` and calls the methods; it never reads a
// file or calls the API itself.
import { Observable } from '../../observable.js';
import type { InputIndex } from '../input-index.js';
import type { LineDocument } from '../types.js';
import { ErrorsOnly } from './errors-only.js';
import { messageOf } from '../../../api/index.js';
import { followingNotice, guessKind, inputStateOf, pastTheEnd, whatTheFirstRecordSays } from './notes.js';
import { retryDownloads } from './retry.js';
import { RecordCache, type LoadedRecord } from './records.js';
import { SaveTasks, type SaveWhat } from './save.js';
import { SessionSearch } from './search.js';
import type { Notice, ResultsSessionOptions, ResultsState } from './state.js';

/** How many records are read ahead of and behind the screen, so moving never waits for the disk. */
const READ_AHEAD = 16;

export class ResultsSession extends Observable<ResultsState> {
  private readonly document: LineDocument;
  private readonly input: { document: LineDocument; index: InputIndex } | null;
  private readonly cache: RecordCache;
  private readonly saves: SaveTasks;
  private readonly searches: SessionSearch;
  private readonly errorsOnly: ErrorsOnly;
  /** G on a file still arriving: the cursor stays on the last line as more arrive. */
  private following = false;
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
    this.searches = new SessionSearch({
      document: this.document,
      getState: () => this.getState(),
      setState: (patch) => this.setState(patch),
      disposed: () => this.disposed,
      show: (line) => this.show(line),
      notify: (text, tone) => this.notify(text, tone),
    });
    this.errorsOnly = new ErrorsOnly({
      document: this.document,
      cursor: () => this.getState().cursor,
      publish: (filter) => this.setState({ filter }),
      moveTo: (line) => this.moveTo(line),
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
    return this.errorsOnly.linesFrom(line, count, this.getState().document.lines);
  }

  /** Up to `count` lines before `line`, nearest last. */
  linesBefore(line: number, count: number): number[] {
    return this.errorsOnly.linesBefore(line, count, this.getState().document.lines);
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
    const errors = this.errorsOnly.lines;
    const last = errors ? (errors.count > 0 ? errors.matchAt(errors.count - 1) : null) : document.lines - 1;
    if (last === null || last < 0) {
      this.setState({ row: 0 });
      return;
    }
    this.moveTo(last);
    if (!document.complete && !errors) {
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
      const text = pastTheEnd(wanted, document);
      if (document.lines === 0) {
        this.notify(text.replace(/; showing the last\.$/, '.'), 'warning');
        return;
      }
      if (this.errorsOnly.on) this.errorsOnly.stop();
      this.moveTo(document.lines - 1);
      this.notify(text, 'warning');
      return;
    }
    // The errors-only view shows only error lines: jumping elsewhere shows every line again.
    if (!this.errorsOnly.shows(wanted - 1)) this.errorsOnly.stop();
    this.moveTo(wanted - 1);
  }

  // --- search (search.ts) and errors only (errors-only.ts) ----------------------------------------

  /** `/`: searches the whole file from the line after the cursor, wrapping round the end. */
  search(query: string, direction: 1 | -1 = 1): void {
    this.searches.search(query, direction);
  }

  /** n and N: the last search's text again, forward (n) or backward (N). */
  searchAgain(direction: 1 | -1): void {
    this.searches.searchAgain(direction);
  }

  /** `E`: the next error line after the cursor, looked for in the background (esc stops it). */
  nextError(): void {
    this.searches.nextError();
  }

  /** `x`: only the error lines (found by a background scan that follows a growing file), or all again. */
  toggleErrorsOnly(): void {
    if (this.errorsOnly.on) {
      this.errorsOnly.stop();
      this.notify('Showing every line.', 'info');
      return;
    }
    this.errorsOnly.start();
  }

  /** Where a line is among the error lines (0-based), while the errors-only view is on. */
  filterPosition(line: number): number | null {
    return this.errorsOnly.position(line);
  }

  /** A line found: shown, with every line around it when the errors-only view does not show it. */
  private show(line: number): void {
    if (!this.errorsOnly.shows(line)) this.errorsOnly.stop();
    this.moveTo(line);
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
    return this.searches.cancel();
  }

  /** A search or a save is running (esc cancels it). */
  get busy(): boolean {
    return this.searches.running || this.saves.running;
  }

  /**
   * `r` after a failed or stalled download, of the file or of the input file it is joined with:
   * each resumes where it stopped (a stalled one is asked again, not waited for).
   */
  retry(): void {
    this.notify(retryDownloads(this.document, this.input), 'info');
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
    this.searches.dispose();
    this.saves.cancel();
    this.errorsOnly.stopQuietly();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.cache.dispose();
    this.clearListeners();
    await this.options.onDispose?.();
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
    const input = inputStateOf(this.input);
    const before = this.getState().input;
    this.setState({ input });
    // A record that waited for its input may have it now.
    if (before.status !== 'indexing' || input.status !== 'indexing' || before.lines !== input.lines)
      this.cache.rejoinPending();
  }

  private onRecords(guess: boolean): void {
    if (this.disposed) return;
    const state = this.getState();
    this.setState({ records: state.records + 1, ...whatTheFirstRecordSays(this.cache.get(0)?.record, state, guess) });
  }

  /** A message on the status row until the next key (dismissNotice). */
  notify(text: string, tone: Notice['tone']): void {
    if (!this.disposed) this.setState({ notice: { text, tone } });
  }
}
