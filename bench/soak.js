import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { distDir, printTable } from './lib/proc.js';
import { keys, launch } from './lib/pty.js';
import { plotSvg } from './lib/plot.js';

// The client and the server of the same build as the console (see distDir).
const { createBatchClient } = await import(pathToFileURL(join(distDir, 'api', 'index.js')).href);
const { startServer } = await import(pathToFileURL(join(distDir, 'server', 'index.js')).href);

/**
 * A console left open for an hour (issue 14): the real console in a pty against the built-in
 * server with a fast clock, jobs created, progressing and ending all along, the user walking
 * between the job list, a job's detail and the results pager every few minutes. Four consoles
 * run side by side, each measured from outside through /proc (RSS, CPU time, wake-ups):
 *  - soak: `--refresh 1`, with the heap probe preloaded (bench/lib/pty-heap-probe.js; a GC before
 *    one sample a minute, so each minute has a heap low that is what the console retains);
 *  - plain: the same console and walks without the probe, whose GCs would lower its RSS: the RSS
 *    verdict is this one's;
 *  - cpu: the default refresh (15 s) over 100 jobs, all loaded, left on the list;
 *  - paused: the same with auto-refresh paused (space): nothing but the once-a-minute clock.
 * `npm run bench -- --only soak` runs an hour; `--quick` five minutes. Not part of CI.
 */

const heapProbe = fileURLToPath(new URL('./lib/pty-heap-probe.js', import.meta.url));
const MB = 1024 * 1024;
const mb = (bytes) => (bytes / MB).toFixed(1);
const verdict = (ok) => (ok ? 'ok' : 'MISSED');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** What /proc says about a live process: RSS, CPU seconds (user + system), main-thread wake-ups. */
export function procSample(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(rest[11]) + Number(rest[12])) / clockTicks;
  return {
    rss: field('VmRSS') * 1024,
    cpuSeconds,
    // Voluntary context switches of the main thread: how often its event loop went to sleep and woke.
    wakeups: field('voluntary_ctxt_switches'),
  };
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

function jsonl(line) {
  return JSON.stringify({
    custom_id: `s-${line}`,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo', messages: [{ role: 'user', content: `q ${line}` }] },
  });
}

/** Uploads one input file per size, so creating a job later is one request. */
async function uploadInputs(client, work, sizes) {
  const files = new Map();
  for (const size of sizes) {
    const path = join(work, `soak-${size}.jsonl`);
    writeFileSync(path, Array.from({ length: size }, (_, i) => jsonl(i)).join('\n') + '\n');
    files.set(size, (await client.uploadFile(path, { purpose: 'batch' })).id);
  }
  return files;
}

async function listAll(client) {
  const pager = client.batchPager({ limit: 100 });
  const all = [];
  for (let page = await pager.next(); page && page.length > 0; page = await pager.next()) all.push(...page);
  return all;
}

/** Waits for the list to paint, then loads every page (G) and goes back to the top (g). */
async function openAllJobs(c, total) {
  await c.waitFor('the job list', (screen) => /batch_\w+/.test(screen) && screen.includes('updated'), {
    timeoutMs: 30_000,
  });
  await c.press('G');
  await c.waitFor(
    `all ${total} jobs loaded`,
    () => Number(/(\d+) jobs$/.exec((c.lines()[1] ?? '').trim())?.[1] ?? 0) >= total,
    { timeoutMs: 30_000 },
  );
  await c.press('g');
  await c.waitFor('the first job selected', () => c.lines()[3]?.startsWith('›') ?? false);
}

/**
 * One walk: down the list to a completed job, its detail, its output in the pager, and back to
 * the top of the list. Returns what was visited.
 */
async function walk(c, dwellMs) {
  const header = () => c.lines()[0] ?? '';
  const selected = () => c.lines().find((l) => l.startsWith('›')) ?? '';
  let steps = 0;
  while (!selected().includes('✓ completed') && steps < 60) {
    await c.press('j');
    steps++;
  }
  if (!selected().includes('✓ completed')) {
    await c.press('g');
    return 'list only (no completed job in sight)';
  }
  await c.press(keys.enter);
  await c.waitFor('the detail', () => header().includes('· Job ·'), { timeoutMs: 20_000 });
  await sleep(dwellMs);
  await c.press('o');
  await c.waitFor('the results pager', () => header().includes('· Results ·') && c.screen().includes('line '), {
    timeoutMs: 20_000,
  });
  // Read it a bit: a page down or two, as a person does.
  await c.press(keys.pageDown);
  await sleep(dwellMs);
  await c.press('q');
  await c.waitFor('the detail again', () => header().includes('· Job ·'), { timeoutMs: 20_000 });
  await c.press('q');
  await c.waitFor('the list again', () => header().includes('· Jobs ·'), { timeoutMs: 20_000 });
  await c.press('g');
  return 'list → detail → pager → detail → list';
}

/**
 * `quick`: five minutes instead of an hour (developers run it before they stop). `outDir` keeps
 * the samples and the SVG plot (default: a fresh directory under the system's temporary one).
 */
export async function benchSoak({ quick = false, outDir = null } = {}) {
  const seconds = quick ? 300 : 3600;
  const warmupSeconds = quick ? 60 : 300;
  const walkEverySeconds = quick ? 60 : 180;
  const createEverySeconds = quick ? 10 : 30;
  const cpuSeconds = quick ? 180 : 600;
  const dwellMs = quick ? 5000 : 15_000;
  const work = mkdtempSync(join(tmpdir(), 'fizz-batch-bench-soak-'));
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'fizz-batch-soak-'));
  mkdirSync(dir, { recursive: true });
  const heapFile = join(dir, 'heap.jsonl');
  rmSync(heapFile, { force: true });

  // The server's clock at 60×: a minute of wall time is an hour of job time. 0.1 simulated
  // requests a second per job (6 a second of wall time): a 600-request job runs for 100 s.
  const speed = 60;
  const server = await startServer({ port: 0, demoData: true, speed, requestsPerSecond: 0.1 });
  const client = createBatchClient({ baseURL: server.url, apiKey: 'bench' });
  const sizes = [30, 300, 600, 1200];
  const inputs = await uploadInputs(client, work, sizes);
  let created = 0;
  const createJob = (size) =>
    client.createBatch({
      inputFileId: inputs.get(size),
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      metadata: { description: `soak ${++created} (${size} requests)` },
    });
  // 100 jobs before the consoles start: the demo's, then small finished ones and a few running.
  for (let have = (await listAll(client)).length; have < 100; have++) await createJob(have % 10 === 0 ? 1200 : 30);
  const startJobs = (await listAll(client)).length;
  const seeded = created;

  const soak = launch(['--base-url', server.url, '--refresh', '1'], {
    nodeArgs: ['--expose-gc', '--import', heapProbe],
    env: { FIZZ_HEAP_PROBE_FILE: heapFile, FIZZ_HEAP_PROBE_MS: '5000', FIZZ_HEAP_PROBE_GC_EVERY: '12' },
    keepOutput: false,
  });
  const plain = launch(['--base-url', server.url, '--refresh', '1'], { keepOutput: false });
  const cpu = launch(['--base-url', server.url], { keepOutput: false });
  const paused = launch(['--base-url', server.url], { keepOutput: false });
  const consoles = [soak, plain, cpu, paused];
  const samples = { soak: [], plain: [], cpu: [], paused: [] };
  let sampler = null;
  const walks = [];
  let idleBytes;
  let cpuWindow = null;
  let pausedWindow = null;
  try {
    await Promise.all([openAllJobs(cpu, startJobs), openAllJobs(paused, startJobs)]);
    for (const c of [soak, plain])
      await c.waitFor('the job list', (screen) => /batch_\w+/.test(screen), { timeoutMs: 30_000 });
    await paused.press(' ');
    await paused.waitFor('the header saying paused', () => (paused.lines()[0] ?? '').includes('paused'));

    const startedAt = performance.now();
    const elapsed = () => (performance.now() - startedAt) / 1000;
    const take = () => {
      const t = elapsed();
      for (const [name, c] of [
        ['soak', soak],
        ['plain', plain],
        ['cpu', cpu],
        ['paused', paused],
      ]) {
        try {
          samples[name].push({ t, bytes: c.bytes, ...procSample(c.pid) });
        } catch {
          /* exited: the waits below say so */
        }
      }
    };
    take();
    sampler = setInterval(take, 5000);

    // The CPU windows: the last `cpuSeconds` of the run (after start-up and the first refreshes).
    const windowStart = seconds - cpuSeconds;
    let nextCreate = createEverySeconds;
    let nextWalk = walkEverySeconds / 2;
    let size = 0;
    while (elapsed() < seconds) {
      const t = elapsed();
      if (!cpuWindow && t >= windowStart) {
        cpuWindow = { from: procSample(cpu.pid), t, bytes: cpu.bytes };
        pausedWindow = { from: procSample(paused.pid), t, bytes: paused.bytes };
      }
      if (t >= nextCreate) {
        nextCreate += createEverySeconds;
        await createJob(sizes[size++ % sizes.length]);
      }
      // No walk in the last minute: the run ends on the job list, where the RSS target is set.
      if (t >= nextWalk && t < seconds - 60) {
        nextWalk += walkEverySeconds;
        const [walked] = await Promise.all([walk(soak, dwellMs), walk(plain, dwellMs)]);
        walks.push(`${t.toFixed(0)} s: ${walked}`);
      }
      await sleep(250);
    }
    take();
    const end = { cpu: procSample(cpu.pid), paused: procSample(paused.pid), t: elapsed() };
    cpuWindow = { ...cpuWindow, to: end.cpu, seconds: end.t - cpuWindow.t, bytesAfter: cpu.bytes };
    pausedWindow = { ...pausedWindow, to: end.paused, seconds: end.t - pausedWindow.t };
    idleBytes = paused.bytes - pausedWindow.bytes;
  } finally {
    if (sampler) clearInterval(sampler);
    await Promise.all(consoles.map((c) => c.close()));
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }

  // The heap as the probe saw it (seconds from the console's start; the sampler's clock started a
  // little later, after the list painted: close enough for minutes).
  const heap = existsSync(heapFile)
    ? readFileSync(heapFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
  const minutes = Math.ceil(seconds / 60);
  const perMinute = [];
  for (let m = 0; m < minutes; m++) {
    const inMinute = (s) => s.t >= m * 60 && s.t < (m + 1) * 60;
    const collected = heap.filter((s) => inMinute(s) && s.gc);
    const rss = samples.soak.filter(inMinute).map((s) => s.rss);
    const plainRss = samples.plain.filter(inMinute).map((s) => s.rss);
    const cpuIn = samples.plain.filter(inMinute);
    const cpuShare =
      cpuIn.length > 1 ? ((cpuIn.at(-1).cpuSeconds - cpuIn[0].cpuSeconds) / (cpuIn.at(-1).t - cpuIn[0].t)) * 100 : NaN;
    perMinute.push({
      minute: m + 1,
      heapLow: collected.length > 0 ? Math.min(...collected.map((s) => s.heapUsed)) : NaN,
      // Without V8's compiled code and bytecode: the JIT keeps optimizing for ten minutes or so
      // (a few MB, then level), which is not data the console holds (see bench/console.js).
      dataLow: collected.length > 0 ? Math.min(...collected.map((s) => s.heapUsed - s.code)) : NaN,
      heapLowUnforced: Math.min(...heap.filter(inMinute).map((s) => s.heapUsed)),
      rssLow: rss.length > 0 ? Math.min(...rss) : NaN,
      plainRssLow: plainRss.length > 0 ? Math.min(...plainRss) : NaN,
      cpuShare,
    });
  }
  const measured = perMinute.filter((m) => m.minute > warmupSeconds / 60 && Number.isFinite(m.heapLow));
  const heapSlope = slope(measured.map((m) => ({ x: m.minute, y: m.dataLow / MB }))); // MB a minute
  const heapGrowthHour = heapSlope * 60;
  const withCodeSlope = slope(measured.map((m) => ({ x: m.minute, y: m.heapLow / MB })));
  const lastRss = samples.plain.at(-1)?.rss ?? NaN;
  const share = (w) => ((w.to.cpuSeconds - w.from.cpuSeconds) / w.seconds) * 100;
  const cpuShare = share(cpuWindow);
  const pausedShare = share(pausedWindow);
  const wakeupsPerMinute = (w) => ((w.to.wakeups - w.from.wakeups) / w.seconds) * 60;
  const last = heap.at(-1);

  printTable(
    `Soak of the console (${quick ? 'quick: 5 minutes' : 'one hour'}; server clock ${speed}×, a job created every ${createEverySeconds} s, ${startJobs} jobs at the start; list ⇄ detail ⇄ pager every ${walkEverySeconds} s; 120×32 pty). Per minute, the two --refresh 1 consoles (probe: heap after a GC once a minute; plain: no probe):`,
    [
      'minute',
      'heap low after GC',
      'of it not V8 code',
      'heap low (unforced)',
      'RSS low (probe)',
      'RSS low (plain)',
      'CPU (plain)',
    ],
    perMinute.map((m) => [
      String(m.minute),
      `${mb(m.heapLow)} MB`,
      `${mb(m.dataLow)} MB`,
      `${mb(m.heapLowUnforced)} MB`,
      `${mb(m.rssLow)} MB`,
      `${mb(m.plainRssLow)} MB`,
      `${m.cpuShare.toFixed(2)} %`,
    ]),
  );
  printTable(
    'Soak verdict',
    ['measure', 'value', 'target', 'result'],
    [
      [
        `heap growth after the ${warmupSeconds / 60}-minute warm-up (slope of the minute lows${quick ? ', as an hour' : ''})`,
        `${heapGrowthHour >= 0 ? '+' : ''}${heapGrowthHour.toFixed(2)} MB/h without V8 code (${heapSlope.toFixed(3)} MB/min over ${measured.length} min; with code ${(withCodeSlope * 60).toFixed(2)} MB/h)`,
        '≤ 1 MB over the hour',
        measured.length < 3 ? 'n/a: < 3 minutes' : verdict(heapGrowthHour <= 1),
      ],
      [
        'RSS at the end, on the job list (--refresh 1, plain console)',
        `${mb(lastRss)} MB`,
        '≤ 120 MB',
        verdict(lastRss <= 120 * MB),
      ],
      [
        `CPU at the default 15 s refresh, ${startJobs}+ jobs loaded, over the last ${Math.round(cpuWindow.seconds)} s`,
        `${cpuShare.toFixed(3)} % of a core (${wakeupsPerMinute(cpuWindow).toFixed(1)} wake-ups/min, ${cpuWindow.bytesAfter - cpuWindow.bytes} bytes written)`,
        '< 0.5 %',
        verdict(cpuShare < 0.5),
      ],
      [
        `CPU idle with refresh paused, over the same ${Math.round(pausedWindow.seconds)} s`,
        `${pausedShare.toFixed(3)} % (${Math.round((pausedWindow.to.cpuSeconds - pausedWindow.from.cpuSeconds) * clockTicks)} ticks of 1/${clockTicks} s, ${wakeupsPerMinute(pausedWindow).toFixed(1)} wake-ups/min, ${idleBytes} bytes written)`,
        '0 % (the once-a-minute clock only)',
        verdict(pausedShare < 0.05),
      ],
      [
        'RSS at the end: cpu console / paused console',
        `${mb(samples.cpu.at(-1)?.rss ?? NaN)} / ${mb(samples.paused.at(-1)?.rss ?? NaN)} MB`,
        '-',
        '-',
      ],
      [
        'soak console at the end (process.memoryUsage, unforced)',
        last
          ? `heap ${mb(last.heapUsed)} of ${mb(last.heapTotal)} MB · external ${mb(last.external)} MB (array buffers ${mb(last.arrayBuffers)}) · V8 code ${mb(last.code)} MB`
          : '-',
        '-',
        '-',
      ],
      ['jobs created during the run / walks done', `${created - seeded} / ${walks.length}`, '-', '-'],
    ],
  );

  const svg = join(dir, 'soak.svg');
  writeFileSync(
    svg,
    plotSvg({
      title: `fizz-batch console soak (${quick ? '5 min' : '1 h'}, --refresh 1)`,
      xLabel: 'minutes',
      yLabel: 'MB',
      series: [
        { name: 'RSS (plain)', points: samples.plain.map((s) => ({ x: s.t / 60, y: s.rss / MB })) },
        { name: 'RSS (probe)', points: samples.soak.map((s) => ({ x: s.t / 60, y: s.rss / MB })) },
        { name: 'heap used', points: heap.map((s) => ({ x: s.t / 60, y: s.heapUsed / MB })) },
        {
          name: 'heap after GC',
          points: heap.filter((s) => s.gc).map((s) => ({ x: s.t / 60, y: s.heapUsed / MB })),
          dots: true,
        },
      ],
    }),
  );
  console.log(`\nPlot: ${svg}\nSamples: ${heapFile}`);
  return { heapGrowthHour, lastRss, cpuShare, pausedShare };
}
