import { isTerminal, type Batch, type BatchClient } from '../../api/index.js';
import { JobDetailService } from '../../core/jobs/job-detail.js';
import { jobOutcome } from '../../core/jobs/outcome.js';
import { count, rate } from '../../ui/format/numbers.js';
import { duration } from '../../ui/format/time.js';
import { statusLook } from '../../ui/theme/status.js';
import { connectCommand } from '../connect.js';
import { progressLine } from '../output/progress-line.js';
import type { ParsedCommand } from '../framework/spec.js';
import { parseInteger } from '../options.js';

/** `fizz-batch watch ID`: follows a job until it ends; exit 0 only when every request succeeded. */
export async function runWatch({ values, args }: ParsedCommand): Promise<number> {
  const intervalMs = (typeof values.interval === 'string' ? parseInteger('--interval', values.interval, 1, 3600) : 5) * 1000;
  const { client } = connectCommand(values);
  return followToEnd(client, args.ID!, intervalMs);
}

/**
 * Follows a job until it ends, the way the console's detail does (the same polling, backing off
 * while nothing moves, and no request once it is terminal). On a terminal, stderr carries one
 * progress line updated in place; otherwise one line per status change. The end is said once.
 */
export async function followToEnd(client: BatchClient, id: string, intervalMs: number): Promise<number> {
  const live = process.stderr.isTTY === true;
  const service = new JobDetailService({ client, id, intervalMs });
  let lastStatus: string | null = null;
  const line = progressLine();
  const clearLine = line.clear;
  // The poller's timers do not hold the process open (a console must be able to quit at once):
  // while a script waits for its job, this does.
  const keepAlive = setInterval(() => undefined, 60_000);
  const finished = await new Promise<Batch | Error>((resolve) => {
    const onState = () => {
      const { job, throughput, poll } = service.getState();
      if (!job) {
        // The first read failed and nothing is known: a wrong id or a server that is down.
        if (poll.error && poll.updatedAt === null) resolve(poll.error instanceof Error ? poll.error : new Error(String(poll.error)));
        return;
      }
      if (job.status !== lastStatus) {
        clearLine();
        if (!isTerminal(job)) process.stderr.write(`${job.id}: ${statusLook(job.status).label}\n`);
        lastStatus = job.status;
      }
      if (isTerminal(job)) {
        resolve(job);
        return;
      }
      if (live) {
        const { completed, failed, total } = job.requestCounts;
        const speed = throughput ? ` · ${rate(throughput.perSecond)}${throughput.etaSeconds !== null ? ` · ETA ${duration(throughput.etaSeconds)}` : ''}` : '';
        const stale = poll.error ? ' · retrying…' : '';
        line.show(`${statusLook(job.status).symbol} ${count(completed + failed)}/${count(total)} done · ${count(failed)} failed${speed}${stale}`);
      }
    };
    service.subscribe(onState);
    service.start();
  });
  clearInterval(keepAlive);
  service.dispose();
  clearLine();
  if (finished instanceof Error) throw finished;
  const outcome = jobOutcome(finished);
  process.stderr.write(`${finished.id}: ${outcome.text}\n`);
  return outcome.ok ? 0 : 1;
}
