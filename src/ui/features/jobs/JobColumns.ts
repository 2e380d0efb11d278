import type { Batch } from '../../../api/index.js';
import { countsProblem } from '../../../core/jobs/counts.js';
import { cellWidth, takeWidth, truncate } from '../../format/fit.js';
import { formatCount } from '../../format/numbers.js';
import { allFailedLabel } from '../../theme/job-look.js';

/**
 * The job table's columns: what each cell says and how wide it may be at a given width. Pure
 * functions, so the layout can be tested without rendering and every row agrees on the widths.
 */

/** Width of each column; 0 means the column is left out at this terminal width. */
export interface JobColumns {
  marker: number;
  id: number;
  status: number;
  progress: number;
  bar: number;
  failed: number;
  created: number;
  model: number;
  description: number;
  titles: JobTitles;
}

const minModel = 8;
/** "120,000/500,000": wider counts are cut in their cell (the detail shows them whole). */
const wideProgress = 15;
/** "13,579/50,000" */
const narrowProgress = 13;
/** "99,999" failed, "9,999" on narrow terminals; more is cut in its cell (the detail shows it). */
const failedWidth = 6;
const narrowFailedWidth = 5;
const minDescription = 10;
/** "Llama-3.1-8B", "DeepSeek-R1": what a model name usually needs once compacted (see fitModel). */
const compactModelWidth = 12;
/** A model name needs no more; the description takes the rest. */
const maxModel = 32;
/** OpenAI's ids are `batch_` and 32 hex digits; longer ones are cut like short ones. */
const fullIdLength = 38;
/** Full ids only when there is room to spare; below that a short id, like a short git hash. */
const shortIdLength = 8;
/** From this width the status column has room for "✗ completed · all failed" beside a description. */
const allFailedWidth = 140;
/** From this width the table shows whole ids and still keeps the model and a description. */
const fullIdWidth = 170;

/** Column titles; narrow tables use the short ones so the cells keep their room. */
export interface JobTitles {
  failed: string;
  created: string;
  model: string;
}

/**
 * Fits the columns into `width`, from the width alone and fixed maxima, never from the jobs
 * loaded: a job with a longer id or count arriving must not move every column. The fixed columns
 * (id, status, progress, failed, created) always stay; what is left goes to the model and the
 * description, and at narrow widths the description goes first, then the model.
 */
export function layoutColumns(width: number): JobColumns {
  const wide = width >= 110;
  // Room for "✗ completed · all failed" where the terminal has it; else for "▸ in progress", the
  // longest status word, with one to spare for a provider's own ("? pre schedule"), and an
  // all-failed job says "✗ all failed".
  const status = width >= allFailedWidth ? allFailedLabel.length + 2 : 'in progress'.length + 3;
  const progress = wide ? wideProgress : narrowProgress;
  const failed = wide ? failedWidth : narrowFailedWidth;
  // The longest age is 5 wide (23h59m, 99d23h); the wide title "created" is 7.
  const created = wide ? 'created'.length : 5;
  const bar = width >= 100 ? 10 : width >= 90 ? 6 : 4;
  const marker = 2;
  const id = width >= fullIdWidth ? fullIdLength : shortIdLength;
  let left = width - (marker + id + 1 + status + 1 + progress + 1 + bar + 1 + failed + 1 + created);
  let model = 0;
  let description = 0;
  if (left >= 1 + minModel + 1 + minDescription) {
    left -= 2;
    // A compact model name ("Llama-3.1-8B") before a longer description, then a third of the rest.
    model = Math.min(
      maxModel,
      Math.max(minModel, Math.min(compactModelWidth, left - 'description'.length), Math.floor(left * 0.35)),
    );
    description = left - model;
  } else if (left >= 1 + minModel) {
    model = Math.min(maxModel, left - 1);
  }
  // A job without a model shows its endpoint there, in parentheses: the title says so where it fits.
  const titles: JobTitles = {
    failed: wide ? 'failed' : 'fail',
    created: wide ? 'created' : 'age',
    model: model >= 'model (endpoint)'.length ? 'model (endpoint)' : 'model',
  };
  return { marker, id, status, progress, bar, failed, created, model, description, titles };
}

/**
 * Ids all start with the same `batch_`, which tells nothing apart: a short id drops it and keeps
 * the head, as git shortens hashes. The filter still matches the whole id.
 */
export function shortId(id: string, width: number): string {
  if (cellWidth(id) <= width) return id;
  const bare = id.replace(/^batch[_-]/i, '');
  return takeWidth(bare, width);
}

/** The model, or, when the server names none, the endpoint in parentheses: never one for the other. */
export function modelLabel(job: Batch): string {
  if (job.model) return job.model;
  return `(${job.endpoint.replace(/^\/v1\//, '')})`;
}

/**
 * A model name cut to a cell: the whole name if it fits, else without the organisation, else also
 * without the words that rarely tell models apart (Meta-Llama-3.1-8B-Instruct-Turbo → Llama-3.1-8B).
 */
export function fitModel(label: string, width: number): string {
  if (cellWidth(label) <= width) return label;
  const tail = modelTail(label);
  if (cellWidth(tail) <= width) return tail;
  return truncate(compactModel(tail), width);
}

function modelTail(label: string): string {
  return label.slice(label.lastIndexOf('/') + 1);
}

function compactModel(tail: string): string {
  return tail.replace(/^Meta-/i, '').replace(/-(instruct|turbo|chat|it|hf)(?=-|$)/gi, '');
}

export function descriptionOf(job: Batch): string {
  // Already sanitized by the API client (one row, no control characters).
  return job.metadata['description'] ?? '';
}

/** completed+failed of total: how much of the job is done, whatever the outcome; ⚠ when the counts are impossible (the detail says why). */
export function progressText(job: Batch): string {
  const { completed, failed, total } = job.requestCounts;
  const warning = countsProblem(job.requestCounts) ? '⚠ ' : '';
  return `${warning}${formatCount(completed + failed)}/${formatCount(total)}`;
}
