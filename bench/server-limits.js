// node bench/server-limits.js: how the built-in server holds up against large bodies (issue 11).
//   1. peak RSS of `fizz-batch serve` while 16 clients POST 32 MB JSON bodies to /v1/batches at once;
//   2. how long a 2 GB declared upload takes to get its 413, and how many bytes were sent by then.
// Runs dist/ (FIZZ_BENCH_DIST=DIR runs a copy, e.g. one built from an older commit).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(process.env.FIZZ_BENCH_DIST ?? join(fileURLToPath(new URL('..', import.meta.url)), 'dist'));

function startServe() {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(dist, 'bin', 'fizz-batch.js'), 'serve'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      if (out.includes('\n')) resolveStart({ child, url: new URL(out.split('\n')[0]) });
    });
    child.on('error', reject);
  });
}

const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Sends `length` bytes (declared up front) made by `fill`, until the answer comes; resolves with it and the bytes sent. */
function post(url, path, headers, length, fill) {
  return new Promise((done) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': String(length) },
      },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => done({ status: res.statusCode, ms: performance.now() - started, sent, body }));
        res.on('error', () => done({ status: res.statusCode, ms: performance.now() - started, sent, body }));
      },
    );
    req.on(
      'error',
      (error) =>
        !answered &&
        done({ status: `error ${error.code ?? error.message}`, ms: performance.now() - started, sent, body: '' }),
    );
    const block = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < length) {
        const piece = fill(sent, Math.min(block.length, length - sent), block);
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (sent >= length) req.end();
    };
    pump();
  });
}

async function rssUnderJsonBodies() {
  const { child, url } = await startServe();
  const size = 32 * 1024 * 1024 - 1024;
  const head = Buffer.from(
    '{"input_file_id":"file-x","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"a":"b"},"pad":"',
  );
  const tail = Buffer.from('"}');
  const fill = (offset, n, block) => {
    if (offset === 0) return Buffer.concat([head, block.subarray(0, n - head.length)]);
    if (offset + n === size) return Buffer.concat([block.subarray(0, n - tail.length), tail]);
    return block.subarray(0, n);
  };
  const before = peakRssMb(child.pid);
  const results = await Promise.all(
    Array.from({ length: 16 }, () => post(url, '/v1/batches', { 'content-type': 'application/json' }, size, fill)),
  );
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  console.log(
    `16 × 32 MB JSON bodies: peak RSS ${before.toFixed(0)} MB at start → ${peakRssMb(child.pid).toFixed(0)} MB; answers ${JSON.stringify(statuses)}`,
  );
  child.kill();
}

async function refusedUpload() {
  const { child, url } = await startServe();
  const length = 2 * 1024 ** 3;
  const part = Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\n\r\n');
  const fill = (offset, n, block) =>
    offset === 0 ? Buffer.concat([part, block.subarray(0, n - part.length)]) : block.subarray(0, n);
  const r = await post(url, '/v1/files', { 'content-type': 'multipart/form-data; boundary=b' }, length, fill);
  console.log(
    `2 GB declared upload: ${r.status} after ${r.ms.toFixed(0)} ms, ${(r.sent / 1024 / 1024).toFixed(0)} MB sent by then`,
  );
  child.kill();
}

console.log(`fizz-batch server limits — ${dist}`);
await rssUnderJsonBodies();
await refusedUpload();
