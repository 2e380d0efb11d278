import { ApiError, toWireBatch } from '../../api/index.js';
import { connectCommand } from '../connect.js';
import type { ParsedCommand } from '../framework/spec.js';
import { confirmed } from '../output/ask.js';
import { writeJson } from '../output/json.js';
import { jsonOutput } from '../options.js';

/**
 * `fizz-batch cancel ID`: asks first on a terminal; with no terminal to ask on it needs --yes
 * (a script must say so, not be guessed for). The cancel is sent once: a refusal (409, the job
 * already ended) is final and explained.
 */
export async function runCancel({ values, args }: ParsedCommand): Promise<number> {
  const id = args.ID!;
  const { json, keepRaw } = jsonOutput(values);
  const { client } = connectCommand(values);
  const go = await confirmed({
    yes: values.yes === true,
    noTerminal: `cancel asks before it cancels, and there is no terminal to ask on: add --yes to cancel ${id}.`,
    question: async () => {
      const job = await client.getBatch(id);
      const { completed, failed, total } = job.requestCounts;
      return `Cancel ${job.id} (${job.status}, ${completed + failed} of ${total} done)? Requests not yet run will not run. [y/N] `;
    },
    declined: 'Not cancelled.',
  });
  if (!go) return 0;
  try {
    const job = await client.cancelBatch(id, { keepRaw });
    if (json) writeJson(toWireBatch(job));
    else
      process.stderr.write(
        `Cancel requested: ${job.id} is ${job.status}. Requests already running finish; the rest will not run.\n`,
      );
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'conflict') {
      process.stderr.write(`fizz-batch: ${id} cannot be cancelled now: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
