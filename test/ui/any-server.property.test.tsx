import fc from 'fast-check';
import type { ReactElement } from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { BatchPageSchema, FilePageSchema, Pager, type Batch, type FileObject } from '../../src/api/index.js';
import type { Session } from '../../src/core/session.js';
import { FilesScreen } from '../../src/ui/features/files/FilesScreen.js';
import { JobDetailScreen } from '../../src/ui/features/job-detail/JobDetailScreen.js';
import { JobListScreen } from '../../src/ui/features/jobs/JobListScreen.js';
import { fakeSession, renderUi } from '../support/ui.js';

// Whatever an OpenAI-compatible server sends, the console shows it without dying, without junk
// and without a row wider than the terminal. The shapes follow the OpenAPI extract
// (test/fixtures/openai-batch-files-extract.yaml: Batch, BatchRequestCounts, OpenAIFile, the list
// responses), spec-valid most of the time, with the provider quirks the schemas accept (numeric
// strings, ISO or millisecond timestamps, errors as a string, bare-array lists) and values a
// careless or hostile server sends (negative and huge counts, 1970 and 2300, empty and
// 10,000-character strings, control characters, wide characters).
//
// The seed is fixed so a failure reproduces; fast-check prints the seed and the counterexample.

const seed = 20_261_203;
const sizes = [
  { width: 60, height: 15 },
  { width: 80, height: 24 },
  { width: 160, height: 50 },
] as const;
const junk = /NaN|undefined|Invalid Date|\[object|Infinity/;

// An alphabet without the letters of the junk words, so generated text can never spell them.
const chars = [
  'a',
  'b',
  'z',
  'x',
  '0',
  '9',
  '-',
  '_',
  '/',
  ' ',
  '.',
  ':',
  'é',
  '界',
  '🙂',
  '\n',
  '\t',
  '\r',
  '\u0007',
  '\u001b',
  '\u200b',
  '\u0301',
  '\u202e',
  '\u009d',
  '👨‍👩‍👧',
  '🇯🇵',
  '❤️',
  '👍🏽',
  '\ud83d',
];
const text = (maxLength: number) => fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));
const anyText = fc.oneof(
  { arbitrary: text(24), weight: 6 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: text(400), weight: 1 },
  { arbitrary: fc.constant('x'.repeat(10_000)), weight: 1 },
);
const nowSeconds = Math.floor(Date.now() / 1000);

const timestamp = fc.oneof(
  { arbitrary: fc.integer({ min: nowSeconds - 90 * 86_400, max: nowSeconds + 86_400 }), weight: 8 },
  { arbitrary: fc.constantFrom(null, undefined, 0, -1, 1, 10_413_792_000, 1e20, 1.5e9 + 0.5), weight: 2 },
  { arbitrary: fc.integer({ min: -1e13, max: 1e13 }), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 4e12 }).map(String), weight: 1 }, // numeric strings, seconds or ms
  {
    arbitrary: fc.date({ min: new Date(-1e13), max: new Date(1e13), noInvalidDate: true }).map((d) => d.toISOString()),
    weight: 1,
  },
  { arbitrary: fc.constantFrom('yesterday', '', ' ', '2300-01-01', 'NaN', '1e400'), weight: 1 },
);

const count = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 60_000 }), weight: 8 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.constantFrom(null, undefined, -5, 1e300, 2 ** 53 + 1, 0.5, -0), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constantFrom('12', '-3', '4.5', 'NaN', 'lots', ''), weight: 1 },
);

const status = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'validating',
      'failed',
      'in_progress',
      'finalizing',
      'completed',
      'expired',
      'cancelling',
      'cancelled',
    ),
    weight: 8,
  },
  { arbitrary: fc.constantFrom('PRE_SCHEDULE', 'Completed', 'queued'), weight: 1 },
  { arbitrary: text(12), weight: 1 },
);

const id = (prefix: string) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 1e9 }).map((n) => `${prefix}${n.toString(36)}`), weight: 8 },
    { arbitrary: anyText.map((t) => `${prefix}${t}`), weight: 1 },
    { arbitrary: fc.constantFrom('', 7), weight: 1 }, // slightly invalid: the schema refuses these
  );

const batchError = fc.record(
  {
    code: fc.option(text(16)),
    message: fc.option(anyText),
    param: fc.option(text(8)),
    line: fc.option(fc.oneof(fc.integer(), fc.constant('3'))),
  },
  { requiredKeys: [] },
);

const batch = fc.record(
  {
    id: id('batch_'),
    object: fc.constant('batch'),
    endpoint: fc.oneof(
      fc.constantFrom(
        '/v1/chat/completions',
        '/v1/responses',
        '/v1/embeddings',
        '/v1/completions',
        '/v1/moderations',
        '/chat/completions',
      ),
      anyText,
    ),
    model: fc.option(anyText),
    errors: fc.oneof(
      fc.constant(null),
      fc.record({ object: fc.constant('list'), data: fc.array(batchError, { maxLength: 4 }) }),
      anyText,
    ),
    input_file_id: fc.option(id('file-')),
    completion_window: fc.option(fc.constantFrom('24h', '1h', '')),
    status,
    output_file_id: fc.option(id('file-')),
    error_file_id: fc.option(id('file-')),
    created_at: timestamp,
    in_progress_at: timestamp,
    expires_at: timestamp,
    finalizing_at: timestamp,
    completed_at: timestamp,
    failed_at: timestamp,
    expired_at: timestamp,
    cancelling_at: timestamp,
    cancelled_at: timestamp,
    request_counts: fc.oneof(
      { arbitrary: fc.record({ total: count, completed: count, failed: count }, { requiredKeys: [] }), weight: 9 },
      { arbitrary: fc.constantFrom(null, 'many', 3), weight: 1 },
    ),
    usage: fc.option(
      fc.record(
        {
          input_tokens: count,
          output_tokens: count,
          total_tokens: count,
          input_tokens_details: fc.record({ cached_tokens: count }),
        },
        { requiredKeys: [] },
      ),
    ),
    metadata: fc.option(
      fc.dictionary(fc.oneof(fc.constant('description'), text(20)), fc.oneof(anyText, fc.integer()), { maxKeys: 4 }),
    ),
  },
  // Required by the spec: id, object, endpoint, input_file_id, completion_window, status, created_at.
  { requiredKeys: ['id', 'status', 'endpoint', 'request_counts'] },
);

const file = fc.record(
  {
    id: id('file-'),
    object: fc.constant('file'),
    bytes: fc.oneof(fc.integer({ min: 0, max: 200_000_000 }), fc.constantFrom(-3, 1e300, null, '120000', 0.5)),
    created_at: timestamp,
    expires_at: timestamp,
    filename: anyText,
    purpose: fc.oneof(fc.constantFrom('batch', 'batch_output', 'batch-output', 'fine-tune', 'user_data'), text(10)),
    status: fc.option(fc.constantFrom('uploaded', 'processed', 'error')),
  },
  { requiredKeys: ['id', 'created_at', 'filename', 'purpose'] },
);

/** A list response as OpenAI sends it, or as a bare array (Together). */
const list = <T,>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    {
      arbitrary: fc.array(item, { maxLength: 8 }).map((data) => ({ object: 'list', data, has_more: false })),
      weight: 4,
    },
    { arbitrary: fc.array(item, { maxLength: 8 }), weight: 1 },
  );

function checkFrame(frame: string, size: { width: number; height: number }, what: string) {
  const where = `${what} at ${size.width}×${size.height}:\n${frame}`;
  expect(frame, where).not.toMatch(junk);
  // A control character from the server would move the cursor or ring the bell in a real terminal.
  expect(frame, where).not.toMatch(/(?!\n)\p{Cc}/u);
  for (const line of frame.split('\n')) {
    expect(stringWidth(line), where).toBeLessThanOrEqual(size.width);
    // What tmux and xterm.js draw: each code point its own width. A row wider there would wrap.
    expect(summedWidth(line), where).toBeLessThanOrEqual(size.width);
  }
  // Half a surrogate pair draws as garbage (or breaks the terminal's UTF-8).
  expect(frame, where).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

function summedWidth(text: string): number {
  return Array.from(text).reduce((sum, ch) => sum + stringWidth(ch), 0);
}

/** How many frames of each screen were checked: the property must not pass by showing nothing. */
const shown: Record<string, number> = {};

/** Renders a screen on a fake session, waits for it to show its data, checks and unmounts it. */
async function show(
  session: Session,
  element: ReactElement,
  size: { width: number; height: number },
  ready: RegExp,
  what: string,
) {
  const ui = renderUi(element, { session, body: size, scope: what === 'files' ? 'files' : 'list' });
  try {
    checkFrame(await ui.waitForFrame(ready, 3_000), size, what);
    shown[what] = (shown[what] ?? 0) + 1;
  } finally {
    ui.unmount();
    session.dispose();
  }
}

describe('any server (property-based)', () => {
  it('the schemas take thousands of batch, file and list objects without throwing, and give finite numbers', () => {
    fc.assert(
      fc.property(list(batch), list(file), (batches, files) => {
        const b = BatchPageSchema.safeParse(batches);
        const f = FilePageSchema.safeParse(files);
        for (const job of b.success ? b.data.items : []) {
          for (const n of [job.requestCounts.total, job.requestCounts.completed, job.requestCounts.failed])
            expect(Number.isFinite(n)).toBe(true);
          for (const t of [job.createdAt, job.expiresAt, job.completedAt])
            expect(t === null || new Date(t * 1000).getFullYear() <= 9999).toBe(true);
        }
        for (const one of f.success ? f.data.items : [])
          expect(one.bytes === null || Number.isFinite(one.bytes)).toBe(true);
      }),
      { seed, numRuns: 1_500 },
    );
  });

  it('the job list, the job detail and the files screen show whatever the schemas accept, at 60×15, 80×24 and 160×50', async () => {
    const accepted = <T,>(parsed: { success: boolean; data?: { items: T[] } }): T[] | null =>
      parsed.success && parsed.data ? parsed.data.items : null;
    await fc.assert(
      fc.asyncProperty(list(batch), list(file), fc.constantFrom(...sizes), async (rawBatches, rawFiles, size) => {
        const jobs = accepted<Batch>(BatchPageSchema.safeParse(rawBatches));
        const files = accepted<FileObject>(FilePageSchema.safeParse(rawFiles));
        if (jobs) {
          const page = async () => ({ items: jobs, hasMore: false, nextCursor: null });
          await show(
            fakeSession({ listBatches: page, batchPager: () => new Pager<Batch>(page) }),
            <JobListScreen />,
            size,
            /end of list|No batch jobs yet/,
            'job list',
          );
          const job = jobs[0];
          if (job)
            await show(
              fakeSession({ getBatch: async () => job }),
              <JobDetailScreen id={job.id} initial={job} intervalMs={60_000} />,
              size,
              / total · /,
              'job detail',
            );
        }
        if (files) {
          await show(
            fakeSession({ listFiles: async () => ({ items: files, hasMore: false, nextCursor: null }) }),
            <FilesScreen />,
            size,
            /\bfiles? on |No uploaded files/,
            'files',
          );
        }
      }),
      { seed, numRuns: 15, endOnFailure: true },
    );
    expect(shown['job list']).toBeGreaterThan(5);
    expect(shown['job detail']).toBeGreaterThan(3);
    expect(shown['files']).toBeGreaterThan(5);
  }, 60_000);
});
