import { plural, toWireBatch, type Batch } from '../../api/index.js';
import { countsProblem } from '../../core/jobs/counts.js';
import { describeError, groupErrors } from '../../core/jobs/error-groups.js';
import { neverRan } from '../../core/jobs/never-ran.js';
import { formatCount } from '../../ui/format/numbers.js';
import { localDateTime } from '../../ui/format/time.js';
import { timelineRows } from '../../ui/format/timeline.js';
import { statusLook } from '../../ui/theme/status.js';
import { connectCommand } from '../connect.js';
import type { ParsedCommand } from '../framework/spec.js';
import { writeJson } from '../output/json.js';
import { jsonOutput } from '../options.js';

/** `fizz-batch get ID`: the job's facts as the detail screen shows them, or the job as JSON. */
export async function runGet({ values, args }: ParsedCommand): Promise<number> {
  const { json, keepRaw } = jsonOutput(values);
  const { client } = connectCommand(values);
  const job = await client.getBatch(args.ID!, { keepRaw });
  if (json) writeJson(toWireBatch(job));
  else process.stdout.write(jobFacts(job, Date.now()));
  return 0;
}

const labelWidth = 10;

/** Label and value rows; a value of several lines continues under the value column. */
function field(label: string, ...values: string[]): string[] {
  return values.map((value, i) => `${(i === 0 ? label : '').padEnd(labelWidth)}${value}`);
}

export function jobFacts(job: Batch, nowMs: number): string {
  const rows: string[] = [];
  const description = job.metadata['description'];
  rows.push(description ? `${job.id}  ${description}` : job.id, '');
  const look = statusLook(job.status);
  rows.push(
    ...field(
      'Status',
      `${look.symbol} ${look.label}${job.problem ? `  ⚠ the server sent this job broken: ${job.problem}` : ''}`,
    ),
  );
  const { total, completed, failed } = job.requestCounts;
  const requests = [
    `${formatCount(total)} total · ${formatCount(completed)} completed · ${formatCount(failed)} failed`,
  ];
  const never = neverRan(job);
  if (never)
    requests.push(
      'count' in never
        ? `! ${formatCount(never.count)} never ran (${never.why})`
        : `! some of the ${formatCount(never.amongFailed)} failed may never have run (${never.why}): the error file says which`,
    );
  const problem = countsProblem(job.requestCounts);
  if (problem) requests.push(`⚠ ${problem}`);
  rows.push(...field('Requests', ...requests));
  rows.push(...field('Endpoint', job.endpoint || '—'));
  rows.push(...field('Model', job.model ?? '— (not named by the server)'));
  rows.push(...field('Window', job.completionWindow ?? '—'));
  rows.push(
    ...field(
      'Files',
      `input   ${job.inputFileId ?? '—'}`,
      `output  ${job.outputFileId ?? '—'}`,
      `error   ${job.errorFileId ?? '—'}`,
    ),
  );
  const timeline = timelineRows(job, nowMs);
  if (timeline.length > 0)
    rows.push(
      ...field(
        'Timeline',
        ...timeline.map(
          (entry) => `${entry.label.padEnd(12)} ${localDateTime(entry.at)}${entry.note ? `  ${entry.note}` : ''}`,
        ),
      ),
    );
  const groups = groupErrors(job.errors);
  if (groups.length > 0) {
    const lines: string[] = [];
    for (const group of groups) {
      lines.push(`${group.code} ×${formatCount(group.errors.length)}`);
      for (const error of group.errors) lines.push(`  ${describeError(error)}`);
    }
    rows.push(...field('Errors', ...lines));
  } else if (failed > 0) {
    rows.push(
      ...field(
        'Errors',
        `${plural(failed, 'request', { grouped: true })} failed: ${job.errorFileId ? `see the error file ${job.errorFileId}` : 'no error file yet'}`,
      ),
    );
  }
  if (job.usage) {
    const { inputTokens, outputTokens, totalTokens, cachedTokens } = job.usage;
    rows.push(
      ...field(
        'Tokens',
        `${formatCount(inputTokens)} input${cachedTokens ? ` (${formatCount(cachedTokens)} cached)` : ''} · ${formatCount(outputTokens)} output · ${formatCount(totalTokens)} total`,
      ),
    );
  }
  const metadata = Object.entries(job.metadata).filter(([key]) => key !== 'description');
  if (metadata.length > 0) rows.push(...field('Metadata', ...metadata.map(([key, value]) => `${key}  ${value}`)));
  return `${rows.join('\n')}\n`;
}
