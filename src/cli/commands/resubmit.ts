import { pages, type Batch, type BatchClient } from '../../api/index.js';
import { resubmissionOf } from '../../core/jobs/resubmissions.js';
import { ResubmitSession, type ResubmitState } from '../../core/results/session/resubmit.js';
import { connectCommand } from '../connect.js';
import { whenState } from '../when-state.js';
import { ExitCode, UsageError } from '../errors.js';
import type { ParsedCommand } from '../framework/spec.js';
import { jsonOutput } from '../options.js';
import { printCreated, submitFile } from './submit.js';

/**
 * `fizz-batch resubmit ID`: the console's R for scripts. A new batch of exactly the requests that
 * failed or never ran, copied byte for byte from the job's input file, linked to the old job by
 * `metadata.resubmit_of`; checked, uploaded and created as `submit` does. A job resubmitted
 * before is not resubmitted again without --again: that would pay twice for the same requests.
 */
export async function runResubmit({ values, args }: ParsedCommand): Promise<number> {
  const output = jsonOutput(values);
  const { client, connection } = connectCommand(values);
  const job = await client.getBatch(args.ID!);
  if (job.statusClass !== 'terminal')
    throw new UsageError(
      `${job.id} is ${job.status}: resubmit takes a job that has ended (fizz-batch watch ${job.id} waits for that).`,
    );
  if (values.again !== true) {
    const earlier = await findResubmission(client, job);
    if (earlier) {
      process.stderr.write(
        `fizz-batch: ${job.id} was already resubmitted as ${earlier.id} (${earlier.status}); --again resubmits it once more.\n`,
      );
      return ExitCode.runtime;
    }
  }
  const planned = await plan(client, job);
  if (planned.status === 'failed') {
    process.stderr.write(`fizz-batch: cannot read what failed in ${job.id}: ${planned.error}\n`);
    return ExitCode.runtime;
  }
  if (planned.status !== 'ready') {
    process.stderr.write(`Nothing to resubmit: every request of ${job.id} succeeded.\n`);
    return ExitCode.ok;
  }
  for (const reason of planned.plan.reasons) process.stderr.write(`  ${reason.count} ${reason.label}\n`);
  const batch = await submitFile(client, connection, planned.plan.path, {
    prepared: { description: planned.description, metadata: planned.metadata },
    keepRaw: output.keepRaw,
  });
  if (typeof batch === 'number') return batch;
  return printCreated(client, batch, values.wait === true, output);
}

/** A job whose metadata says it resubmits `job`, among the jobs created since `job` (bounded). */
async function findResubmission(client: BatchClient, job: Batch): Promise<Batch | null> {
  const since = job.createdAt ?? 0;
  const jobs: Batch[] = [];
  // Newest first: once a page reaches jobs older than this one, no later page can resubmit it.
  for await (const page of pages((after) => client.listBatches({ limit: 100, ...(after ? { after } : {}) }), {
    maxPages: 10,
  })) {
    jobs.push(...page);
    if (page.some((batch) => batch.createdAt !== null && batch.createdAt < since)) break;
  }
  return resubmissionOf(jobs, job.id);
}

type Planned = Extract<ResubmitState, { status: 'ready' | 'nothing' | 'failed' }>;

async function plan(client: BatchClient, job: Batch): Promise<Planned> {
  const session = new ResubmitSession({ client, job });
  try {
    return (await whenState(
      session,
      (state) => state.status === 'ready' || state.status === 'nothing' || state.status === 'failed',
    )) as Planned;
  } finally {
    session.dispose();
  }
}
