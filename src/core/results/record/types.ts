import type { ResultLineError } from '../../../api/index.js';

/**
 * One line of an output, error or input file as the pager's record view shows it.
 * Every provider quirk of output lines is absorbed here: output bodies
 * given as JSON strings, no `error` key, vLLM's string errors, llama-stack's `{type, message}`
 * errors with no response. A line that cannot be read is a record too ('invalid', with the
 * reason): nothing here throws.
 */

export interface TokenUsage {
  prompt: number | null;
  completion: number | null;
  total: number | null;
}

export interface InputMessage {
  role: string;
  /** The content as text: parts joined by newlines, images as "[image]", tool calls summarised. */
  text: string;
}

/** A batch input line, summarised for the view beside its result. */
export interface InputRequest {
  customId: string | null;
  method: string | null;
  url: string | null;
  model: string | null;
  /** Chat messages; for the responses endpoint, its instructions and input items. */
  messages: InputMessage[];
  /** Embeddings and completions input (`input`, `prompt`), summarised; null when there is none. */
  input: string | null;
  /** The other body fields, each as a short string: temperature → "0.2", tools → "[{…" cut. */
  params: Record<string, string>;
}

interface RecordBase {
  /** 0-based line number. */
  line: number;
  /** The line's text (only its beginning when the line was read cut). */
  raw: string;
  /** The whole line's size in bytes. */
  bytes: number;
  /** The parsed line for the raw JSON view; undefined when it is not JSON or was not parsed. */
  json: unknown;
  /** Tolerated oddities worth showing next to the record, e.g. "body was a JSON string". */
  flags: string[];
  customId: string | null;
}

/** A line of a joined export (`J`) carries its request: no input file is needed to show it. */
interface CarriedRequest {
  /** The request of a joined export's line (null: the export had none); undefined for other lines. */
  joinedRequest?: InputRequest | null;
}

export interface OutputRecord extends RecordBase, CarriedRequest {
  kind: 'output';
  /** The line's own `id` (batch_req_…). */
  lineId: string | null;
  requestId: string | null;
  statusCode: number | null;
  model: string | null;
  /** The assistant's answer as text (see summariseBody); null when the body holds none we know. */
  message: string | null;
  /** Who speaks the answer ("assistant"), shown like the request's roles; null for data (embeddings). */
  role: string | null;
  finishReason: string | null;
  usage: TokenUsage | null;
  /** How many choices the body has (chat and completions; 0 otherwise). */
  choices: number;
}

export interface ErrorRecord extends RecordBase, CarriedRequest {
  kind: 'error';
  lineId: string | null;
  requestId: string | null;
  statusCode: number | null;
  /** From `error` (an object or vLLM's string) or, for an HTTP failure, `response.body.error`. */
  error: ResultLineError;
}

export interface InputRecord extends RecordBase {
  kind: 'input';
  request: InputRequest;
}

export interface InvalidRecord extends RecordBase {
  kind: 'invalid';
  /** Why it is shown raw: "not JSON: Unexpected end of JSON input", "blank line", … */
  reason: string;
}

export type ResultRecord = OutputRecord | ErrorRecord | InputRecord | InvalidRecord;
