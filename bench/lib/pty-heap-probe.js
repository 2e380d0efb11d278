// Loaded into the console with `node --expose-gc --import bench/lib/pty-heap-probe.js`: every
// FIZZ_HEAP_PROBE_MS it collects garbage and appends the heap to FIZZ_HEAP_PROBE_FILE, one JSON
// line per sample (with the part of it that is V8's compiled code and bytecode), so the benchmark
// sees the retained heap of the real console in a real pty.
// With FIZZ_HEAP_PROBE_GC_EVERY=N it collects only before every Nth sample (the soak: the others
// show the heap as the console lives with it, unforced), and marks the collected ones `gc: true`.
// With FIZZ_HEAP_SNAPSHOTS=60,180 (seconds) it also writes heap snapshots then, beside the file,
// to find what grows. With FIZZ_HEAP_SNAPSHOT_SIGNAL=SIGURG that signal writes one too, after a
// GC, as heap-signal-1.heapsnapshot, -2, … (renamed into place once complete), so the benchmark
// picks the moment (the same screen each time). Not SIGUSR2: the console's signal-exit hooks it,
// unloads itself and raises it again. It writes nothing to the terminal, and neither its timer
// nor its signal handler keeps the process alive.
import { appendFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapCodeStatistics, getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const file = process.env.FIZZ_HEAP_PROBE_FILE;
const every = Number(process.env.FIZZ_HEAP_PROBE_MS ?? 2000);
const gcEvery = Math.max(1, Number(process.env.FIZZ_HEAP_PROBE_GC_EVERY ?? 1));
const snapshots = (process.env.FIZZ_HEAP_SNAPSHOTS ?? '').split(',').filter(Boolean).map(Number);
if (file) {
  const started = performance.now();
  let taken = 0;
  const sample = () => {
    const gc = taken++ % gcEvery === 0 && typeof globalThis.gc === 'function';
    if (gc) globalThis.gc();
    const t = (performance.now() - started) / 1000;
    const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
    // V8's own code in that heap: machine code of the functions it compiled and optimized, and
    // bytecode, with their metadata (it grows while the JIT warms up, whatever the app holds).
    const stats = getHeapCodeStatistics();
    const code = stats.code_and_metadata_size + stats.bytecode_and_metadata_size;
    // Where the committed heap is (the young generation grows with the allocation rate).
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]),
    );
    appendFileSync(
      file,
      `${JSON.stringify({ t, heapUsed, heapTotal, external, arrayBuffers, rss, code, gc, spaces })}\n`,
    );
    while (snapshots.length > 0 && t >= snapshots[0])
      writeHeapSnapshot(join(dirname(file), `heap-${snapshots.shift()}.heapsnapshot`));
  };
  setInterval(sample, every).unref();
  const signal = process.env.FIZZ_HEAP_SNAPSHOT_SIGNAL;
  if (signal) {
    let taken = 0;
    process.on(signal, () => {
      if (typeof globalThis.gc === 'function') globalThis.gc();
      const name = join(dirname(file), `heap-signal-${++taken}.heapsnapshot`);
      writeHeapSnapshot(`${name}.part`);
      renameSync(`${name}.part`, name);
    });
  }
}
