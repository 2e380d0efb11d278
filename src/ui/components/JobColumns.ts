import type { Batch } from '../../api/index.js';
import { countsProblem } from '../../core/jobs/counts.js';
import { count } from '../format/numbers.js';
import { statusLook } from '../theme/status.js';

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

/** What the widest cells of the loaded jobs need; measured once per data change, not per key. */
export interface JobMeasure {
  idLength: number;
  statusLength: number;
  progressLength: number;
  failedLength: number;
  /** Longest model name whole, without its organisation, and compacted (see fitModel). */
  modelLength: number;
  modelTailLength: number;
  modelCompactLength: number;
  descriptionLength: number;
}

const minModel = 8;
/** "⚠ 99,999,999/99,999,999" */
const maxProgress = 23;
const maxNarrowProgress = 15;
const maxFailed = 10;
const minDescription = 10;
/** Full ids only when there is room to spare; below that a short id, like a short git hash. */
const shortIdLength = 8;

/** Column titles; narrow tables use the short ones so the cells keep their room. */
export interface JobTitles {
  failed: string;
  created: string;
}

const wideTitles: JobTitles = { failed: 'failed', created: 'created' };
const narrowTitles: JobTitles = { failed: 'fail', created: 'age' };

export function measureJobs(jobs: readonly Batch[]): JobMeasure {
  let idLength = 2;
  let statusLength = 0;
  let progressLength = 0;
  let failedLength = 0;
  let modelLength = 0;
  let modelTailLength = 0;
  let modelCompactLength = 0;
  let descriptionLength = 0;
  for (const job of jobs) {
    if (job.id.length > idLength) idLength = job.id.length;
    const label = statusLook(job.status).label.length;
    if (label > statusLength) statusLength = label;
    progressLength = Math.max(progressLength, progressText(job).length);
    failedLength = Math.max(failedLength, count(job.requestCounts.failed).length);
    const model = modelLabel(job);
    if (model.length > modelLength) modelLength = model.length;
    const tail = modelTail(model);
    if (tail.length > modelTailLength) modelTailLength = tail.length;
    const compact = compactModel(tail).length;
    if (compact > modelCompactLength) modelCompactLength = compact;
    const description = job.metadata['description']?.length ?? 0;
    if (description > descriptionLength) descriptionLength = description;
  }
  return {
    idLength,
    // symbol + space + word, e.g. "▸ in progress"
    statusLength: statusLength + 2,
    // Capped: a server's absurd count is cut in its cell rather than squeezing every other column.
    progressLength: Math.min(progressLength, maxProgress),
    failedLength: Math.min(failedLength, maxFailed),
    modelLength,
    modelTailLength,
    modelCompactLength,
    descriptionLength,
  };
}

/**
 * Fits the columns into `width`. The fixed columns (id, status, progress, failed, created) always
 * stay; what is left goes to the model and the description, and at narrow widths the description
 * goes first, then the model.
 */
export function layoutColumns(width: number, measure: JobMeasure): JobColumns {
  const titles = width >= 110 ? wideTitles : narrowTitles;
  const status = clamp(measure.statusLength, 'status'.length, 16);
  // An absurd count is cut in its cell, tighter on narrow terminals, rather than pushing the age out.
  const progress = Math.max('progress'.length, Math.min(measure.progressLength, width >= 100 ? maxProgress : maxNarrowProgress));
  const failed = Math.max(titles.failed.length, measure.failedLength);
  // The longest age is 5 wide (23h59m, 99d23h).
  const created = Math.max(titles.created.length, 5);
  const bar = width >= 100 ? 10 : width >= 72 ? 6 : 4;
  const marker = 2;
  const fixedWithout = (id: number) => marker + id + 1 + status + 1 + progress + 1 + bar + 1 + failed + 1 + created;

  // The full id only when the model and the description still keep their room beside it.
  const fullId = Math.min(measure.idLength, 40);
  const wanted = Math.min(measure.modelLength, 32) + 1 + Math.min(measure.descriptionLength, 40) + 1;
  const id = width - fixedWithout(fullId) >= wanted ? fullId : Math.min(shortIdLength, fullId);

  let left = width - fixedWithout(id);
  let model = 0;
  let description = 0;
  const wantsModel = measure.modelLength > 0;
  const wantsDescription = measure.descriptionLength > 0;
  if (wantsModel && wantsDescription && left >= 1 + minModel + 1 + minDescription) {
    left -= 2;
    model = modelWidth(measure, Math.max(minModel, Math.floor(left * 0.45)));
    description = left - model;
  } else if (wantsModel && left >= 1 + minModel) {
    model = modelWidth(measure, left - 1);
  } else if (!wantsModel && wantsDescription && left >= 1 + minDescription) {
    description = left - 1;
  }
  return { marker, id, status, progress, bar, failed, created, model, description, titles };
}

/** The widest form of the model names (whole, without organisation, compact) that fits in `share`. */
function modelWidth(measure: JobMeasure, share: number): number {
  for (const length of [measure.modelLength, measure.modelTailLength, measure.modelCompactLength]) {
    if (length <= share) return length;
  }
  return share;
}

/**
 * Ids all start with the same `batch_`, which tells nothing apart: a short id drops it and keeps
 * the head, as git shortens hashes. The filter still matches the whole id.
 */
export function shortId(id: string, width: number): string {
  if (id.length <= width) return id;
  const bare = id.replace(/^batch[_-]/i, '');
  return bare.length <= width ? bare : bare.slice(0, width);
}

/** The model without its organisation when space is short, or the endpoint when there is no model. */
export function modelLabel(job: Batch): string {
  if (job.model) return job.model;
  return job.endpoint.replace(/^\/v1\//, '');
}

/**
 * A model name cut to a cell: the whole name if it fits, else without the organisation, else also
 * without the words that rarely tell models apart (Meta-Llama-3.1-8B-Instruct-Turbo → Llama-3.1-8B).
 */
export function fitModel(label: string, width: number): string {
  if (label.length <= width) return label;
  const tail = modelTail(label);
  if (tail.length <= width) return tail;
  const compact = compactModel(tail);
  return compact.length <= width ? compact : `${compact.slice(0, Math.max(0, width - 1))}…`;
}

function modelTail(label: string): string {
  return label.slice(label.lastIndexOf('/') + 1);
}

function compactModel(tail: string): string {
  return tail.replace(/^Meta-/i, '').replace(/-(instruct|turbo|chat|it|hf)(?=-|$)/gi, '');
}

export function descriptionOf(job: Batch): string {
  // Control characters from a provider must not move the cursor or break the row.
  return (job.metadata['description'] ?? '').replace(/\p{Cc}+/gu, ' ');
}

/** completed+failed of total: how much of the job is done, whatever the outcome; ⚠ when the counts are impossible (the detail says why). */
export function progressText(job: Batch): string {
  const { completed, failed, total } = job.requestCounts;
  const warning = countsProblem(job.requestCounts) ? '⚠ ' : '';
  return `${warning}${count(completed + failed)}/${count(total)}`;
}

/**
 * A compact age for a table cell: now, 12m, 5h03m, 3d4h, 56y. The shared clock ticks once a minute.
 * A creation time ahead of the clock (skew, or a server's absurd date) shows how far ahead: +3h, +274y.
 */
export function age(unixSeconds: number | null, nowMs: number): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds) || !Number.isFinite(nowMs)) return '—';
  const minutes = Math.floor((nowMs / 1000 - unixSeconds) / 60);
  if (minutes < -1) return `+${compactAge(-minutes)}`;
  if (minutes < 1) return 'now';
  return compactAge(minutes);
}

function compactAge(minutes: number): string {
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  const days = Math.floor(hours / 24);
  if (days < 100) return `${days}d${hours % 24}h`;
  if (days < 730) return `${days}d`;
  const years = Math.floor(days / 365);
  return years < 10_000 ? `${years}y` : '>9999y';
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, n));
}
