import { isTerminal, toWireBatch, type BatchClient } from '../../api/index.js';
import { JobDetailService, type JobDetailState } from '../../core/jobs/job-detail.js';
import { jobOutcome } from '../../core/jobs/outcome.js';
import { formatCount, rate } from '../../ui/format/numbers.js';
import { duration } from '../../ui/format/time.js';
import { statusLook } from '../../ui/theme/status.js';
import { connectCommand } from '../connect.js';
import { progressLine } from '../output/progress-line.js';
import { whenState } from '../when-state.js';
import type { ParsedCommand } from '../framework/spec.js';
import { jsonOutput, parseInteger, type JsonOutput } from '../options.js';
import { writeJson } from '../output/json.js';

/** `fizz-batch watch ID`: follows a job until it ends; exit 0 only when every request succeeded. */
export async function runWatch({ values, args }: ParsedCommand): Promise<number> {
  const intervalMs =
    (typeof values.interval === 'string' ? parseInteger('--interval', values.interval, 1, 3600) : 5) * 1000;
  const output = jsonOutput(values);
  const { client } = connectCommand(values);
  return followToEnd(client, args.ID!, intervalMs, output);
}

/**
 * Follows a job until it ends, the way the console's detail does (the same polling, backing off
 * while nothing moves, and no request once it is terminal). On a terminal, stderr carries one
 * progress line updated in place; otherwise one line per status change. The end is said once; with
 * --json the job as it ended is printed on stdout.
 */
export async function followToEnd(
  client: BatchClient,
  id: string,
  intervalMs: number,
  output: JsonOutput,
): Promise<number> {
  const live = process.stderr.isTTY === true;
  const service = new JobDetailService({ client, id, intervalMs, keepRaw: output.keepRaw });
  let lastStatus: string | null = null;
  const line = progressLine();
  // Says each change as it comes; the wait ends at a terminal status, or at a first read that failed.
  const report = (state: JobDetailState): boolean => {
    const { job, throughput, poll } = state;
    // The first read failed and nothing is known: a wrong id or a server that is down.
    if (!job) return Boolean(poll.error) && poll.updatedAt === null;
    if (job.status !== lastStatus) {
      line.clear();
      if (!isTerminal(job)) process.stderr.write(`${job.id}: ${statusLook(job.status).label}\n`);
      lastStatus = job.status;
    }
    if (isTerminal(job)) return true;
    if (live) {
      const { completed, failed, total } = job.requestCounts;
      const speed = throughput
        ? ` · ${rate(throughput.perSecond)}${throughput.etaSeconds !== null ? ` · ETA ${duration(throughput.etaSeconds)}` : ''}`
        : '';
      const stale = poll.error ? ' · retrying…' : '';
      line.show(
        `${statusLook(job.status).symbol} ${formatCount(completed + failed)}/${formatCount(total)} done · ${formatCount(failed)} failed${speed}${stale}`,
      );
    }
    return false;
  };
  const waiting = whenState(service, report);
  service.start();
  const state = await waiting;
  service.dispose();
  line.clear();
  const finished =
    state.job ?? (state.poll.error instanceof Error ? state.poll.error : new Error(String(state.poll.error)));
  if (finished instanceof Error) throw finished;
  const outcome = jobOutcome(finished);
  process.stderr.write(`${finished.id}: ${outcome.text}\n`);
  if (output.json) writeJson(toWireBatch(finished));
  return outcome.ok ? 0 : 1;
}
