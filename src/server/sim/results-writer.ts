import { sha256Hex } from '../hash.js';
import { ZERO_TOKENS, addTokens, type BatchRecord, type RequestCounts, type TokenTotals } from '../types.js';
import { readLines } from './line-reader.js';
import { LineSink, WindowShuffler, type WrittenFile } from './line-sink.js';
import { requestOutcome } from './outcome.js';
import { ratePerMs } from './progress.js';

/**
 * Writes a finished batch's output and error files by streaming over its input file once:
 * requests that ran go to the output file (success) or the error file (HTTP error in
 * `response`); those that never ran go to the error file with `batch_expired` or
 * `batch_cancelled`. Constant memory, so a 50,000-request batch is no special case.
 */
export type Ending = 'completed' | 'expired' | 'cancelled';

export interface ResultsJob {
  batch: BatchRecord;
  inputPath: string;
  /** Requests that ran, counted from the start of the file. */
  processed: number;
  ending: Ending;
  tempPath: () => string;
}

export interface Results {
  output: WrittenFile | null;
  errors: WrittenFile | null;
  counts: RequestCounts;
  usage: TokenTotals;
}

const NOT_RUN = {
  expired: {
    code: 'batch_expired',
    message: 'This request could not be executed before the completion window expired.',
  },
  cancelled: { code: 'batch_cancelled', message: 'The batch was cancelled before this request executed.' },
} as const;

export async function writeResults(job: ResultsJob): Promise<Results> {
  const { batch } = job;
  const outputSink = new LineSink(job.tempPath);
  const errorSink = new LineSink(job.tempPath);
  const output = new WindowShuffler(outputSink, `${batch.id}:output`);
  const errors = new WindowShuffler(errorSink, `${batch.id}:errors`);
  const counts: RequestCounts = { total: batch.counts.total, completed: 0, failed: 0 };
  const usage: TokenTotals = { ...ZERO_TOKENS };
  const ctx = { batchId: batch.id, endpoint: batch.endpoint, failRate: batch.sim.failRate };
  const rate = ratePerMs(batch.sim);
  const started = batch.times.in_progress ?? batch.times.created;

  try {
    let index = 0;
    for await (const { text } of readLines(job.inputPath)) {
      if (text.trim() === '') continue;
      const request = JSON.parse(text) as { custom_id: string; body: Record<string, unknown> };
      const ids = lineIds(batch.id, request.custom_id);
      if (index < job.processed) {
        // Each request "ran" at its own moment, one after another.
        const created = Math.floor((started + (index + 1) / rate) / 1000);
        const outcome = requestOutcome(ctx, request.custom_id, request.body, created);
        const line = JSON.stringify({
          id: ids.line,
          custom_id: request.custom_id,
          response: { status_code: outcome.status, request_id: ids.request, body: outcome.body },
          error: null,
        });
        if (outcome.ok) {
          counts.completed += 1;
          addTokens(usage, outcome.usage);
          await output.push(line);
        } else {
          counts.failed += 1;
          await errors.push(line);
        }
      } else if (job.ending !== 'completed') {
        await errors.push(
          JSON.stringify({ id: ids.line, custom_id: request.custom_id, response: null, error: NOT_RUN[job.ending] }),
        );
      }
      index += 1;
    }
    await output.flush();
    await errors.flush();
    return { output: await outputSink.close(), errors: await errorSink.close(), counts, usage };
  } catch (error) {
    await Promise.all([outputSink.discard(), errorSink.discard()]);
    throw error;
  }
}

function lineIds(batchId: string, customId: string): { line: string; request: string } {
  const digest = sha256Hex(`${batchId}\u0000${customId}`);
  return { line: `batch_req_${digest.slice(0, 32)}`, request: `req_${digest.slice(32, 64)}` };
}
