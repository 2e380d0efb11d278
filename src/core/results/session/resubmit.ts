// `R` on a finished job, outside React: reads what the job left (error file, output file when
// requests may be missing, input file) through the cache, writes the file of requests to run
// again (planResubmit), and says how many and why. The new-batch flow takes it from there.
import { join } from 'node:path';
import type { Batch, BatchClient } from '../../../api/index.js';
import { Observable } from '../../observable.js';
import { defaultCacheDir } from '../cache-dir.js';
import { openRemoteDocument } from '../remote-document/document.js';
import { planResubmit, resubmitStart, type ResubmitPlan, type ResubmitProgress } from '../resubmit.js';
import { messageOf } from '../../../api/index.js';
import { throttle } from './format.js';
import type { LineDocument } from '../types.js';

export type ResubmitState =
  | { status: 'planning'; progress: ResubmitProgress | null }
  /** The file is written; the form will start with `description` and carry `metadata`. */
  | { status: 'ready'; plan: ResubmitPlan & { path: string }; description: string; metadata: Record<string, string> }
  /** Nothing failed or went missing. */
  | { status: 'nothing'; plan: ResubmitPlan }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' };

export interface ResubmitSessionOptions {
  client: BatchClient;
  job: Batch;
  /** Default: defaultCacheDir(); the new file goes to its `resubmit` folder. */
  cacheDir?: string;
}

export class ResubmitSession extends Observable<ResubmitState> {
  private readonly controller = new AbortController();
  private readonly opened: Array<Promise<LineDocument>> = [];

  constructor(private readonly options: ResubmitSessionOptions) {
    super({ status: 'planning', progress: null });
    void this.plan();
  }

  /** esc while reading: stops (the file being written is removed; the cache keeps what arrived). */
  cancel(): void {
    if (this.getState().status !== 'planning') return;
    this.controller.abort();
    this.setState({ status: 'cancelled' });
  }

  dispose(): void {
    this.controller.abort();
    this.clearListeners();
    void this.closeAll();
  }

  private async plan(): Promise<void> {
    const { job, client } = this.options;
    const cacheDir = this.options.cacheDir ?? defaultCacheDir();
    const publish = throttle(100);
    try {
      const plan = await planResubmit({
        job,
        open: (fileId) => {
          const opening = openRemoteDocument({ client, fileId, cacheDir });
          this.opened.push(opening);
          return opening;
        },
        workDir: join(cacheDir, 'resubmit'),
        signal: this.controller.signal,
        onProgress: (progress) => {
          if (this.getState().status !== 'planning' || !publish()) return;
          this.setState({ status: 'planning', progress });
        },
      });
      if (this.controller.signal.aborted) return;
      if (plan.count === 0 || plan.path === null) this.setState({ status: 'nothing', plan });
      else this.setState({ status: 'ready', plan: { ...plan, path: plan.path }, ...resubmitStart(job, plan) });
    } catch (error) {
      if (!this.controller.signal.aborted) this.setState({ status: 'failed', error: messageOf(error) });
    } finally {
      // The new file stands alone: the downloads it was made from can close (they stay cached).
      await this.closeAll();
    }
  }

  private async closeAll(): Promise<void> {
    const opened = this.opened.splice(0);
    await Promise.all(opened.map((opening) => opening.then((doc) => doc.close()).catch(() => undefined)));
  }
}
