import type { Batch, BatchClient, Pager } from '../../api/index.js';
import { Observable } from '../observable.js';
import { Poller, type PollerState } from '../poller.js';
import { keyRefused } from '../refused-key.js';
import { reuseUnchanged, sameData } from './same-data.js';

export interface JobListState {
  /** Every job loaded so far, as the server orders them (newest first). */
  jobs: readonly Batch[];
  /** False once the server said there is no more, or paging had to stop. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "load more" failed; cleared by the next success. */
  loadMoreError: unknown;
  poll: PollerState<readonly Batch[]>;
  /** The refresh interval the user chose. */
  intervalMs: number;
  /** What the poller waits between refreshes now: intervalMs, or longer while the list is not on screen. */
  pollIntervalMs: number;
  /** Jobs the server sent that could not be read at all (no id): left out, counted, the first reason kept. */
  unreadable: Unreadable | null;
}

export interface Unreadable {
  count: number;
  reason: string;
}

export interface JobListOptions {
  client: BatchClient;
  /**
   * The same server without the client's own quick retries, for refreshes after a failed one:
   * while a server is down the poller's back-off is the only retry (one request a minute).
   */
  pollClient?: BatchClient;
  intervalMs: number;
  pageSize?: number;
  /** Jobs below the first page that are still running are re-read one by one, at most this many. */
  maxDeepRefresh?: number;
}

const minIntervalMs = 1000;
const maxIntervalMs = 10 * 60_000;
/** A job below the first page that keeps coming back unchanged is re-read at most this many refreshes apart. */
const maxDeepSkip = 8;

/**
 * The job list, outside React. Pages in older jobs only when asked (as the user scrolls); the
 * auto-refresh re-reads the first page, merges it by id, and re-reads the few running jobs
 * further down, so a list of 10,000 jobs costs the same per refresh as a list of 10. A running job
 * down there that has not changed for a while is re-read less and less often (up to every
 * maxDeepSkip refreshes); a finished one never. Jobs that come back the same are kept as they
 * were (the same objects, the same array when nothing changed), so an idle refresh gives the
 * screen nothing to draw. While the list is not on screen (setShown) it refreshes slowly.
 */
export class JobListService extends Observable<JobListState> {
  private readonly client: BatchClient;
  private readonly pollClient: BatchClient;
  private readonly pageSize: number;
  private readonly maxDeepRefresh: number;
  private readonly poller: Poller<readonly Batch[]>;
  private pager: Pager<Batch>;
  private unsubscribePoller: () => void;
  /** Unreadable items of the first page (re-read by every refresh) and of the older pages loaded. */
  private headUnreadable: Unreadable | null = null;
  private olderUnreadable: Unreadable | null = null;
  /** The poller's data last taken into `jobs` (jobs may change in between: upsert, loadMore). */
  private takenData: readonly Batch[] | undefined;
  private refreshes = 0;
  /** Per job below the first page: how many reads in a row found it unchanged, and the refresh it is due at. */
  private deepReads = new Map<string, { unchanged: number; dueAt: number }>();

  constructor(options: JobListOptions) {
    const poller = new Poller<readonly Batch[]>({
      load: (signal, failing) => this.refreshOnce(signal, failing ? this.pollClient : this.client),
      intervalMs: options.intervalMs,
      maxIdleIntervalMs: options.intervalMs * 2,
      // refreshOnce keeps the previous array when nothing changed: the same array is the same data.
      equals: Object.is,
      haltOn: keyRefused,
    });
    super({
      jobs: [],
      hasMore: true,
      loadingMore: false,
      loadMoreError: null,
      poll: poller.getState(),
      intervalMs: options.intervalMs,
      pollIntervalMs: options.intervalMs,
      unreadable: null,
    });
    this.client = options.client;
    this.pollClient = options.pollClient ?? options.client;
    this.pageSize = options.pageSize ?? 50;
    this.maxDeepRefresh = options.maxDeepRefresh ?? 10;
    this.poller = poller;
    this.pager = this.client.batchPager({ limit: this.pageSize });
    // One state change per poller change: the jobs of an answer arrive with it, in one render.
    this.unsubscribePoller = poller.subscribe(() => {
      const poll = poller.getState();
      const fresh = poll.data !== undefined && poll.data !== this.takenData;
      this.takenData = poll.data;
      this.setState(fresh ? { poll, jobs: poll.data } : { poll });
    });
  }

  /**
   * Whether the list is on screen. Off screen it refreshes every minute or so (what the header of
   * other screens needs to tell the connection's state); back on screen it refreshes at once if
   * its data is older than one interval.
   */
  setShown(shown: boolean): void {
    this.poller.setHidden(!shown);
    this.setState({ pollIntervalMs: this.poller.currentIntervalMs });
  }

  start(): void {
    this.poller.start();
  }

  refreshNow(): void {
    this.poller.refresh();
  }

  togglePause(): void {
    if (this.poller.getState().paused) this.poller.resume();
    else this.poller.pause();
  }

  /** Multiplies the refresh interval (2 = slower, 0.5 = faster), within 1 s … 10 min. */
  scaleInterval(factor: number): void {
    const intervalMs =
      Math.round(Math.min(maxIntervalMs, Math.max(minIntervalMs, this.getState().intervalMs * factor)) / 1000) * 1000;
    this.poller.setInterval(intervalMs);
    this.setState({ intervalMs, pollIntervalMs: this.poller.currentIntervalMs });
  }

  /** Loads the next page of older jobs; does nothing while one is loading or when there are no more. */
  async loadMore(): Promise<void> {
    const state = this.getState();
    if (state.loadingMore || !state.hasMore || state.poll.updatedAt === null) return;
    this.setState({ loadingMore: true });
    try {
      const fresh = (await this.pager.next()) ?? [];
      this.olderUnreadable = sum(this.olderUnreadable, this.pager.lastUnreadable);
      const known = new Set(this.getState().jobs.map((job) => job.id));
      this.setState({
        jobs: [...this.getState().jobs, ...fresh.filter((job) => !known.has(job.id))],
        hasMore: !this.pager.done,
        loadingMore: false,
        loadMoreError: null,
        unreadable: sum(this.headUnreadable, this.olderUnreadable),
      });
    } catch (error) {
      this.setState({ loadingMore: false, loadMoreError: error });
    }
  }

  /** Asks the server to cancel a job and shows the answer (`cancelling`) at once. Never retried: a 409 is final. */
  async cancel(id: string): Promise<{ ok: true; job: Batch } | { ok: false; error: unknown }> {
    try {
      const job = await this.client.cancelBatch(id);
      this.upsert(job);
      this.poller.refresh();
      return { ok: true, job };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** A job changed elsewhere (a cancel from the detail screen): show it at once. */
  upsert(job: Batch): void {
    const jobs = this.getState().jobs;
    const index = jobs.findIndex((j) => j.id === job.id);
    this.setState({ jobs: index < 0 ? [job, ...jobs] : jobs.map((j) => (j.id === job.id ? job : j)) });
  }

  dispose(): void {
    this.unsubscribePoller();
    this.poller.dispose();
    this.clearListeners();
  }

  private async refreshOnce(signal: AbortSignal, client: BatchClient): Promise<readonly Batch[]> {
    const previous = this.getState().jobs;
    if (previous.length === 0) {
      // First load: the pager's first page, so "load more" continues from it.
      this.pager = client.batchPager({ limit: this.pageSize });
      const first = (await this.pager.next()) ?? [];
      this.headUnreadable = this.pager.lastUnreadable ?? null;
      this.olderUnreadable = null;
      this.setState({ hasMore: !this.pager.done, unreadable: this.headUnreadable });
      return first;
    }
    const page = await client.listBatches({ limit: this.pageSize, signal });
    this.headUnreadable = page.unreadable ?? null;
    const headIds = new Set(page.items.map((job) => job.id));
    const tail = previous.filter((job) => !headIds.has(job.id) && !goneFrom(page, job, this.pageSize));
    const refresh = ++this.refreshes;
    const running = tail.filter((job) => job.statusClass !== 'terminal');
    const reads = new Map<string, { unchanged: number; dueAt: number }>();
    for (const job of running) reads.set(job.id, this.deepReads.get(job.id) ?? { unchanged: 0, dueAt: refresh });
    // Finished jobs and jobs gone from the list are forgotten.
    this.deepReads = reads;
    const due = running.filter((job) => reads.get(job.id)!.dueAt <= refresh).slice(0, this.maxDeepRefresh);
    const updated = new Map<string, Batch>();
    for (const job of due) {
      try {
        const fresh = await client.getBatch(job.id, { signal });
        const unchanged = sameData(job, fresh) ? reads.get(job.id)!.unchanged + 1 : 0;
        // Every refresh while it moves; then 2, 4, … up to maxDeepSkip refreshes apart.
        reads.set(job.id, { unchanged, dueAt: refresh + Math.min(maxDeepSkip, 2 ** Math.floor(unchanged / 2)) });
        updated.set(job.id, fresh);
      } catch {
        // One unreadable job must not fail the whole refresh; it keeps its last known state.
      }
    }
    const jobs = reuseUnchanged(previous, [...page.items, ...tail.map((job) => updated.get(job.id) ?? job)]);
    const unreadable = sum(this.headUnreadable, this.olderUnreadable);
    if (!sameData(unreadable, this.getState().unreadable)) this.setState({ unreadable });
    return jobs;
  }
}

/**
 * A job the list held that the fresh first page should contain but does not: it was deleted on
 * the server. The page covers every job newer than its oldest one (all of them when it is the
 * only page); a job as old as that one may be on the next page, so it stays.
 */
function goneFrom(page: { items: readonly Batch[]; hasMore: boolean }, job: Batch, pageSize: number): boolean {
  // A short last page is the whole list (a full one may be a server that never says has_more).
  if (!page.hasMore && page.items.length < pageSize) return true;
  const oldest = page.items.at(-1)?.createdAt;
  return typeof oldest === 'number' && typeof job.createdAt === 'number' && job.createdAt > oldest;
}

function sum(a: Unreadable | null, b: Unreadable | null | undefined): Unreadable | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return { count: a.count + b.count, reason: a.reason };
}
