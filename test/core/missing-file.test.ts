import { describe, expect, it } from 'vitest';
import { missingFile, missingFileText } from '../../src/core/jobs/missing-file.js';
import { makeBatch } from '../support/ui.js';

// Why a job has no output or error file: decided once for the console's o/e and `results`.

const words = { status: 'in progress', errorsHint: 'e shows the errors', count: String };
const done = (counts: { total: number; completed: number; failed: number }, extra: Record<string, unknown> = {}) =>
  makeBatch({
    status: 'completed',
    statusClass: 'terminal',
    requestCounts: counts,
    outputFileId: null,
    errorFileId: null,
    ...extra,
  });

describe('missingFile', () => {
  it('a file that is there is not missing', () => {
    expect(missingFile(done({ total: 2, completed: 2, failed: 0 }, { outputFileId: 'file-out' }), 'output')).toBeNull();
  });

  it('says each reason in one sentence, whichever surface asks', () => {
    const cases: Array<[ReturnType<typeof makeBatch>, 'output' | 'error', string]> = [
      [
        makeBatch({ status: 'in_progress', statusClass: 'active', outputFileId: null }),
        'output',
        'This job has no output file yet: it comes when the job finishes (it is in progress).',
      ],
      [
        done({ total: 0, completed: 0, failed: 0 }, { status: 'failed' }),
        'output',
        'This job has no output file: it failed before any request ran (see the errors).',
      ],
      [done({ total: 3, completed: 3, failed: 0 }), 'error', 'This job has no error file: every request succeeded.'],
      [
        done({ total: 3, completed: 1, failed: 0 }, { status: 'expired' }),
        'error',
        'This job has no error file: no request failed.',
      ],
      [
        done({ total: 3, completed: 0, failed: 3 }, { errorFileId: 'file-err' }),
        'output',
        'This job has no output file: no request succeeded (e shows the errors).',
      ],
      [
        done({ total: 3, completed: 1, failed: 2 }),
        'error',
        'This job has no error file, although 2 requests failed: the server gave none.',
      ],
      [done({ total: 3, completed: 3, failed: 0 }), 'output', 'This job has no output file: the server gave none.'],
    ];
    for (const [job, which, sentence] of cases) {
      const missing = missingFile(job, which);
      expect(missing).not.toBeNull();
      expect(
        missingFileText(missing!, which, 'This job', {
          ...words,
          errorsHint: job.errorFileId ? words.errorsHint : null,
        }),
      ).toBe(sentence);
    }
  });
});
