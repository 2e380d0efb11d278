import { pluralWord, type Batch } from '../../api/index.js';

/**
 * Why a job has no output (or error) file to open, decided once for every place that says it:
 * the console's `o`/`e`, and `fizz-batch results`. Each words the way on in its own terms (a key,
 * a flag); the reason and its sentence are the same.
 */
export type MissingFile =
  /** The job has not ended: its files come when it does. */
  | { why: 'not_yet' }
  /** It failed before any request ran (its errors say why). */
  | { why: 'never_ran' }
  /** Error file: nothing failed (`allSucceeded`: and the job completed). */
  | { why: 'none_failed'; allSucceeded: boolean }
  /** Output file: not one request succeeded. */
  | { why: 'none_succeeded' }
  /** Requests succeeded (or failed), yet the server gave no file for them. */
  | { why: 'not_given'; failed: number };

/** Why `job` has no `which` file; null when it has one. */
export function missingFile(job: Batch, which: 'output' | 'error'): MissingFile | null {
  if ((which === 'output' ? job.outputFileId : job.errorFileId) !== null) return null;
  const { completed, failed } = job.requestCounts;
  if (job.statusClass !== 'terminal') return { why: 'not_yet' };
  if (job.status === 'failed' && completed + failed === 0) return { why: 'never_ran' };
  if (which === 'error')
    return failed === 0
      ? { why: 'none_failed', allSucceeded: job.status === 'completed' }
      : { why: 'not_given', failed };
  return completed === 0 ? { why: 'none_succeeded' } : { why: 'not_given', failed };
}

/**
 * The sentence for it, about `subject` ("This job", or the job's id), with the status as the
 * surface shows it (`status`) and the surface's own way to the error file (`errorsHint`).
 */
export function missingFileText(
  missing: MissingFile,
  which: 'output' | 'error',
  subject: string,
  words: { status: string; errorsHint: string | null; count: (n: number) => string },
): string {
  switch (missing.why) {
    case 'not_yet':
      return `${subject} has no ${which} file yet: it comes when the job finishes (it is ${words.status}).`;
    case 'never_ran':
      return `${subject} has no ${which} file: it failed before any request ran (see the errors).`;
    case 'none_failed':
      return `${subject} has no error file: ${missing.allSucceeded ? 'every request succeeded' : 'no request failed'}.`;
    case 'none_succeeded':
      return `${subject} has no output file: no request succeeded${words.errorsHint ? ` (${words.errorsHint})` : ''}.`;
    case 'not_given':
      return which === 'error'
        ? `${subject} has no error file, although ${words.count(missing.failed)} ${pluralWord(missing.failed, 'request')} failed: the server gave none.`
        : `${subject} has no output file: the server gave none.`;
  }
}
