import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBatchClient } from '../dist/api/index.js';
import { startServer } from '../dist/server/index.js';
import { cli, printTable } from './lib/proc.js';
import { keys, launch } from './lib/pty.js';
import { performance } from 'node:perf_hooks';

/**
 * The console in a real terminal (a pty read by a headless xterm), against the built-in server on
 * loopback: launch time, bytes on the wire per live update and while idle, and the heap over a
 * long simulated session. Each figure is printed beside its target.
 */

const heapProbe = fileURLToPath(new URL('./lib/pty-heap-probe.js', import.meta.url));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (v) => `${v.toFixed(0)} ms`;
const kb = (v) => `${(v / 1024).toFixed(2)} KB`;
const verdict = (ok) => (ok ? 'ok' : 'MISSED');

/** Uploads one small file and creates `count` batches from it, oldest first; resolves with them. */
async function seedBatches(client, dir, { count, requests, prefix = 'bench job' }) {
  const path = join(dir, `seed-${requests}.jsonl`);
  const lines = Array.from({ length: requests }, (_, i) =>
    JSON.stringify({ custom_id: `r-${i + 1}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo', messages: [{ role: 'user', content: `What is ${i + 1} squared?` }], max_tokens: 100 } }));
  writeFileSync(path, `${lines.join('\n')}\n`);
  const file = await client.uploadFile(path, { purpose: 'batch' });
  const batches = [];
  for (let i = 0; i < count; i++) {
    batches.push(await client.createBatch({ inputFileId: file.id, endpoint: '/v1/chat/completions', completionWindow: '24h', metadata: { description: `${prefix} ${String(i + 1).padStart(3, '0')}` } }));
  }
  return batches;
}

/** Wall time of a short command run to its end (no terminal). */
function timeCommand(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

/** (a) From spawn to the newest job's id painted on the job list. */
async function benchLaunch(work, runs) {
  const server = await startServer({ port: 0, failRate: 0 });
  try {
    const client = createBatchClient({ baseURL: server.url, apiKey: 'bench' });
    const batches = await seedBatches(client, work, { count: 40, requests: 20 });
    const newest = batches.at(-1).id;
    const launchTimes = [];
    const noopTimes = [];
    const versionTimes = [];
    // One warm-up of each, not counted: the first run pays for cold file caches.
    for (let i = 0; i <= runs; i++) {
      const noop = await timeCommand(['-e', '0']);
      const version = await timeCommand([cli, '--version']);
      const c = launch(['--base-url', server.url, '--refresh', '60'], { cols: 120, rows: 32 });
      try {
        const seenAt = await c.waitFor(`job ${newest} on the list`, (screen) => screen.includes(newest), { intervalMs: 2 });
        if (i > 0) {
          launchTimes.push(seenAt - c.startedAt);
          noopTimes.push(noop);
          versionTimes.push(version);
        }
      } finally {
        await c.close();
      }
    }
    const launchMedian = median(launchTimes);
    const noopMedian = median(noopTimes);
    printTable(`Launch to the first painted job list (${runs} runs after a warm-up; 120×32 pty, server on loopback with 40 jobs)`,
      ['measure', 'median', 'min', 'max', 'target', 'result'], [
        ['fizz-batch --base-url URL: spawn → newest job id on screen', ms(launchMedian), ms(Math.min(...launchTimes)), ms(Math.max(...launchTimes)), '≤ 400 ms', verdict(launchMedian <= 400)],
        ['node -e 0 (same run, for reference)', ms(noopMedian), ms(Math.min(...noopTimes)), ms(Math.max(...noopTimes)), '-', '-'],
        ['fizz-batch --version (the bin without the console)', ms(median(versionTimes)), ms(Math.min(...versionTimes)), ms(Math.max(...versionTimes)), '-', '-'],
        ['console launch over node -e 0', ms(launchMedian - noopMedian), '-', '-', '-', '-'],
      ]);
    return { launchMedian, noopMedian };
  } finally {
    await server.close();
  }
}

/** Splits raw output into synchronized-output frames and returns their sizes. */
function frameSizes(raw) {
  const text = raw.toString('latin1');
  return text.split('\u001b[?2026h').slice(1).map((part) => Buffer.byteLength(`\u001b[?2026h${part}`, 'latin1'));
}

/** (b) Bytes per live update on the detail screen of a running job, against a full repaint. */
async function benchDetailUpdates(work, { seconds = 30, cols = 120, rows = 32 } = {}) {
  let polls = [];
  let watching = null;
  const server = await startServer({
    port: 0,
    failRate: 0.05,
    log: (line) => {
      if (watching && line.startsWith(`GET /v1/batches/${watching} `)) polls.push(performance.now());
    },
  });
  const client = createBatchClient({ baseURL: server.url, apiKey: 'bench' });
  // 5,000 requests at 2 per second: running for the whole measurement, counts moving on every poll.
  const [job] = await seedBatches(client, work, { count: 1, requests: 5000, prefix: 'running' });
  for (let waited = 0; (await client.getBatch(job.id)).status !== 'in_progress'; waited += 100) {
    if (waited > 10_000) throw new Error(`job ${job.id} never started: ${JSON.stringify(await client.getBatch(job.id))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const c = launch(['--base-url', server.url], { cols, rows });
  try {
    await c.waitFor('the running job on the list', (screen) => screen.includes(job.id) && screen.includes('in progress'));
    await c.press(keys.enter);
    await c.waitFor('the detail screen', (screen) => screen.split('\n')[0].includes('· Job ·') && screen.includes('Timeline'));
    await c.quiet(500);

    // A narrower terminal makes Ink clear the screen and draw the whole frame again: a full repaint.
    const full = c.mark();
    c.resize(cols - 1, rows);
    await c.quiet(500, { after: full });
    const fullFrame = full.bytes();

    watching = job.id;
    polls = [];
    const updates = c.mark();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const bytes = updates.bytes();
    const sizes = frameSizes(updates.raw());
    const perPoll = polls.length > 0 ? bytes / polls.length : NaN;
    const perFrame = sizes.length > 0 ? bytes / sizes.length : NaN;
    const share = perPoll / fullFrame;
    // The brief's nominal frame: every cell of the terminal once, before any escape sequence.
    const nominal = (cols - 1) * rows;
    const pct = (v, of) => `${((v / of) * 100).toFixed(1)} %`;
    const largest = Math.max(0, ...sizes);
    printTable(`Bytes per live update on the detail screen of a running job (${cols - 1}×${rows}, ${seconds} s, default refresh)`,
      ['measure', 'bytes', 'of the measured full repaint', `of ${cols - 1}×${rows} cells`, 'target', 'result'], [
        ['full frame: the repaint after a resize', kb(fullFrame), '100 %', pct(fullFrame, nominal), '-', '-'],
        [`per detail poll (${polls.length} polls, ${kb(bytes)} in all)`, kb(perPoll), pct(perPoll, fullFrame), pct(perPoll, nominal), '≤ 25 %', verdict(share <= 0.25)],
        [`per frame (${sizes.length} frames)`, kb(perFrame), pct(perFrame, fullFrame), pct(perFrame, nominal), '-', '-'],
        ['largest frame', kb(largest), pct(largest, fullFrame), pct(largest, nominal), '-', '-'],
      ]);
    console.log('The verdict compares with the measured repaint (the stricter of the two: Ink writes no trailing blanks).');
    return { fullFrame, perPoll, share };
  } finally {
    await c.close();
    await server.close();
  }
}

/** (c) Bytes written in 10 s on the job list with auto-refresh paused. */
async function benchIdle(work, { seconds = 10 } = {}) {
  const server = await startServer({ port: 0, demoData: true });
  const c = launch(['--base-url', server.url], { cols: 120, rows: 32 });
  try {
    await c.waitFor('the job list', (screen) => /batch_\w+/.test(screen) && screen.includes('updated'));
    await c.press(' ');
    await c.waitFor('the header saying paused', (screen) => screen.split('\n')[0].includes('paused'));
    await c.quiet(1000);
    const idle = c.mark();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const bytes = idle.bytes();
    printTable(`Idle on the job list with refresh paused (${seconds} s, demo data with jobs moving on the server)`,
      ['measure', 'value', 'target', 'result'], [[`bytes written in ${seconds} s`, String(bytes), '0', verdict(bytes === 0)], ['frames', String(idle.frames()), '0', '-']]);
    if (bytes > 0) console.log(`what was written: ${JSON.stringify(idle.raw().toString('utf8').slice(0, 400))}`);
    return { bytes };
  } finally {
    await c.close();
    await server.close();
  }
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * (d) Hours of monitoring, simulated: the server's clock runs 60× (an hour of job progress a
 * minute), the console refreshes every second with 40 jobs moving on screen and the user presses
 * r (refresh now) five times a second on top, walks between the list and the detail, and new jobs
 * keep arriving; the console's heap is sampled after a GC every 2 s.
 *
 * Ink keeps the sizes of the strings it has measured in an LRU of 4,096 + 4,096 entries, and each
 * changed row is a new string of about 200 bytes, so the heap climbs by about 2.5 MB until that
 * cache is full (half an hour and more with a few moving rows at 1 s), then saws between half-full
 * and full. The warm-up fills it (r ten times a second); the hammering keeps its cycles short, so
 * that the measured window spans several of them and its slope shows what is left: a leak.
 */
async function benchHeap(work, { seconds = 240, warmupSeconds = 45 } = {}) {
  const speed = 60;
  // 0.5 requests a second × 60: each 10,000-request job runs for about five minutes of wall time.
  const server = await startServer({ port: 0, demoData: true, speed, requestsPerSecond: 0.5 });
  const samplesFile = join(work, 'heap.jsonl');
  const client = createBatchClient({ baseURL: server.url, apiKey: 'bench' });
  const line = (i) => JSON.stringify({ custom_id: `h-${i}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo', messages: [{ role: 'user', content: `q ${i}` }] } });
  const bigPath = join(work, 'heap-running.jsonl');
  writeFileSync(bigPath, Array.from({ length: 10_000 }, (_, i) => line(i)).join('\n') + '\n');
  const big = await client.uploadFile(bigPath, { purpose: 'batch' });
  for (let i = 1; i <= 40; i++) await client.createBatch({ inputFileId: big.id, endpoint: '/v1/chat/completions', completionWindow: '24h', metadata: { description: `moving ${i}` } });
  const smallPath = join(work, 'heap-arriving.jsonl');
  writeFileSync(smallPath, Array.from({ length: 300 }, (_, i) => line(i)).join('\n') + '\n');
  const small = await client.uploadFile(smallPath, { purpose: 'batch' });

  const c = launch(['--base-url', server.url, '--refresh', '1'], {
    cols: 120,
    rows: 32,
    nodeArgs: ['--expose-gc', '--import', heapProbe],
    env: { FIZZ_HEAP_PROBE_FILE: samplesFile, FIZZ_HEAP_PROBE_MS: '2000' },
  });
  const header = () => c.lines()[0] ?? '';
  let created = 0;
  try {
    await c.waitFor('the job list', (screen) => /\d+\+? jobs/.test(screen));
    // Refresh now, again and again: every answer moves the 40 rows, each a new string to measure.
    let hammerEvery = 100;
    let hammering = true;
    const hammer = (async () => {
      while (hammering) {
        c.pty.write('r');
        await new Promise((resolve) => setTimeout(resolve, hammerEvery));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
    hammerEvery = 200;

    const until = performance.now() + seconds * 1000;
    let step = 0;
    try {
      while (performance.now() < until) {
        // Every 5 s a new job arrives; the user opens the selected job, watches it, and goes back.
        await client.createBatch({ inputFileId: small.id, endpoint: '/v1/chat/completions', completionWindow: '24h', metadata: { description: `arriving ${++created}` } });
        if (step++ % 2 === 0) await c.press('j');
        await c.press(keys.enter);
        // q on the list would quit: only go back from a detail that is really open.
        await c.waitFor('the detail', () => header().includes('· Job ·'), { timeoutMs: 5000 });
        await new Promise((resolve) => setTimeout(resolve, 2500));
        await c.press('q');
        await c.waitFor('the list', () => header().includes('· Jobs ·'), { timeoutMs: 5000 });
        await new Promise((resolve) => setTimeout(resolve, 2500));
      }
    } finally {
      hammering = false;
      await hammer;
    }
    const samples = readFileSync(samplesFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const measureFrom = warmupSeconds;
    const steady = samples.filter((s) => s.t >= measureFrom);
    const mb = (b) => b / 1024 / 1024;
    const points = (list, key) => list.map((s) => ({ x: s.t / 60, y: mb(s[key]) }));
    const heapSlope = slope(points(steady, 'heapUsed')); // MB per minute
    const rssSlope = slope(points(steady, 'rss'));
    // The LRU saws (fills, drops half, fills; a cycle takes 30–90 s here): the lowest sample of
    // each 60 s window is taken just after a drop, and their slope is what the heap keeps
    // whatever the phase of the cycle.
    const windows = new Map();
    for (const sample of steady) {
      const w = Math.floor((sample.t - measureFrom) / 60);
      if (!windows.has(w) || windows.get(w).heapUsed > sample.heapUsed) windows.set(w, sample);
    }
    const minima = [...windows.values()];
    const floorSlope = slope(points(minima, 'heapUsed'));
    // A growth trend: after the warm-up the floor of the heap still rises by more than 0.1 MB a
    // minute (6 MB an hour). The jobs that keep arriving add about 1 KB each, far below that.
    const growth = floorSlope > 0.1;
    console.log(`\nHeap samples (after GC, every 2 s; measured from ${measureFrom} s): ${samples.map((s) => mb(s.heapUsed).toFixed(1)).join(' ')} MB`);
    printTable(`Heap of the console: ${warmupSeconds} s warm-up + ${seconds} s measured (server clock ${speed}×: ${(((warmupSeconds + seconds) * speed) / 3600).toFixed(1)} h of job time; --refresh 1 and r 5×/s; 40 jobs moving; list ⇄ detail every 5 s; ${created} jobs added)`,
      ['measure', 'value', 'target', 'result'], [
        ['heap used after GC, 10 s after start', `${mb(samples.find((s) => s.t >= 10)?.heapUsed ?? NaN).toFixed(1)} MB`, '-', '-'],
        ['heap after GC, lowest / highest measured', `${mb(Math.min(...steady.map((s) => s.heapUsed))).toFixed(1)} / ${mb(Math.max(...steady.map((s) => s.heapUsed))).toFixed(1)} MB`, '-', '-'],
        ['lowest heap of each 60 s window', minima.map((s) => mb(s.heapUsed).toFixed(1)).join(' ') + ' MB', '-', '-'],
        ['slope of those lows (least squares)', `${floorSlope.toFixed(3)} MB/min (${(floorSlope * 60).toFixed(1)} MB/h)`, 'no growth trend (≤ 0.1 MB/min)', growth ? 'GROWING' : 'ok: no trend'],
        ['slope of every sample (phase-sensitive)', `${heapSlope.toFixed(3)} MB/min`, '-', '-'],
        ['RSS slope after the warm-up', `${rssSlope.toFixed(3)} MB/min`, '-', '-'],
      ]);
    return { heapSlope, growth };
  } finally {
    await c.close();
    await server.close();
  }
}

/** `parts`: any of launch, updates, idle, heap (default all). */
export async function benchConsole({ runs = 9, heapSeconds = 240, parts = ['launch', 'updates', 'idle', 'heap'] } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'fizz-batch-bench-console-'));
  try {
    if (parts.includes('launch')) await benchLaunch(work, runs);
    if (parts.includes('updates')) await benchDetailUpdates(work);
    if (parts.includes('idle')) await benchIdle(work);
    if (parts.includes('heap')) await benchHeap(work, { seconds: heapSeconds });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
