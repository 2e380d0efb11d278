// What the results pager shows (ResultsSession in session.ts is its only writer): the document, the
// input it is joined with, where the reader is, a search, the errors-only filter and a save.
import type { Batch, FileObject } from '../../../api/index.js';
import type { SavePlaces } from '../../places.js';
import type { InputIndex } from '../input-index.js';
import type { DocumentState, LineDocument, ScanProgress } from '../types.js';
import type { TaskState } from './save.js';

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

export type { SaveWhat, TaskState } from './save.js';

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
