import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createBatchClient,
  type ContentStream,
  type ContentStreamOptions,
  type FetchLike,
} from '../../../src/api/index.js';
import { cacheEntry } from '../../../src/core/results/cache.js';
import { openRemoteDocument, type RemoteDocument } from '../../../src/core/results/remote-document/document.js';
import type { ContentClient } from '../../../src/core/results/remote-document/options.js';
import type { LineDocument } from '../../../src/core/results/types.js';
import { tempDir } from '../../support/batch-files.js';
import { waitFor } from '../../support/wait.js';
import { startClocked, uploadLines, type TestServer } from '../../server/helpers.js';

const HOST = 'testhost';
const FILE = 'file-out';

const LINES = Array.from({ length: 2000 }, (_, i) =>
  JSON.stringify({
    id: `batch_req_${i}`,
    custom_id: `req-${i}`,
    response: { status_code: 200, body: { n: i, text: 'é'.repeat(i % 40) } },
    error: null,
  }),
);
const CONTENT = Buffer.from(LINES.join('\n') + '\n');

const opened: LineDocument[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  for (const doc of opened.splice(0)) await doc.close();
  await server?.close();
  server = undefined;
});

/** What a test's server does for one content request. */
type Respond = (call: ContentStreamOptions, n: number) => ContentStream | Promise<ContentStream>;

/** A client whose answers the test scripts; it records each request and honours the abort signal. */
class FakeClient implements ContentClient {
  readonly baseURL = 'http://fake.test/v1';
  readonly calls: ContentStreamOptions[] = [];
  constructor(private readonly respond: Respond) {}

  async openContent(_fileId: string, opts: ContentStreamOptions = {}): Promise<ContentStream> {
    this.calls.push(opts);
    const answer = await this.respond(opts, this.calls.length);
    opts.signal?.addEventListener(
      'abort',
      () => answer.stream.destroy(new ApiError({ kind: 'cancelled', message: 'Reading was cancelled.' })),
      { once: true },
    );
    return answer;
  }
}

function answer(stream: Readable, fields: Partial<Omit<ContentStream, 'stream'>> = {}): ContentStream {
  return {
    stream,
    contentLength: null,
    partial: false,
    totalBytes: null,
    acceptRanges: true,
    etag: null,
    lastModified: null,
    ...fields,
  };
}

/** A server that serves `content` and honours ranges (or not). */
const serving =
  (content: Buffer, ranges = true): Respond =>
  ({ start = 0 }) => {
    const from = ranges ? start : 0;
    return answer(Readable.from([content.subarray(from)]), {
      partial: ranges && start > 0,
      totalBytes: content.length,
      contentLength: content.length - from,
      acceptRanges: ranges,
    });
  };

/** Sends the first `bytes` of `content`; once the reader has them and asks for more, the connection drops. */
const droppingAfter =
  (content: Buffer, bytes: number): Respond =>
  () => {
    let sent = false;
    // No buffering ahead of the reader: read() runs only when the reader wants more.
    const stream = new Readable({
      highWaterMark: 0,
      read() {
        if (!sent) {
          sent = true;
          this.push(content.subarray(0, bytes));
        } else
          this.destroy(
            new ApiError({ kind: 'unreachable', message: 'The connection to http://fake.test was lost (ECONNRESET).' }),
          );
      },
    });
    return answer(stream, { totalBytes: content.length, contentLength: content.length });
  };

/** One respond function per request, in order. */
const inTurn =
  (...responds: Respond[]): Respond =>
  (call, n) =>
    responds[Math.min(n, responds.length) - 1]!(call, n);

async function openWith(client: ContentClient, cacheDir: string): Promise<RemoteDocument> {
  const doc = await openRemoteDocument({ client, fileId: FILE, cacheDir, hostKey: HOST });
  opened.push(doc);
  return doc;
}

function entryOf(cacheDir: string) {
  return cacheEntry(join(cacheDir, 'files', HOST), FILE);
}

async function textsOf(doc: LineDocument): Promise<string[]> {
  return (await doc.readLines(0, doc.getState().lines)).map((l) => l.text);
}

const linesReached = (doc: LineDocument, count: number) =>
  waitFor(
    `${count} lines`,
    async () => doc.getState().lines,
    (lines) => lines >= count,
  );

const failed = (doc: LineDocument) =>
  waitFor(
    'an error',
    async () => doc.getState().error,
    (error) => error !== null,
  );

async function closeAll(): Promise<void> {
  for (const doc of opened.splice(0)) await doc.close();
}

describe('openRemoteDocument: download', () => {
  it('shows the first lines before the download finishes, and publishes the file only when complete', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const stream = new PassThrough();
    const client = new FakeClient(() => answer(stream, { totalBytes: CONTENT.length, contentLength: CONTENT.length }));
    const doc = await openWith(client, cacheDir);
    const entry = entryOf(cacheDir);
    expect(doc.getState()).toMatchObject({ origin: 'network', complete: false, lines: 0 });
    expect(doc.path).toBe(entry.part);

    // Two lines and a half.
    const cut = CONTENT.indexOf('\n', CONTENT.indexOf('\n') + 1) + 20;
    stream.write(CONTENT.subarray(0, cut));
    await linesReached(doc, 2);
    expect((await doc.readLine(1)).text).toBe(LINES[1]);
    await expect(doc.readLine(2)).rejects.toBeInstanceOf(RangeError);
    expect(doc.getState()).toMatchObject({ lines: 2, complete: false, totalBytes: CONTENT.length });
    expect(existsSync(entry.complete)).toBe(false);

    stream.end(CONTENT.subarray(cut));
    await doc.whenComplete();
    expect(doc.getState()).toMatchObject({ lines: LINES.length, complete: true, bytes: CONTENT.length, error: null });
    expect(doc.path).toBe(entry.complete);
    expect(readFileSync(entry.complete).equals(CONTENT)).toBe(true);
    expect([existsSync(entry.part), existsSync(entry.meta)]).toEqual([false, false]);
    expect(await textsOf(doc)).toEqual(LINES);
  });

  it('reuses the cached copy on the next open: no second request', async () => {
    server = await startClocked();
    const id = await uploadLines(server, LINES, 'out.jsonl');
    const requests: string[] = [];
    const counting: FetchLike = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const client = createBatchClient({ baseURL: server.url, fetch: counting });
    const cacheDir = tempDir('fizz-remote-');
    const open = async () => {
      const doc = await openRemoteDocument({ client, fileId: id, cacheDir });
      opened.push(doc);
      await doc.whenComplete();
      return doc;
    };
    const first = await open();
    expect(first.getState().origin).toBe('network');
    expect(await textsOf(first)).toEqual(LINES);
    await closeAll();

    const second = await open();
    expect(second.getState()).toMatchObject({ origin: 'cache', complete: true, lines: LINES.length });
    expect(await textsOf(second)).toEqual(LINES);
    expect(requests.filter((url) => url.endsWith('/content'))).toHaveLength(1);
  });

  it('never publishes a short download as complete, and continues it on the next open', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const entry = entryOf(cacheDir);
    // Content-Length says the whole file, the body ends early without an error.
    const short = new FakeClient(() =>
      answer(Readable.from([CONTENT.subarray(0, 5000)]), { totalBytes: CONTENT.length, contentLength: CONTENT.length }),
    );
    const doc = await openWith(short, cacheDir);
    await expect(doc.whenComplete()).rejects.toThrow(`stopped after 5000 of ${CONTENT.length} bytes`);
    expect(doc.getState()).toMatchObject({ complete: false, bytes: 5000 });
    expect(existsSync(entry.complete)).toBe(false);
    expect(statSync(entry.part).size).toBe(5000);
    await closeAll();

    const rest = new FakeClient(serving(CONTENT));
    const again = await openWith(rest, cacheDir);
    await again.whenComplete();
    expect(rest.calls.map((c) => c.start)).toEqual([5000]);
    expect(again.getState()).toMatchObject({ resumedFrom: 5000, complete: true });
    expect(readFileSync(entry.complete).equals(CONTENT)).toBe(true);
  });

  it('a body longer than announced is never the file either', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const client = new FakeClient(() =>
      answer(Readable.from([CONTENT.subarray(0, 3000)]), { totalBytes: 2000, contentLength: 2000 }),
    );
    const doc = await openWith(client, cacheDir);
    await expect(doc.whenComplete()).rejects.toThrow('3000 of 2000 bytes');
    expect(existsSync(entryOf(cacheDir).complete)).toBe(false);
  });

  it('an empty file is complete with no lines', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const doc = await openWith(new FakeClient(serving(Buffer.alloc(0))), cacheDir);
    await doc.whenComplete();
    expect(doc.getState()).toMatchObject({ lines: 0, complete: true });
    expect(existsSync(entryOf(cacheDir).complete)).toBe(true);
  });

  it('opens of one file, even at the same time, share one download; the last close closes it', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const stream = new PassThrough();
    const client = new FakeClient(() => answer(stream));
    const [a, b] = await Promise.all([
      openWith(client, cacheDir),
      openRemoteDocument({ client, fileId: FILE, cacheDir, hostKey: HOST }),
    ]);
    const c = await openRemoteDocument({ client, fileId: FILE, cacheDir, hostKey: HOST });
    expect(b).toBe(a);
    expect(c).toBe(a);
    stream.end(CONTENT);
    await a.whenComplete();
    await b.close();
    await c.close();
    expect((await a.readLine(0)).text).toBe(LINES[0]);
    expect(client.calls).toHaveLength(1);
    await closeAll();
    await expect(a.readLine(0)).rejects.toThrow('is closed');

    // Once closed, an open starts afresh (from the cache now).
    const d = await openWith(client, cacheDir);
    expect(d).not.toBe(a);
    expect(d.getState().origin).toBe('cache');
  });
});

describe('openRemoteDocument: interrupted downloads', () => {
  it('a lost connection keeps what arrived readable; the next open resumes it with Range (built-in server)', async () => {
    server = await startClocked();
    const id = await uploadLines(server, LINES, 'out.jsonl');
    const cacheDir = tempDir('fizz-remote-');
    const CUT = 40_001;
    // The connection drops once the document has written the first CUT bytes.
    let drop = () => undefined as void;
    const dropped = new Promise<void>((resolve) => (drop = resolve));
    const cutting: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/content') || !res.body) return res;
      const reader = res.body.getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= CUT) {
            await dropped;
            return controller.error(new TypeError('terminated'));
          }
          const { done, value } = await reader.read();
          if (done) return controller.close();
          const part = value.subarray(0, CUT - sent);
          sent += part.length;
          controller.enqueue(part);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const first = await openRemoteDocument({
      client: createBatchClient({ baseURL: server.url, fetch: cutting, maxRetries: 0 }),
      fileId: id,
      cacheDir,
    });
    opened.push(first);
    await waitFor(
      `${CUT} bytes`,
      async () => first.getState().bytes,
      (bytes) => bytes === CUT,
    );
    drop();
    await expect(first.whenComplete()).rejects.toMatchObject({ kind: 'unreachable' });
    const shown = first.getState().lines;
    expect(shown).toBeGreaterThan(10);
    expect(await textsOf(first)).toEqual(LINES.slice(0, shown));
    await closeAll();

    const ranges: (string | null)[] = [];
    const recording: FetchLike = async (input, init) => {
      ranges.push(new Headers(init?.headers).get('range'));
      return fetch(input, init);
    };
    const second = await openRemoteDocument({
      client: createBatchClient({ baseURL: server.url, fetch: recording }),
      fileId: id,
      cacheDir,
    });
    opened.push(second);
    await second.whenComplete();
    expect(ranges).toEqual([`bytes=${CUT}-`]);
    expect(second.getState()).toMatchObject({
      origin: 'network',
      resumedFrom: CUT,
      complete: true,
      lines: LINES.length,
    });
    expect(await textsOf(second)).toEqual(LINES);
  });

  it('starts over when the server ignores the Range and sends the whole file', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const first = await openWith(new FakeClient(droppingAfter(CONTENT, 7000)), cacheDir);
    await failed(first);
    await closeAll();

    const ignoring = new FakeClient(serving(CONTENT, false));
    const second = await openWith(ignoring, cacheDir);
    await second.whenComplete();
    expect(ignoring.calls.map((c) => c.start)).toEqual([7000]);
    expect(second.getState()).toMatchObject({ resumedFrom: null, complete: true, bytes: CONTENT.length });
    expect(readFileSync(entryOf(cacheDir).complete).equals(CONTENT)).toBe(true);
    expect(await textsOf(second)).toEqual(LINES);
  });

  it('starts over when the server cannot serve the range (416)', async () => {
    const cacheDir = tempDir('fizz-remote-');
    await failed(await openWith(new FakeClient(droppingAfter(CONTENT, 7000)), cacheDir));
    await closeAll();

    const refusing = new FakeClient(({ start = 0 }) => {
      if (start > 0) throw new ApiError({ kind: 'bad_request', status: 416, message: 'Range Not Satisfiable (416).' });
      return serving(CONTENT)({}, 1);
    });
    const second = await openWith(refusing, cacheDir);
    await second.whenComplete();
    expect(refusing.calls.map((c) => c.start)).toEqual([7000, undefined]);
    expect(readFileSync(entryOf(cacheDir).complete).equals(CONTENT)).toBe(true);
  });

  it('closing mid-download (quitting) keeps the partial file and its record; the next open resumes', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const entry = entryOf(cacheDir);
    const stream = new PassThrough();
    const first = await openWith(
      new FakeClient(() => answer(stream, { totalBytes: CONTENT.length, etag: '"v1"' })),
      cacheDir,
    );
    stream.write(CONTENT.subarray(0, 12_345));
    await waitFor(
      '12,345 bytes',
      async () => first.getState().bytes,
      (bytes) => bytes === 12_345,
    );
    await closeAll();
    expect(statSync(entry.part).size).toBe(12_345);
    expect(JSON.parse(readFileSync(entry.meta, 'utf8'))).toMatchObject({
      fileId: FILE,
      bytes: 12_345,
      totalBytes: CONTENT.length,
      etag: '"v1"',
    });
    expect(existsSync(entry.complete)).toBe(false);

    const rest = new FakeClient(serving(CONTENT));
    const second = await openWith(rest, cacheDir);
    await second.whenComplete();
    // The same version only: the validator goes with the Range.
    expect(rest.calls.map((c) => [c.start, c.ifRange])).toEqual([[12_345, '"v1"']]);
    expect(await textsOf(second)).toEqual(LINES);
  });

  it('retry() continues from where the download stopped; the lines shown stay', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const client = new FakeClient(inTurn(droppingAfter(CONTENT, 9999), serving(CONTENT)));
    const doc = await openWith(client, cacheDir);
    await failed(doc);
    const before = await textsOf(doc);
    expect(before.length).toBeGreaterThan(0);
    expect(doc.getState().error).toMatchObject({ kind: 'unreachable' });

    doc.retry();
    expect(doc.getState().error).toBeNull();
    await doc.whenComplete();
    expect(client.calls.map((c) => c.start)).toEqual([undefined, 9999]);
    expect((await textsOf(doc)).slice(0, before.length)).toEqual(before);
    expect(await textsOf(doc)).toEqual(LINES);
  });

  it('retry() against a server that sends the whole file again checks it matches what is shown', async () => {
    const cacheDir = tempDir('fizz-remote-');
    const same = new FakeClient(inTurn(droppingAfter(CONTENT, 9999), serving(CONTENT, false)));
    const doc = await openWith(same, cacheDir);
    await failed(doc);
    doc.retry();
    await doc.whenComplete();
    expect(readFileSync(entryOf(cacheDir).complete).equals(CONTENT)).toBe(true);
    expect(await textsOf(doc)).toEqual(LINES);
    await closeAll();

    const otherDir = tempDir('fizz-remote-');
    const changed = Buffer.from(CONTENT.toString().replace('req-0', 'XXX-0'));
    const differs = new FakeClient(inTurn(droppingAfter(CONTENT, 9999), serving(changed, false)));
    const doc2 = await openWith(differs, otherDir);
    await failed(doc2);
    doc2.retry();
    await expect(doc2.whenComplete()).rejects.toThrow('changed on the server');
    expect(existsSync(entryOf(otherDir).complete)).toBe(false);
    await closeAll();

    // The old bytes are never continued with the new version's: the next open starts over.
    const fresh = new FakeClient(serving(changed));
    const doc3 = await openWith(fresh, otherDir);
    await doc3.whenComplete();
    expect(fresh.calls.map((c) => c.start)).toEqual([undefined]);
    expect(readFileSync(entryOf(otherDir).complete).equals(changed)).toBe(true);
  });

  it('a download that sends nothing for a while says it is stalled; retry() asks again from where it stopped, without a failure', async () => {
    /** Sends the first `bytes`, then nothing, ever (until the request is aborted). */
    const stallingAfter =
      (bytes: number): Respond =>
      () => {
        let sent = false;
        const stream = new Readable({
          highWaterMark: 0,
          read() {
            if (!sent) {
              sent = true;
              this.push(CONTENT.subarray(0, bytes));
            }
          },
        });
        return answer(stream, { totalBytes: CONTENT.length, contentLength: CONTENT.length });
      };
    const client = new FakeClient(inTurn(stallingAfter(40_000), serving(CONTENT)));
    const doc = await openRemoteDocument({
      client,
      fileId: FILE,
      hostKey: HOST,
      cacheDir: tempDir('fizz-remote-'),
      stallNoticeMs: 50,
      idleTimeoutMs: 60_000,
    });
    opened.push(doc);
    const errors: unknown[] = [];
    doc.subscribe(() => void (doc.getState().error && errors.push(doc.getState().error)));
    await waitFor(
      'the stall to be said',
      async () => doc.getState().stalledMs ?? 0,
      (stalled) => stalled >= 50,
    );
    expect(doc.getState()).toMatchObject({ bytes: 40_000, complete: false, error: null });
    doc.retry();
    await doc.whenComplete();
    expect(client.calls.map((call) => call.start)).toEqual([undefined, 40_000]);
    expect(doc.getState().stalledMs ?? null).toBeNull();
    expect(errors).toEqual([]);
    expect(await textsOf(doc)).toEqual(LINES);
  });

  it('retry() while data flows does nothing', async () => {
    const client = new FakeClient(serving(CONTENT));
    const doc = await openRemoteDocument({
      client,
      fileId: FILE,
      hostKey: HOST,
      cacheDir: tempDir('fizz-remote-'),
      stallNoticeMs: 60_000,
    });
    opened.push(doc);
    doc.retry();
    await doc.whenComplete();
    expect(client.calls).toHaveLength(1);
  });

  it('a stalled server fails with a timeout; retry() resumes with Range (built-in server, real client)', async () => {
    server = await startClocked();
    const id = await uploadLines(server, LINES, 'out.jsonl');
    let contentRequests = 0;
    const ranges: (string | null)[] = [];
    const stallingOnce: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/content') || !res.body) return res;
      ranges.push(new Headers(init?.headers).get('range'));
      if ((contentRequests += 1) > 1) return res;
      const reader = res.body.getReader();
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent) return new Promise<void>(() => undefined);
          const { value } = await reader.read();
          sent = true;
          controller.enqueue(value!.subarray(0, 30_000));
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const doc = await openRemoteDocument({
      client: createBatchClient({ baseURL: server.url, fetch: stallingOnce }),
      fileId: id,
      cacheDir: tempDir('fizz-remote-'),
      idleTimeoutMs: 300,
    });
    opened.push(doc);
    await expect(doc.whenComplete()).rejects.toMatchObject({ kind: 'timeout' });
    const written = doc.getState().bytes;
    expect(written).toBeGreaterThan(0);
    doc.retry();
    await doc.whenComplete();
    expect(ranges).toEqual([null, `bytes=${written}-`]);
    expect(await textsOf(doc)).toEqual(LINES);
  });
});
