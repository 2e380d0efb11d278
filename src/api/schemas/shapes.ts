// The internal shapes of what providers send: the rest of fizz-batch consumes these, never the
// wire. The schemas beside this file turn every provider's variant into them (see batch.ts).

export type StatusClass = 'active' | 'terminal' | 'unknown';

export interface BatchError {
  code: string | null;
  message: string | null;
  param: string | null;
  /** 1-based line of the input file, when the server names one. */
  line: number | null;
}

export interface RequestCounts {
  total: number;
  completed: number;
  failed: number;
  /** Set when a count the server sent was not a number at all (it is 0 here), e.g. `completed is "abc", not a number`. */
  problem?: string;
}

export interface BatchUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

export interface Batch {
  id: string;
  object?: string;
  /** Always with the `/v1` prefix: `/chat/completions` becomes `/v1/chat/completions`. */
  endpoint: string;
  model: string | null;
  /** Lower-cased, otherwise exactly as the server sent it (e.g. `pre_schedule`). */
  status: string;
  statusClass: StatusClass;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  completionWindow: string | null;
  /** Unix seconds. */
  createdAt: number | null;
  inProgressAt: number | null;
  expiresAt: number | null;
  finalizingAt: number | null;
  completedAt: number | null;
  failedAt: number | null;
  expiredAt: number | null;
  cancellingAt: number | null;
  cancelledAt: number | null;
  requestCounts: RequestCounts;
  errors: BatchError[];
  metadata: Record<string, string>;
  usage: BatchUsage | null;
  /**
   * What the server got wrong in this job and was repaired to show it at all, e.g. "status is
   * missing" or "errors[0] is null, not an error": the row gets a ⚠ and the detail says it.
   */
  problem?: string;
  /**
   * What the provider sent for this object, as parsed JSON and NOT sanitized: only when the call
   * asked for it (`keepRaw`, for `--json --raw`), never by default.
   */
  raw?: unknown;
}

export interface FileObject {
  id: string;
  bytes: number | null;
  createdAt: number | null;
  filename: string;
  /** `batch-output` (DeepInfra) is normalized to `batch_output`. */
  purpose: string;
  status: string | null;
  expiresAt: number | null;
  /** As Batch.raw: the provider's object, only when asked. */
  raw?: unknown;
}

export interface Model {
  id: string;
  createdAt: number | null;
  ownedBy: string | null;
  /** As Batch.raw: the provider's object, only when asked. */
  raw?: unknown;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** The id to pass as `after` for the next page; null when there is no next page. */
  nextCursor: string | null;
  /** Items of this page that could not be read at all (no id): left out, counted, the first reason kept. */
  unreadable?: { count: number; reason: string };
}

export interface DeletedFile {
  id: string;
  deleted: boolean;
}

export interface ResultLineError {
  code: string | null;
  message: string | null;
}

export interface ResultLine {
  id: string | null;
  customId: string | null;
  statusCode: number | null;
  requestId: string | null;
  /** The response body, parsed when the server sent it as a JSON string (llama-stack does). */
  body: unknown;
  error: ResultLineError | null;
}
