import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Batch API that sends what the contract allows and what careless servers send: negative,
 * huge, fractional, inconsistent and unreadable counts, timestamps in 1970, in 2300 and past any
 * calendar, a 10,000-character id, model and description, and a list that repeats itself (every
 * page says has_more and brings back the same jobs). For tests, and to try the console by hand:
 *
 *   node test/support/hostile-server.ts 47811   (then fizz-batch --base-url http://127.0.0.1:47811/v1)
 *
 * startEscapeServer (below) puts escape sequences and other controls in every string instead.
 */
const long = 'x'.repeat(10_000);
const createdAt = 1_764_000_000;

function job(id: string, counts: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    input_file_id: 'file-hostile',
    completion_window: '24h',
    created_at: createdAt,
    request_counts: counts,
    metadata: { description: id },
    ...extra,
  };
}

export const hostileJobs: ReadonlyArray<Record<string, unknown>> = [
  job('batch_negative', { total: 50, completed: -5, failed: 0 }),
  job('batch_over', { total: 50, completed: 270, failed: 0.5 }),
  job('batch_huge', { total: 1e300, completed: 1e299, failed: 3 }, { created_at: 10_413_792_000, expires_at: 1e20 }),
  job('batch_1970', { total: 10, completed: 2, failed: 1 }, { created_at: 1, in_progress_at: 2, expires_at: 3 }),
  job('batch_nanish', { total: 'NaN', completed: 'lots', failed: null }, { created_at: 'yesterday-ish' }),
  job('batch_onefail', { total: 50_000, completed: 0, failed: 1 }),
  job('batch_zero', { total: 0, completed: 0, failed: 0 }, { status: 'validating' }),
  job(`batch_${long}`, { total: 3, completed: 1, failed: 0 }, { model: long, metadata: { description: long } }),
];

export interface HostileServer {
  url: string;
  /** GET /v1/batches requests served so far. */
  listCalls: () => number;
  close: () => Promise<void>;
}

export async function startHostileServer(port = 0): Promise<HostileServer> {
  let listCalls = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/v1/batches') {
      listCalls += 1;
      res.end(JSON.stringify({ object: 'list', data: hostileJobs, has_more: true, last_id: 'batch_zero' }));
      return;
    }
    const one = /^\/v1\/batches\/([^/]+)$/.exec(path);
    const found = one ? hostileJobs.find((j) => j.id === decodeURIComponent(one[1]!)) : undefined;
    if (found) {
      res.end(JSON.stringify(found));
      return;
    }
    if (path === '/v1/files') {
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'file-hostile', bytes: -3, created_at: 1e20, filename: long, purpose: 'batch' }],
          has_more: false,
        }),
      );
      return;
    }
    if (path === '/v1/models') {
      res.end(JSON.stringify({ object: 'list', data: [] }));
      return;
    }
    res.statusCode = 404;
    res.end(
      JSON.stringify({ error: { message: `no ${path} here`, type: 'invalid_request_error', param: null, code: null } }),
    );
  });
  return listen(server, port, () => listCalls);
}

// ---------------------------------------------------------------------------------------------
// Escape sequences in every string field
// ---------------------------------------------------------------------------------------------

/**
 * What a server or a file can put in a string to act on the terminal that shows it: OSC 0
 * (title), 8 (link) and 52 (clipboard) with ESC…BEL/ST and with the 8-bit C1 introducers, CSI
 * clear screen (7- and 8-bit), SGR blink and conceal, BEL, CR and BS (overwrite), a bidi
 * override, a lone surrogate and zero-width characters.
 */
export const hostileStrings: readonly string[] = [
  '\u001b]0;pwned-title\u0007',
  '\u001b]8;;file:///etc/passwd\u001b\\click\u001b]8;;\u001b\\',
  '\u001b]52;c;SGVsbG8=\u0007',
  '\u009d0;c1-title\u009c',
  '\u009d8;;https://evil.example/\u009cphish\u009d8;;\u009c',
  '\u009d52;c;SGVsbG8=\u009c',
  '\u001b[2J\u001b[H',
  '\u009b2J',
  '\u001b[5mblink\u001b[8mhidden\u001b[0m',
  'bell\u0007',
  'safe\rOVER',
  'back\b\b\bXX',
  'rtl\u202Egnp.exe',
  'lone\uD800half',
  'zero\u200Bwidth\uFEFF\u2060',
];

/** `tag` then every hostile string, starting with the `at`-th: each field leads with another one, before any cut. */
export function hostileValue(tag: string, at = 0): string {
  const n = hostileStrings.length;
  return tag + Array.from({ length: n }, (_, i) => hostileStrings[(at + i) % n]).join(' ');
}

let field = 0;
/** The next field's hostile value: consecutive fields lead with different sequences. */
const next = (tag: string): string => hostileValue(tag, field++);

export const escapeJobId = next('batch_esc');
export const escapeFiles = { input: next('file-in'), output: next('file-out'), error: next('file-err') };
export const escapeModelId = next('m');

export const escapeJob: Record<string, unknown> = {
  id: escapeJobId,
  object: next('batch'),
  endpoint: next('/v1/chat/completions'),
  model: next('gpt'),
  status: next('in_progress'),
  input_file_id: escapeFiles.input,
  output_file_id: escapeFiles.output,
  error_file_id: escapeFiles.error,
  completion_window: next('24h'),
  created_at: createdAt,
  request_counts: { total: 3, completed: 1, failed: 1 },
  errors: { object: 'list', data: [{ code: next('c'), message: next('msg'), param: next('p'), line: 2 }] },
  metadata: { description: next('d'), [next('k')]: next('v') },
  // A field of the provider's own, which only `--json --raw` prints.
  x_vendor_trace: hostileValue('vendor'),
};

function escapeFile(id: string, tag: string): Record<string, unknown> {
  return {
    id,
    object: 'file',
    bytes: 2048,
    created_at: createdAt,
    filename: next(tag),
    purpose: next('batch'),
    status: next('processed'),
    x_vendor_trace: hostileValue('vendor'),
  };
}

export const escapeFileObjects = [
  escapeFile(escapeFiles.input, 'in'),
  escapeFile(escapeFiles.output, 'out'),
  escapeFile(escapeFiles.error, 'err'),
];

const requestId = next('req-1');
const failedId = next('req-2');

/** The job's input file: its strings are the file's, shown beside each result. */
export const escapeInputLines = [
  {
    custom_id: requestId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: next('gpt'),
      messages: [{ role: next('user'), content: `${next('q')}\n${next('line2')}` }],
      [next('param')]: next('value'),
    },
  },
  {
    custom_id: failedId,
    method: 'POST',
    url: next('/v1/chat/completions'),
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: next('q2') }] },
  },
];

/** The output file: a result, a failure and a line that is not JSON at all. */
export const escapeOutputLines = [
  JSON.stringify({
    id: next('batch_req'),
    custom_id: requestId,
    response: {
      status_code: 200,
      request_id: next('rid'),
      body: {
        id: next('chatcmpl'),
        model: next('gpt'),
        choices: [
          {
            index: 0,
            message: { role: next('assistant'), content: `${next('a')}\n${next('tab\t')}` },
            finish_reason: next('stop'),
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      },
    },
    error: null,
  }),
  JSON.stringify({
    id: next('batch_req'),
    custom_id: failedId,
    response: {
      status_code: 400,
      request_id: next('rid'),
      body: { error: { message: next('bad'), code: next('code'), type: next('t') } },
    },
    error: null,
  }),
  `not json ${next('raw')}`,
];

/** The one error body of every refusal (cancel → 409, anything unknown → 404). */
function errorBody(tag: string): string {
  return JSON.stringify({
    error: { message: next(tag), type: next('invalid_request_error'), param: next('param'), code: next('code') },
  });
}

/**
 * A Batch API whose every string is hostile (see hostileStrings): one job, its three files, a
 * model, and error bodies. Objects are found by the start of their id, whatever the client made
 * of the rest, since a client that sanitizes the id asks for another one.
 */
export async function startEscapeServer(port = 0): Promise<HostileServer> {
  let listCalls = 0;
  const byPrefix = (segment: string, ids: string[]): string | undefined =>
    ids.find((id) => segment.startsWith(id.slice(0, id.search(/[^\w/-]/))));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const segments = path.split('/').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s; // A client that sends a lone surrogate's escape is answered 404, not crashed on.
      }
    });
    res.setHeader('content-type', 'application/json');
    const send = (status: number, body: string): void => {
      res.statusCode = status;
      res.end(body);
    };
    if (req.method === 'GET' && path === '/v1/batches') {
      listCalls += 1;
      return send(200, JSON.stringify({ object: 'list', data: [escapeJob], has_more: false }));
    }
    if (segments[2] === 'batches' && segments[3] !== undefined && byPrefix(segments[3], [escapeJobId])) {
      if (req.method === 'POST' && segments[4] === 'cancel') return send(409, errorBody('cannot cancel'));
      if (req.method === 'GET' && segments.length === 4) return send(200, JSON.stringify(escapeJob));
    }
    if (req.method === 'GET' && path === '/v1/files')
      return send(200, JSON.stringify({ object: 'list', data: escapeFileObjects, has_more: false }));
    const fileId =
      segments[2] === 'files' && segments[3] !== undefined
        ? byPrefix(segments[3], Object.values(escapeFiles))
        : undefined;
    if (req.method === 'GET' && fileId !== undefined) {
      if (segments.length === 4) return send(200, JSON.stringify(escapeFileObjects.find((f) => f.id === fileId)));
      if (segments[4] === 'content') {
        const lines =
          fileId === escapeFiles.input
            ? escapeInputLines.map((l) => JSON.stringify(l))
            : fileId === escapeFiles.output
              ? escapeOutputLines
              : [escapeOutputLines[1]!];
        res.setHeader('content-type', 'application/octet-stream');
        return send(200, `${lines.join('\n')}\n`);
      }
    }
    if (req.method === 'GET' && path === '/v1/models')
      return send(
        200,
        JSON.stringify({
          object: 'list',
          data: [
            {
              id: escapeModelId,
              object: 'model',
              created: createdAt,
              owned_by: next('owner'),
              x_vendor_trace: hostileValue('vendor'),
            },
          ],
        }),
      );
    return send(404, errorBody(`no ${path} here`));
  });
  return listen(server, port, () => listCalls);
}

/** Listens on loopback; the handle tests use. */
async function listen(server: Server, port: number, listCalls: () => number): Promise<HostileServer> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    listCalls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `node test/support/hostile-server.ts PORT escapes` serves the escape sequences instead.
  const start = process.argv[3] === 'escapes' ? startEscapeServer : startHostileServer;
  const server = await start(Number(process.argv[2] ?? 0));
  console.log(`hostile Batch API on ${server.url}`);
}
