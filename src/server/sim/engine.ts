import { rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { newBatchId, newFileId } from '../ids.js';
import type { Store } from '../store/store.js';
import {
  TERMINAL_STATUSES,
  ZERO_TOKENS,
  addTokens,
  type BatchErrorEntry,
  type BatchRecord,
  type BatchStatus,
  type Endpoint,
  type Flavor,
  type SimSettings,
  type TokenTotals,
  type ValidationOutcome,
} from '../types.js';
import { MAX_BATCH_INPUT_BYTES, THIRTY_DAYS_SECONDS } from '../limits.js';
import type { WrittenFile } from './line-sink.js';
import { requestOutcome } from './outcome.js';
import {
  cancellingMs,
  countsAfter,
  finalizingMs,
  processedAt,
  processingEndsAt,
  usageSoFar,
  validationMs,
} from './progress.js';
import { writeResults, type Ending } from './results-writer.js';
import { validateInputFile } from './validate-input.js';

/**
 * The batch lifecycle on a simulated clock.
 *
 * Timestamps are real unix times from `now()`; `speed` compresses durations. Each transition
 * happens at a time computed from the batch's stored timestamps (validation end, last request,
 * finalizing end, cancel, expiry), never at the moment someone looks, so a batch read late, after
 * a restart or seeded with back-dated times is in exactly the state it would have been in.
 *
 * `step` is synchronous and applies every transition that is due. The two slow things run as
 * jobs: validating the input file, and writing the result files before a terminal status (the
 * status flips only once the files exist). A tick and every read call `advance`.
 */

export interface EngineOptions {
  store: Store;
  now: () => number;
  flavor: Flavor;
  speed: number;
  requestsPerSecond: number;
  failRate: number;
  maxRequestsPerBatch: number;
  log: (line: string) => void;
}

export interface NewBatch {
  inputFileId: string;
  endpoint: Endpoint;
  completionWindow: string;
  /** Length of the completion window in simulated seconds (divided by speed). */
  windowSeconds: number;
  metadata: Record<string, string> | null;
  outputExpiresAfter: number | null;
  /** Back-dated creation, for demo data. */
  createdMs?: number;
  /** A cancel that happens at this time (demo data); API cancels go through `cancel`. */
  cancelAtMs?: number;
  sim?: Partial<SimSettings>;
}

export type CancelResult =
  { kind: 'ok'; batch: BatchRecord } | { kind: 'conflict'; status: BatchStatus } | { kind: 'not-found' };

export class Engine {
  private readonly validations = new Map<string, Promise<void>>();
  private readonly writes = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: EngineOptions) {}

  private get store(): Store {
    return this.options.store;
  }

  private now(): number {
    return this.options.now();
  }

  /** Moves batches along in the background, so results appear even when nobody polls. */
  start(tickMs = 200): void {
    this.stepAll();
    this.timer = setInterval(() => this.stepAll(), tickMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.validations.size + this.writes.size > 0) {
      await Promise.allSettled([...this.validations.values(), ...this.writes.values()]);
    }
  }

  create(input: NewBatch): BatchRecord {
    const created = input.createdMs ?? this.now();
    const sim: SimSettings = {
      speed: this.options.speed,
      requestsPerSecond: this.options.requestsPerSecond,
      failRate: this.options.failRate,
      validationSeconds: null,
      finalizingSeconds: null,
      cancellingSeconds: null,
      ...input.sim,
    };
    const windowSeconds = Math.max(1, Math.round(input.windowSeconds / sim.speed));
    const batch = this.store.addBatch({
      id: newBatchId(),
      endpoint: input.endpoint,
      inputFileId: input.inputFileId,
      completionWindow: input.completionWindow,
      status: 'validating',
      metadata: input.metadata,
      outputExpiresAfter: input.outputExpiresAfter,
      outputFileId: null,
      errorFileId: null,
      errors: null,
      model: null,
      times: {
        created,
        expires: (Math.floor(created / 1000) + windowSeconds) * 1000,
        in_progress: null,
        finalizing: null,
        completed: null,
        failed: null,
        expired: null,
        cancelling: input.cancelAtMs ?? null,
        cancelled: null,
      },
      counts: { total: 0, completed: 0, failed: 0 },
      usage: { ...ZERO_TOKENS },
      sim,
      validation: null,
    });
    this.startValidation(batch);
    return batch;
  }

  /**
   * Cancels at the current time: validating, in_progress and finalizing batches go to
   * `cancelling`; cancelling and cancelled ones are returned as they are; others conflict.
   */
  async cancel(id: string): Promise<CancelResult> {
    const batch = this.store.getBatch(id);
    if (!batch) return { kind: 'not-found' };
    const t = this.now();
    this.step(batch, t);
    // Result files being written means the batch already reached its end; wait for it to show.
    const writing = this.writes.get(id);
    if (writing) await writing;
    if (batch.status === 'validating' || batch.status === 'in_progress' || batch.status === 'finalizing') {
      this.enterCancelling(batch, t);
      this.step(batch, t);
    }
    if (batch.status === 'cancelling' || batch.status === 'cancelled') return { kind: 'ok', batch };
    return { kind: 'conflict', status: batch.status };
  }

  /**
   * Applies every due transition, then waits (at most `waitMs` of real time) for the jobs that
   * block further transitions, and repeats. Reads pass a small wait so a fresh result shows at
   * once; tests pass none to reach a steady state.
   */
  async advance({ waitMs = Number.POSITIVE_INFINITY }: { waitMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + waitMs;
    for (;;) {
      this.stepAll();
      const jobs = [...this.validations.values(), ...this.writes.values()];
      const remaining = deadline - performance.now();
      if (jobs.length === 0 || remaining <= 0) return;
      const settled = Promise.allSettled(jobs).then(() => true);
      if (!Number.isFinite(remaining)) {
        await settled;
        continue;
      }
      const ac = new AbortController();
      const finished = await Promise.race([settled, delay(remaining, false, { signal: ac.signal }).catch(() => false)]);
      ac.abort();
      if (!finished) return;
    }
  }

  // ---- transitions

  private stepAll(): void {
    if (this.closed) return;
    const t = this.now();
    for (const batch of this.store.listBatches()) {
      if (TERMINAL_STATUSES.has(batch.status)) continue;
      try {
        this.step(batch, t);
      } catch (error) {
        this.options.log(
          `batch ${batch.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }

  private step(batch: BatchRecord, t: number): void {
    // Each pass applies at most one transition; a batch read long after it was created may owe several.
    for (let i = 0; i < 8 && this.stepOnce(batch, t); i++);
  }

  /** Applies the next transition if it is due; true if the status changed. */
  private stepOnce(batch: BatchRecord, t: number): boolean {
    const times = batch.times;
    const cancelAt = times.cancelling;
    // A cancel scheduled (demo data) before the next natural transition wins over it.
    const cancelDue = (next: number): boolean => cancelAt !== null && cancelAt <= next && t >= cancelAt;

    switch (batch.status) {
      case 'validating': {
        const v = batch.validation;
        if (!v) {
          this.startValidation(batch);
          return false;
        }
        const ends = times.created + validationMs(batch.sim, v.total);
        if (cancelDue(Math.min(ends, times.expires))) return this.enterCancelling(batch, cancelAt as number);
        if (ends >= times.expires) {
          if (t >= times.expires) this.startResults(batch, 'expired', times.expires);
          return false;
        }
        if (t < ends) return false;
        if (v.errors) {
          batch.status = 'failed';
          times.failed = ends;
          batch.errors = v.errors;
          this.store.changed();
          return true;
        }
        batch.status = 'in_progress';
        times.in_progress = ends;
        batch.counts = { total: v.total, completed: 0, failed: 0 };
        this.store.changed();
        return true;
      }
      case 'in_progress': {
        const done = processingEndsAt(batch) as number;
        if (cancelDue(Math.min(done, times.expires))) return this.enterCancelling(batch, cancelAt as number);
        if (done < times.expires) {
          if (t >= done) {
            batch.status = 'finalizing';
            times.finalizing = done;
            this.refreshCounts(batch, done);
            this.store.changed();
            return true;
          }
        } else if (t >= times.expires) {
          this.refreshCounts(batch, times.expires);
          this.startResults(batch, 'expired', times.expires);
          return false;
        }
        this.refreshCounts(batch, t);
        return false;
      }
      case 'finalizing': {
        const at = (times.finalizing as number) + finalizingMs(batch.sim);
        if (cancelDue(at)) return this.enterCancelling(batch, cancelAt as number);
        if (t >= at) this.startResults(batch, 'completed', at);
        return false;
      }
      case 'cancelling': {
        if (!batch.validation) {
          this.startValidation(batch);
          return false;
        }
        const at = (times.cancelling as number) + cancellingMs(batch.sim);
        if (t >= at) this.startResults(batch, 'cancelled', at);
        return false;
      }
      default:
        return false;
    }
  }

  private enterCancelling(batch: BatchRecord, at: number): true {
    batch.status = 'cancelling';
    batch.times.cancelling = at;
    this.refreshCounts(batch, at);
    this.store.changed();
    return true;
  }

  /** Counts and usage as of `t`; derived, so not worth a save of their own. */
  private refreshCounts(batch: BatchRecord, t: number): void {
    batch.counts = countsAfter(batch, processedAt(batch, t));
    batch.usage = usageSoFar(batch, batch.counts.completed);
  }

  // ---- validation job

  private startValidation(batch: BatchRecord): void {
    if (batch.validation || this.validations.has(batch.id) || this.closed) return;
    const job = this.validate(batch)
      .catch((error: unknown): ValidationOutcome => {
        this.options.log(`batch ${batch.id}: validation failed: ${String(error)}`);
        return invalid([
          { code: 'server_error', message: 'The input file could not be read.', param: null, line: null },
        ]);
      })
      .then((outcome) => {
        batch.validation = outcome;
        batch.model = outcome.model;
        this.store.changed();
      })
      .finally(() => {
        this.validations.delete(batch.id);
        this.stepAll();
      });
    this.validations.set(batch.id, job);
  }

  private async validate(batch: BatchRecord): Promise<ValidationOutcome> {
    const file = this.store.getFile(batch.inputFileId);
    if (!file) {
      return invalid([
        {
          code: 'invalid_request',
          message: `Cannot find file ${batch.inputFileId}, or organization org-local does not have access to it.`,
          param: 'file_id',
          line: null,
        },
      ]);
    }
    if (file.purpose !== 'batch') {
      return invalid([
        {
          code: 'invalid_request',
          message: `The input file ${file.id} has purpose '${file.purpose}'; a batch input file must be uploaded with purpose 'batch'.`,
          param: 'input_file_id',
          line: null,
        },
      ]);
    }
    if (file.bytes > MAX_BATCH_INPUT_BYTES) {
      return invalid([
        {
          code: 'file_too_large',
          message: 'The input file is larger than 200 MB, the maximum for a batch.',
          param: 'input_file_id',
          line: null,
        },
      ]);
    }

    // Plan every request's outcome now, so counts and usage can grow without reading the file again.
    const failing: number[] = [];
    const planned: TokenTotals = { ...ZERO_TOKENS };
    const ctx = { batchId: batch.id, endpoint: batch.endpoint, failRate: batch.sim.failRate };
    const report = await validateInputFile(this.store.contentPath(file.id), {
      endpoint: batch.endpoint,
      allowMixedModels: this.options.flavor === 'fizz',
      maxRequests: this.options.maxRequestsPerBatch,
      onRequest: (request, index) => {
        const outcome = requestOutcome(ctx, request.customId, request.body, 0);
        if (outcome.ok) addTokens(planned, outcome.usage);
        else failing.push(index);
      },
    });
    // The batch's model when the file names exactly one; several (fizz allows it) name none.
    const model = report.models.length === 1 ? report.models[0]! : null;
    if (report.errors.length > 0) return { ...invalid(report.errors), total: report.requests, model };
    return { total: report.requests, errors: null, model, failing, planned };
  }

  // ---- results job

  /** Writes the result files, then (and only then) moves the batch to `ending` at time `at`. */
  private startResults(batch: BatchRecord, ending: Ending, at: number): void {
    if (this.writes.has(batch.id) || this.closed) return;
    const v = batch.validation;
    if (!v || v.errors) {
      // Nothing ran (the file never validated): no files to write.
      this.finish(batch, ending, at, null);
      return;
    }
    batch.counts = { ...batch.counts, total: v.total };
    const processed = ending === 'completed' ? v.total : processedAt(batch, at);
    const job = writeResults({
      batch,
      inputPath: this.store.contentPath(batch.inputFileId),
      processed,
      ending,
      tempPath: () => this.store.tempPath(),
    })
      .then(async (results) => {
        this.finish(batch, ending, at, {
          outputFileId: await this.registerOutput(batch, results.output, 'output', at),
          errorFileId: await this.registerOutput(batch, results.errors, 'error', at),
          counts: results.counts,
          usage: results.usage,
        });
      })
      .catch((error: unknown) => {
        this.options.log(
          `batch ${batch.id}: writing results failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        batch.status = 'failed';
        batch.times.failed = this.now();
        batch.errors = [
          { code: 'server_error', message: 'The results of this batch could not be written.', param: null, line: null },
        ];
        this.store.changed();
      })
      .finally(() => {
        this.writes.delete(batch.id);
        this.stepAll();
      });
    this.writes.set(batch.id, job);
  }

  private async registerOutput(
    batch: BatchRecord,
    written: WrittenFile | null,
    kind: 'output' | 'error',
    at: number,
  ): Promise<string | null> {
    if (!written) return null;
    const id = newFileId();
    try {
      await this.store.acceptContent(written.path, id);
    } catch (error) {
      await rm(written.path, { force: true });
      throw error;
    }
    const createdSec = Math.floor(at / 1000);
    this.store.addFile({
      id,
      createdMs: at,
      bytes: written.bytes,
      filename: `${batch.id}_${kind}.jsonl`,
      purpose: 'batch_output',
      expiresAt: createdSec + (batch.outputExpiresAfter ?? THIRTY_DAYS_SECONDS),
    });
    return id;
  }

  /** The terminal transition, with what the results job produced (nothing when no request ran). */
  private finish(
    batch: BatchRecord,
    ending: Ending,
    at: number,
    results: Pick<BatchRecord, 'outputFileId' | 'errorFileId' | 'counts' | 'usage'> | null,
  ): void {
    batch.status = ending;
    batch.times[ending] = at;
    if (results) Object.assign(batch, results);
    this.store.changed();
    // The input file may have been deleted while this batch still needed it.
    this.store
      .collectGarbage()
      .catch((error: unknown) => this.options.log(`could not remove deleted files: ${String(error)}`));
  }
}

function invalid(errors: BatchErrorEntry[]): ValidationOutcome {
  return { total: 0, errors, model: null, failing: [], planned: { ...ZERO_TOKENS } };
}
