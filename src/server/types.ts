/**
 * Records the server keeps. They hold milliseconds and internal bookkeeping; `flavor.ts` turns them
 * into the objects the API sends, so the wire format lives in one place.
 */

export type Flavor = 'openai' | 'fizz';

export type BatchStatus =
  'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export const TERMINAL_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

export type Endpoint =
  '/v1/chat/completions' | '/v1/completions' | '/v1/embeddings' | '/v1/responses' | '/v1/moderations';

export interface FileRecord {
  id: string;
  /** Creation order; breaks ties between files created in the same millisecond. */
  seq: number;
  createdMs: number;
  bytes: number;
  filename: string;
  purpose: string;
  /** Unix seconds, or null for files that never expire. */
  expiresAt: number | null;
  /**
   * Deleted through the API but still read by a batch that has not finished: hidden from every
   * route, removed from disk once no running batch needs it.
   */
  deleted?: boolean;
}

export interface BatchErrorEntry {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

export interface TokenTotals {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

export interface RequestCounts {
  total: number;
  completed: number;
  failed: number;
}

/** What validating the input file found; kept so the rest of the lifecycle is pure arithmetic. */
export interface ValidationOutcome {
  /** Request lines in the file (valid or not). */
  total: number;
  errors: BatchErrorEntry[] | null;
  model: string | null;
  /** Sorted indices (0-based, in file order) of requests that end in the error file. */
  failing: number[];
  /** Token usage of all the requests that succeed, to show usage growing while the batch runs. */
  planned: TokenTotals;
}

/** Simulation settings frozen at creation, so a restart with other options does not rewrite history. */
export interface SimSettings {
  speed: number;
  requestsPerSecond: number;
  failRate: number;
  /** Overrides of the simulated durations (seconds before `speed`), used by the demo data. */
  validationSeconds: number | null;
  finalizingSeconds: number | null;
  cancellingSeconds: number | null;
}

/** Milliseconds since the epoch; null until the batch gets there. */
export interface BatchTimes {
  created: number;
  expires: number;
  in_progress: number | null;
  finalizing: number | null;
  completed: number | null;
  failed: number | null;
  expired: number | null;
  cancelling: number | null;
  cancelled: number | null;
}

export interface BatchRecord {
  id: string;
  seq: number;
  endpoint: Endpoint;
  inputFileId: string;
  completionWindow: string;
  status: BatchStatus;
  metadata: Record<string, string> | null;
  /** Seconds after their creation that the output and error files expire (default 30 days). */
  outputExpiresAfter: number | null;
  outputFileId: string | null;
  errorFileId: string | null;
  errors: BatchErrorEntry[] | null;
  model: string | null;
  times: BatchTimes;
  counts: RequestCounts;
  usage: TokenTotals;
  sim: SimSettings;
  validation: ValidationOutcome | null;
}

export const ZERO_TOKENS: Readonly<TokenTotals> = Object.freeze({ input: 0, cached: 0, output: 0, reasoning: 0 });

/** Adds `more` into `sum`. */
export function addTokens(sum: TokenTotals, more: Readonly<TokenTotals>): void {
  sum.input += more.input;
  sum.cached += more.cached;
  sum.output += more.output;
  sum.reasoning += more.reasoning;
}
