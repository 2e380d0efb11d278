import { setTimeout as delay } from 'node:timers/promises';
import type { Store } from '../store/store.js';
import {
  TERMINAL_STATUSES,
  type BatchRecord,
  type BatchStatus,
  type Flavor,
  type ValidationOutcome,
} from '../types.js';
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
import { validateBatch, invalid } from './validation-job.js';
import { registerOutput } from './output-files.js';
import { newBatchRecord, type NewBatch } from './new-batch.js';
import { messageOf } from '../../api/message-of.js';

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
    const batch = this.store.addBatch(newBatchRecord(input, this.options, this.now()));
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
    const job = validateBatch(batch, this.store, this.options)
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
          outputFileId: await registerOutput(this.store, batch, results.output, 'output', at),
          errorFileId: await registerOutput(this.store, batch, results.errors, 'error', at),
          counts: results.counts,
          usage: results.usage,
        });
      })
      .catch((error: unknown) => {
        this.options.log(`batch ${batch.id}: writing results failed: ${messageOf(error)}`);
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
