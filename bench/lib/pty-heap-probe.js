// Loaded into the console with `node --expose-gc --import bench/lib/pty-heap-probe.js`: every
// FIZZ_HEAP_PROBE_MS it collects garbage and appends the heap to FIZZ_HEAP_PROBE_FILE, one JSON
// line per sample, so the benchmark sees the retained heap of the real console in a real pty.
// With FIZZ_HEAP_SNAPSHOTS=60,180 (seconds) it also writes heap snapshots then, beside the file,
// to find what grows. It writes nothing to the terminal and its timer never keeps the process alive.
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

const file = process.env.FIZZ_HEAP_PROBE_FILE;
const every = Number(process.env.FIZZ_HEAP_PROBE_MS ?? 2000);
const snapshots = (process.env.FIZZ_HEAP_SNAPSHOTS ?? '').split(',').filter(Boolean).map(Number);
if (file) {
  const started = performance.now();
  const sample = () => {
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const t = (performance.now() - started) / 1000;
    const { heapUsed, rss } = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ t, heapUsed, rss })}\n`);
    while (snapshots.length > 0 && t >= snapshots[0]) writeHeapSnapshot(join(dirname(file), `heap-${snapshots.shift()}.heapsnapshot`));
  };
  setInterval(sample, every).unref();
}
