import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cli, distDir, printTable } from './lib/proc.js';
import { keys, launch } from './lib/pty.js';
import { performance } from 'node:perf_hooks';
import { diffSnapshots, printDiff } from './lib/heap-diff.js';

// The client and the server of the same build as the console (see distDir).
const { createBatchClient } = await import(pathToFileURL(join(distDir, 'api', 'index.js')).href);
const { startServer } = await import(pathToFileURL(join(distDir, 'server', 'index.js')).href);

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
    JSON.stringify({
      custom_id: `r-${i + 1}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
        messages: [{ role: 'user', content: `What is ${i + 1} squared?` }],
        max_tokens: 100,
      },
    }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  const file = await client.uploadFile(path, { purpose: 'batch' });
  const batches = [];
  for (let i = 0; i < count; i++) {
    batches.push(
      await client.createBatch({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        metadata: { description: `${prefix} ${String(i + 1).padStart(3, '0')}` },
      }),
    );
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
        const seenAt = await c.waitFor(`job ${newest} on the list`, (screen) => screen.includes(newest), {
          intervalMs: 2,
        });
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
    printTable(
      `Launch to the first painted job list (${runs} runs after a warm-up; 120×32 pty, server on loopback with 40 jobs)`,
      ['measure', 'median', 'min', 'max', 'target', 'result'],
      [
        [
          'fizz-batch --base-url URL: spawn → newest job id on screen',
          ms(launchMedian),
          ms(Math.min(...launchTimes)),
          ms(Math.max(...launchTimes)),
          '≤ 400 ms',
          verdict(launchMedian <= 400),
        ],
        [
          'node -e 0 (same run, for reference)',
          ms(noopMedian),
          ms(Math.min(...noopTimes)),
          ms(Math.max(...noopTimes)),
          '-',
          '-',
        ],
        [
          'fizz-batch --version (the bin without the console)',
          ms(median(versionTimes)),
          ms(Math.min(...versionTimes)),
          ms(Math.max(...versionTimes)),
          '-',
          '-',
        ],
        ['console launch over node -e 0', ms(launchMedian - noopMedian), '-', '-', '-', '-'],
      ],
    );
    return { launchMedian, noopMedian };
  } finally {
    await server.close();
  }
}

/** Splits raw output into synchronized-output frames and returns their sizes. */
function frameSizes(raw) {
  const text = raw.toString('latin1');
  return text
    .split('\u001b[?2026h')
    .slice(1)
    .map((part) => Buffer.byteLength(`\u001b[?2026h${part}`, 'latin1'));
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
    if (waited > 10_000)
      throw new Error(`job ${job.id} never started: ${JSON.stringify(await client.getBatch(job.id))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const c = launch(['--base-url', server.url], { cols, rows });
  try {
    await c.waitFor(
      'the running job on the list',
      (screen) => screen.includes(job.id) && screen.includes('in progress'),
    );
    await c.press(keys.enter);
    await c.waitFor(
      'the detail screen',
      (screen) => screen.split('\n')[0].includes('· Job ·') && screen.includes('Timeline'),
    );
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
    printTable(
      `Bytes per live update on the detail screen of a running job (${cols - 1}×${rows}, ${seconds} s, default refresh)`,
      ['measure', 'bytes', 'of the measured full repaint', `of ${cols - 1}×${rows} cells`, 'target', 'result'],
      [
        ['full frame: the repaint after a resize', kb(fullFrame), '100 %', pct(fullFrame, nominal), '-', '-'],
        [
          `per detail poll (${polls.length} polls, ${kb(bytes)} in all)`,
          kb(perPoll),
          pct(perPoll, fullFrame),
          pct(perPoll, nominal),
          '≤ 25 %',
          verdict(share <= 0.25),
        ],
        [
          `per frame (${sizes.length} frames)`,
          kb(perFrame),
          pct(perFrame, fullFrame),
          pct(perFrame, nominal),
          '-',
          '-',
        ],
        ['largest frame', kb(largest), pct(largest, fullFrame), pct(largest, nominal), '-', '-'],
      ],
    );
    console.log(
      'The verdict compares with the measured repaint (the stricter of the two: Ink writes no trailing blanks).',
    );
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
    printTable(
      `Idle on the job list with refresh paused (${seconds} s, demo data with jobs moving on the server)`,
      ['measure', 'value', 'target', 'result'],
      [
        [`bytes written in ${seconds} s`, String(bytes), '0', verdict(bytes === 0)],
        ['frames', String(idle.frames()), '0', '-'],
      ],
    );
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
 * (d) Hours of monitoring, simulated: the server's clock runs fast (60×: an hour of job progress a
 * minute), the console refreshes every second with 40 jobs moving on screen and the user presses
 * r (refresh now) five times a second on top, and walks between the list and the detail of a
 * job; the console's heap is sampled after a GC every 2 s.
 *
 * Two variants (`variant`):
 *  - steady (the default, and the one the "no growth trend" verdict is about): a fixed set of
 *    jobs: `movingJobs` jobs submitted and running before the console starts, each big enough to
 *    keep running past the end of the run (counts moving on every refresh), plus the demo jobs
 *    (a few of them change status during the run). No job arrives, and every job is loaded in the
 *    list (G, then g) before the measurement, so the data the console holds keeps its size: what
 *    the floor of the heap still gains is the console's own. The walk goes up and down the moving
 *    jobs, so every detail opened is that of a running job.
 *  - arriving (the earlier form): 40 moving jobs, and a new job arrives every 5 s, so the list
 *    grows during the measurement (legitimately) and the floor mixes that with any leak.
 *
 * Ink keeps the sizes of the strings it has measured in an LRU of 4,096 + 4,096 entries, and each
 * changed row is a new string of about 200 bytes, so the heap climbs by about 2.5 MB until that
 * cache is full (half an hour and more with a few moving rows at 1 s), then saws between half-full
 * and full. The warm-up fills it (r ten times a second); the hammering keeps its cycles short, so
 * that the measured window spans several of them and its slope shows what is left: a leak.
 *
 * With `snapshots`, the probe writes a heap snapshot (on SIGURG) 15 s into the measurement and
 * another in its last 10 s, both on the list just back from a detail, and the top growers between
 * the two are printed (bench/lib/heap-diff.js).
 * `outDir` keeps the samples and snapshots (by default they go with the work directory).
 */
async function benchHeap(
  work,
  { seconds = 240, warmupSeconds = 45, variant = 'steady', movingJobs = 40, snapshots = false, outDir = null } = {},
) {
  if (variant !== 'steady' && variant !== 'arriving')
    throw new Error(`--heap-variant must be steady or arriving; got ${variant}`);
  const steady = variant === 'steady';
  const marginSeconds = 120;
  // The 24 h window lasts 86,400/speed s of wall time: in the steady variant no job may expire
  // during the run, so a long run gets a slower clock.
  const speed = steady ? Math.min(60, Math.floor(86_400 / (warmupSeconds + seconds + marginSeconds + 60))) : 60;
  // steady: 0.1 requests a second × speed (6 a second at 60×), sized to outlast the run.
  // arriving: 0.5 × 60, each 10,000-request job runs for about five minutes of wall time.
  const rate = steady ? 0.1 : 0.5;
  const requests = steady ? Math.ceil(rate * speed * (warmupSeconds + seconds + marginSeconds)) : 10_000;
  if (requests > 50_000)
    throw new Error(`a moving job would need ${requests} requests (more than the server takes); run shorter`);
  const server = await startServer({ port: 0, demoData: true, speed, requestsPerSecond: rate });
  const dir = outDir ?? work;
  mkdirSync(dir, { recursive: true });
  const samplesFile = join(dir, 'heap.jsonl');
  const snapshotFiles = [1, 2].map((n) => join(dir, `heap-signal-${n}.heapsnapshot`));
  for (const f of [samplesFile, ...snapshotFiles]) rmSync(f, { force: true });
  const client = createBatchClient({ baseURL: server.url, apiKey: 'bench' });
  const listAll = async () => {
    const pager = client.batchPager({ limit: 100 });
    const all = [];
    for (let page = await pager.next(); page && page.length > 0; page = await pager.next()) all.push(...page);
    return all;
  };
  const line = (i) =>
    JSON.stringify({
      custom_id: `h-${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo', messages: [{ role: 'user', content: `q ${i}` }] },
    });
  const bigPath = join(work, 'heap-running.jsonl');
  writeFileSync(bigPath, Array.from({ length: requests }, (_, i) => line(i)).join('\n') + '\n');
  const big = await client.uploadFile(bigPath, { purpose: 'batch' });
  const moving = [];
  for (let i = 1; i <= movingJobs; i++)
    moving.push(
      (
        await client.createBatch({
          inputFileId: big.id,
          endpoint: '/v1/chat/completions',
          completionWindow: '24h',
          metadata: { description: `moving ${i}` },
        })
      ).id,
    );
  let small = null;
  if (steady) {
    // Every moving job running before the console starts: no status left to change but counts.
    for (let waited = 0; ; waited += 200) {
      const statuses = await Promise.all(moving.map(async (id) => (await client.getBatch(id)).status));
      if (statuses.every((s) => s === 'in_progress')) break;
      if (waited > 30_000) throw new Error(`moving jobs not all running: ${statuses.join(' ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } else {
    const smallPath = join(work, 'heap-arriving.jsonl');
    writeFileSync(smallPath, Array.from({ length: 300 }, (_, i) => line(i)).join('\n') + '\n');
    small = await client.uploadFile(smallPath, { purpose: 'batch' });
  }
  const totalJobs = (await listAll()).length;

  const c = launch(['--base-url', server.url, '--refresh', '1'], {
    cols: 120,
    rows: 32,
    nodeArgs: ['--expose-gc', '--import', heapProbe],
    env: {
      FIZZ_HEAP_PROBE_FILE: samplesFile,
      FIZZ_HEAP_PROBE_MS: '2000',
      ...(snapshots ? { FIZZ_HEAP_SNAPSHOT_SIGNAL: 'SIGURG' } : {}),
    },
  });
  const header = () => c.lines()[0] ?? '';
  let created = 0;
  let opened = 0;
  let openedRunning = 0;
  let before;
  let after;
  const snapshotTimes = [];
  /** Asks the probe for a heap snapshot and waits until it is written (the console stops meanwhile). */
  const takeSnapshot = async (startedAt) => {
    const file = snapshotFiles[snapshotTimes.length];
    snapshotTimes.push((performance.now() - startedAt) / 1000);
    process.kill(c.pid, 'SIGURG');
    for (let waited = 0; !existsSync(file); waited += 100) {
      if (waited > 120_000) throw new Error(`no heap snapshot ${file}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    await c.waitFor('the job list', (screen) => /\d+\+? jobs/.test(screen));
    if (steady) {
      // Load every page of the list now (G pages in the rest), then back to the top: the newest
      // jobs, the moving ones.
      await c.press('G');
      await c.waitFor(`all ${totalJobs} jobs loaded`, () => (c.lines()[1] ?? '').trim().endsWith(` ${totalJobs} jobs`));
      await c.press('g');
      await c.waitFor('the newest job selected', () =>
        c.lines().some((l) => l.startsWith('›') && l.includes(`moving ${movingJobs}`)),
      );
    }
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

    before = await listAll();
    const measureStart = performance.now();
    const until = measureStart + seconds * 1000;
    let step = 0;
    let position = 0; // steady: the row selected, 0 = the newest moving job
    let direction = 1;
    try {
      while (performance.now() < until) {
        if (steady) {
          // Up and down the moving jobs, one row per visit.
          if (position + direction < 0 || position + direction >= movingJobs) direction = -direction;
          position += direction;
          await c.press(direction > 0 ? 'j' : 'k');
        } else {
          // Every 5 s a new job arrives.
          await client.createBatch({
            inputFileId: small.id,
            endpoint: '/v1/chat/completions',
            completionWindow: '24h',
            metadata: { description: `arriving ${++created}` },
          });
          if (step++ % 2 === 0) await c.press('j');
        }
        // The user opens the selected job, watches it, and goes back.
        await c.press(keys.enter);
        // q on the list would quit: only go back from a detail that is really open. (Generous
        // timeouts: writing a heap snapshot stops the console for a few seconds.)
        await c.waitFor('the detail', () => header().includes('· Job ·'), { timeoutMs: 20_000 });
        opened++;
        if (
          c
            .lines()
            .slice(1, 4)
            .some((l) => l.includes('in progress'))
        )
          openedRunning++;
        await new Promise((resolve) => setTimeout(resolve, 2500));
        await c.press('q');
        await c.waitFor('the list', () => header().includes('· Jobs ·'), { timeoutMs: 20_000 });
        // Heap snapshots on the list, just back from a detail: 15 s into the measurement and in
        // its last 10 s.
        if (snapshots && snapshotTimes.length === 0 && performance.now() - measureStart >= 15_000)
          await takeSnapshot(measureStart);
        else if (snapshots && snapshotTimes.length === 1 && until - performance.now() < 10_000)
          await takeSnapshot(measureStart);
        await new Promise((resolve) => setTimeout(resolve, 2500));
      }
    } finally {
      hammering = false;
      await hammer;
    }
    after = await listAll();
  } finally {
    await c.close();
    await server.close();
  }

  const samples = readFileSync(samplesFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const measureFrom = warmupSeconds;
  const measured = samples.filter((s) => s.t >= measureFrom);
  const mb = (b) => b / 1024 / 1024;
  const points = (list, key) => list.map((s) => ({ x: s.t / 60, y: mb(s[key]) }));
  const heapSlope = slope(points(measured, 'heapUsed')); // MB per minute
  const rssSlope = slope(points(measured, 'rss'));
  // The LRU saws (fills, drops half, fills; a cycle takes 30–90 s here): the lowest sample of
  // each 60 s window is taken just after a drop, and their slope is what the heap keeps
  // whatever the phase of the cycle. A last window shorter than 30 s is left out.
  const windowLows = (key) => {
    const windows = new Map();
    for (const sample of measured) {
      const w = Math.floor((sample.t - measureFrom) / 60);
      if (w * 60 + 30 > seconds) continue;
      if (!windows.has(w) || windows.get(w)[key] > sample[key]) windows.set(w, sample);
    }
    return [...windows.values()];
  };
  const minima = windowLows('heapUsed');
  const floorSlope = slope(points(minima, 'heapUsed'));
  // The same without V8's compiled code and bytecode (the probe's `code`): what the JIT adds while
  // it optimizes more functions, apart from the data the console holds.
  const hasCode = measured.every((s) => typeof s.code === 'number');
  for (const s of measured) if (hasCode) s.data = s.heapUsed - s.code;
  const dataMinima = hasCode ? windowLows('data') : [];
  const dataSlope = hasCode ? slope(points(dataMinima, 'data')) : NaN;
  // A growth trend: after the warm-up the floor of what the console holds still rises by more than
  // 0.1 MB a minute (6 MB an hour). V8's compiled code is left out of the verdict: the JIT keeps
  // optimizing functions for about ten minutes and then levels off (about 7 MB; a 30-minute run
  // shows it), so in a 10-minute run it reads as a trend that is not the console's data.
  const judged = hasCode ? { slope: dataSlope, lows: dataMinima } : { slope: floorSlope, lows: minima };
  const growth = judged.slope > 0.1;
  const trendVerdict = judged.lows.length < 3 ? 'n/a: < 3 windows' : growth ? 'GROWING' : 'ok: no trend';

  // What happened to the data during the measurement.
  const beforeById = new Map(before.map((b) => [b.id, b]));
  const arrived = after.filter((b) => !beforeById.has(b.id)).length;
  const changes = new Map();
  for (const b of after) {
    const was = beforeById.get(b.id);
    if (was && was.status !== b.status)
      changes.set(`${was.status}→${b.status}`, (changes.get(`${was.status}→${b.status}`) ?? 0) + 1);
  }
  const changed = [...changes.values()].reduce((s, n) => s + n, 0);
  const movingRunning = after.filter((b) => moving.includes(b.id) && b.status === 'in_progress').length;
  const movedBy = (() => {
    const deltas = after
      .filter((b) => moving.includes(b.id))
      .map((b) => {
        const was = beforeById.get(b.id);
        return was
          ? b.requestCounts.completed + b.requestCounts.failed - was.requestCounts.completed - was.requestCounts.failed
          : 0;
      });
    return deltas.length > 0 ? Math.min(...deltas) : 0;
  })();
  const hours = (s) => `${((s * speed) / 3600).toFixed(1)} h`;
  const demoJobs = totalJobs - movingJobs;

  console.log(
    `\nHeap samples (after GC, every 2 s; measured from ${measureFrom} s): ${samples.map((s) => mb(s.heapUsed).toFixed(1)).join(' ')} MB`,
  );
  const what = steady
    ? `steady: ${totalJobs} jobs (${movingJobs} moving, ${requests.toLocaleString('en')} requests each, + ${demoJobs} demo), all loaded before the measurement, none arriving`
    : `arriving: ${movingJobs} moving + demo jobs, and a new job every 5 s (${created} added during the measurement)`;
  printTable(
    `Heap of the console, variant ${what}: ${warmupSeconds} s warm-up + ${seconds} s measured (server clock ${speed}×: ${hours(warmupSeconds + seconds)} of job time; --refresh 1 and r 5×/s; list ⇄ detail every 5 s)`,
    ['measure', 'value', 'target', 'result'],
    [
      ['variant', steady ? 'steady (fixed set of jobs)' : 'arriving (jobs added during the measurement)', '-', '-'],
      ['jobs on the server at the start / end of the measurement', `${before.length} / ${after.length}`, '-', '-'],
      [
        'jobs that arrived during the measurement',
        String(arrived),
        steady ? '0' : '-',
        steady ? verdict(arrived === 0) : '-',
      ],
      [
        'status changes during the measurement',
        changed === 0 ? '0' : `${changed} (${[...changes.entries()].map(([k, n]) => `${k} ×${n}`).join(', ')})`,
        '-',
        '-',
      ],
      [
        'moving jobs still running at the end / requests each finished at least',
        `${movingRunning}/${movingJobs} / ${movedBy.toLocaleString('en')}`,
        steady ? `${movingJobs}/${movingJobs}` : '-',
        steady ? verdict(movingRunning === movingJobs) : '-',
      ],
      ['detail screens opened (of a running job)', `${opened} (${openedRunning})`, '-', '-'],
      [
        'simulated time covered (run / measured)',
        `${hours(warmupSeconds + seconds)} / ${hours(seconds)}`,
        '≥ 1 h',
        verdict((seconds * speed) / 3600 >= 1),
      ],
      [
        'heap used after GC, 10 s after start',
        `${mb(samples.find((s) => s.t >= 10)?.heapUsed ?? NaN).toFixed(1)} MB`,
        '-',
        '-',
      ],
      [
        'heap after GC, lowest / highest measured',
        `${mb(Math.min(...measured.map((s) => s.heapUsed))).toFixed(1)} / ${mb(Math.max(...measured.map((s) => s.heapUsed))).toFixed(1)} MB`,
        '-',
        '-',
      ],
      ['lowest heap of each 60 s window', minima.map((s) => mb(s.heapUsed).toFixed(1)).join(' ') + ' MB', '-', '-'],
      [
        'slope of those lows (least squares)',
        `${floorSlope.toFixed(3)} MB/min (${(floorSlope * 60).toFixed(1)} MB/h)`,
        hasCode ? '(includes the JIT warming up)' : 'no growth trend (≤ 0.1 MB/min)',
        hasCode ? '-' : trendVerdict,
      ],
      ['slope of every sample (phase-sensitive)', `${heapSlope.toFixed(3)} MB/min`, '-', '-'],
      ...(hasCode
        ? [
            [
              'of the heap, V8 compiled code + bytecode: first / last measured',
              `${mb(measured[0].code).toFixed(1)} / ${mb(measured.at(-1).code).toFixed(1)} MB (${mb(measured.at(-1).code - measured[0].code) >= 0 ? '+' : ''}${mb(measured.at(-1).code - measured[0].code).toFixed(1)} MB)`,
              '-',
              '-',
            ],
            [
              'lowest heap without that code, each 60 s window',
              dataMinima.map((s) => mb(s.data).toFixed(1)).join(' ') + ' MB',
              '-',
              '-',
            ],
            [
              'slope of those lows: what the console holds (the verdict)',
              `${dataSlope.toFixed(3)} MB/min (${(dataSlope * 60).toFixed(1)} MB/h)`,
              'no growth trend (≤ 0.1 MB/min)',
              trendVerdict,
            ],
          ]
        : []),
      ['RSS slope after the warm-up', `${rssSlope.toFixed(3)} MB/min`, '-', '-'],
    ],
  );
  if (snapshots) {
    console.log(
      `\nHeap snapshots taken ${snapshotTimes.map((t) => `${t.toFixed(0)} s`).join(' and ')} into the measurement (on the job list).`,
    );
    if (snapshotFiles.every((f) => existsSync(f)))
      printDiff(diffSnapshots(snapshotFiles[0], snapshotFiles[1], { top: 10, holders: 10 }));
    else console.log(`\nHeap snapshots missing: ${snapshotFiles.filter((f) => !existsSync(f)).join(', ')}`);
  }
  return { heapSlope, floorSlope, dataSlope, growth };
}

/**
 * `parts`: any of launch, updates, idle, heap (default all). `heap`: options of benchHeap
 * (variant, movingJobs, snapshots, outDir).
 */
export async function benchConsole({
  runs = 9,
  heapSeconds = 240,
  parts = ['launch', 'updates', 'idle', 'heap'],
  heap = {},
} = {}) {
  const work = mkdtempSync(join(tmpdir(), 'fizz-batch-bench-console-'));
  try {
    if (parts.includes('launch')) await benchLaunch(work, runs);
    if (parts.includes('updates')) await benchDetailUpdates(work);
    if (parts.includes('idle')) await benchIdle(work);
    if (parts.includes('heap')) await benchHeap(work, { seconds: heapSeconds, ...heap });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
