import type { Problem } from './report.js';

export interface CheckOptions {
  maxRequests: number;
  maxBytes: number;
  knownEndpoints: readonly string[];
  /** Problems kept per code with their details; the rest are counted. */
  examplesPerCode: number;
  /** What the provider takes (see ModelsPerFile): several models in a file is an error, nothing, or a warning. */
  modelsPerFile: ModelsPerFile;
}

/**
 * How many models the provider takes in one batch file: OpenAI refuses a file with two
 * (`mismatched_model`), fizz.ai takes several; 'unknown' for any other, so the report warns.
 */
export type ModelsPerFile = 'one' | 'several' | 'unknown';

export interface ValidationReport {
  path: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Lines in the file, blank ones included. */
  lines: number;
  /** Request lines: every line that is not blank, valid or not. */
  requests: number;
  /** The endpoint the lines use (the first supported `url`), or null. */
  endpoint: string | null;
  /** Models named by the lines, most used first. */
  models: Array<{ model: string; count: number }>;
  /** The line each model is first named on: where a warning about the model points. */
  firstLineOfModel: ReadonlyMap<string, number>;
  /**
   * An estimate of the input tokens: characters of message contents and inputs ÷ 4. Real counts
   * depend on the model's tokenizer; use it for an order of magnitude, not a bill.
   */
  estimatedInputTokens: number;
  /** The first problems of each code (see `counts` for how many there are in all). */
  errors: Problem[];
  warnings: Problem[];
  errorCount: number;
  warningCount: number;
  /** Every problem counted per code, errors and warnings alike. */
  counts: Record<string, number>;
}
