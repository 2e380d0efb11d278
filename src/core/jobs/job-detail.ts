import { isTerminal, type Batch, type BatchClient } from '../../api/index.js';
import { Observable } from '../observable.js';
import { Poller, type PollerState } from '../poller.js';
import { keyRefused } from '../refused-key.js';
import { addSample, throughputOf, throughputSinceStart, type ProgressSample, type Throughput } from './throughput.js';

export interface JobDetailState {
  job: Batch | null;
  poll: PollerState<Batch>;
  throughput: Throughput | null;
  /** When the job was first seen in its current status (ms), for "in progress for 3m". */
  statusSeenAtMs: number | null;
  cancel: { inFlight: boolean; error: unknown };
}

export interface JobDetailOptions {
  client: BatchClient;
  /** The same server without the client's own quick retries, for polls after a failed one (see JobListOptions). */
  pollClient?: BatchClient;
  id: string;
  /** What the list already knows, so the screen paints before the first request returns. */
  initial?: Batch;
  intervalMs?: number;
  /** Keep what the server sent for the job under `raw` (for `--json --raw`); never for the console. */
  keepRaw?: boolean;
  /** Called once when a job watched in a non-terminal status reaches a terminal one. */
  onFinished?: (job: Batch) => void;
  /** Told about every fresh copy of the job, so the list shows the same thing. */
  onUpdate?: (job: Batch) => void;
  /**
   * Stop polling when the server refuses the key (the console, which says so and offers `p`);
   * without it a refused key is retried with the capped back-off (`watch` ends on no error of its own).
   */
  haltOnRefusedKey?: boolean;
  now?: () => number;
}

/**
 * One job, polled while it runs (every 5 s, slower while nothing moves) and no more once it is
 * terminal. Throughput and ETA come from successive polls, and before the second one from the
 * job's own start time and counts.
 */
export class JobDetailService extends Observable<JobDetailState> {
  private readonly poller: Poller<Batch>;
  private samples: ProgressSample[] = [];
  private readonly unsubscribe: () => void;
  private sawActive: boolean;

  constructor(private readonly options: JobDetailOptions) {
    const poller = new Poller<Batch>({
      load: (signal, failing) =>
        ((failing && options.pollClient) || options.client).getBatch(options.id, { signal, keepRaw: options.keepRaw }),
      intervalMs: options.intervalMs ?? 5000,
      maxIdleIntervalMs: (options.intervalMs ?? 5000) * 6,
      equals: sameProgress,
      stopWhen: isTerminal,
      ...(options.haltOnRefusedKey ? { haltOn: keyRefused } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const initial = options.initial;
    const nowMs = (options.now ?? Date.now)();
    const throughput =
      initial?.status === 'in_progress'
        ? throughputSinceStart(
            initial.inProgressAt,
            initial.requestCounts.completed + initial.requestCounts.failed,
            initial.requestCounts.total,
            nowMs,
          )
        : null;
    super({
      job: initial ?? null,
      poll: poller.getState(),
      throughput,
      statusSeenAtMs: null,
      cancel: { inFlight: false, error: null },
    });
    this.poller = poller;
    this.sawActive = options.initial ? !isTerminal(options.initial) : false;
    this.unsubscribe = poller.subscribe(() => this.onPoll());
  }

  /**
   * Starts polling; a job the list already knows is final is not asked for again (its copy is
   * what the server said last, and a terminal job no longer changes).
   */
  start(): void {
    const initial = this.options.initial;
    if (!initial || !isTerminal(initial)) {
      this.poller.start();
      return;
    }
    this.poller.startWith(initial);
    if (this.getState().statusSeenAtMs === null) this.setState({ statusSeenAtMs: (this.options.now ?? Date.now)() });
  }

  refreshNow(): void {
    this.poller.refresh();
  }

  /** Asks the server to cancel; the job then shows `cancelling` until the server says `cancelled`. */
  async cancel(): Promise<boolean> {
    if (this.getState().cancel.inFlight) return false;
    this.setState({ cancel: { inFlight: true, error: null } });
    try {
      const job = await this.options.client.cancelBatch(this.options.id);
      this.setState({ cancel: { inFlight: false, error: null } });
      this.accept(job);
      // Polling stopped if the job looked terminal before; a cancelling job must be watched again.
      this.poller.restart();
      return true;
    } catch (error) {
      this.setState({ cancel: { inFlight: false, error } });
      return false;
    }
  }

  dismissCancelError(): void {
    this.setState({ cancel: { inFlight: false, error: null } });
  }

  dispose(): void {
    this.unsubscribe();
    this.poller.dispose();
    this.clearListeners();
  }

  private onPoll(): void {
    const poll = this.poller.getState();
    const fresh = poll.data;
    this.setState({ poll });
    if (fresh && fresh !== this.getState().job) this.accept(fresh);
  }

  private accept(job: Batch): void {
    const previous = this.getState().job;
    const now = (this.options.now ?? Date.now)();
    const done = job.requestCounts.completed + job.requestCounts.failed;
    this.samples =
      job.status === 'in_progress'
        ? addSample(this.samples, { atMs: now, done, total: job.requestCounts.total })
        : this.samples;
    const statusSeenAtMs = previous && previous.status === job.status ? (this.getState().statusSeenAtMs ?? now) : now;
    // Until two polls exist, the job's own start time and counts give the rate from the first one.
    const throughput =
      job.status === 'in_progress'
        ? (throughputOf(this.samples) ?? throughputSinceStart(job.inProgressAt, done, job.requestCounts.total, now))
        : null;
    this.setState({ job, throughput, statusSeenAtMs });
    this.options.onUpdate?.(job);
    if (!isTerminal(job)) this.sawActive = true;
    else if (this.sawActive) {
      this.sawActive = false;
      this.options.onFinished?.(job);
    }
  }
}

function sameProgress(a: Batch, b: Batch): boolean {
  return (
    a.status === b.status &&
    a.requestCounts.completed === b.requestCounts.completed &&
    a.requestCounts.failed === b.requestCounts.failed &&
    a.requestCounts.total === b.requestCounts.total
  );
}
