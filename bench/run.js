// npm run bench [-- --only transfer|validate|results|console|cli|soak] [-- --size-mb N] [-- --runs N] [-- --heap-seconds S] [-- --parts launch,updates,idle,heap]:
// prints a table per benchmark. The console's heap part also takes [-- --heap-variant steady|arriving]
// (steady, the default: a fixed set of jobs; arriving: a new job every 5 s), [-- --heap-jobs N] (moving
// jobs, default 40), [-- --heap-snapshots] (two heap snapshots and what grew between them) and
// [-- --heap-out DIR] (keep samples and snapshots there). FIZZ_BENCH_DIST=DIR runs a copy of dist/.
// `--only soak` (never part of the default run) leaves the console open for an hour, or five minutes
// with `--quick`, and reports its heap, RSS and CPU (bench/soak.js); [-- --soak-out DIR] keeps its
// samples and plot there.
import { parseArgs } from 'node:util';
import { benchTransfer } from './transfer.js';
import { benchValidate } from './validate.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'size-mb': { type: 'string' },
    runs: { type: 'string' },
    'heap-seconds': { type: 'string' },
    parts: { type: 'string' },
    'heap-variant': { type: 'string' },
    'heap-jobs': { type: 'string' },
    'heap-snapshots': { type: 'boolean' },
    'heap-out': { type: 'string' },
    quick: { type: 'boolean' },
    'soak-out': { type: 'string' },
  },
});
const heap = {
  ...(values['heap-variant'] ? { variant: values['heap-variant'] } : {}),
  ...(values['heap-jobs'] ? { movingJobs: Number(values['heap-jobs']) } : {}),
  ...(values['heap-snapshots'] ? { snapshots: true } : {}),
  ...(values['heap-out'] ? { outDir: values['heap-out'] } : {}),
};
const benches = {
  transfer: () => benchTransfer({ sizeMb: Number(values['size-mb'] ?? 200) }),
  validate: () => benchValidate({ runs: 3 }),
  // Loaded only when run: they bring in the pty (and the console bench, the built server).
  results: async () =>
    (await import('./results.js')).benchResults(values['size-mb'] ? { sizesMb: [Number(values['size-mb'])] } : {}),
  cli: async () => (await import('./cli.js')).benchCli(values.runs ? { runs: Number(values.runs) } : {}),
  console: async () =>
    (await import('./console.js')).benchConsole({
      runs: Number(values.runs ?? 9),
      heapSeconds: Number(values['heap-seconds'] ?? 240),
      ...(values.parts ? { parts: values.parts.split(',') } : {}),
      heap,
    }),
  // Only when asked for by name: it takes an hour (five minutes with --quick).
  soak: async () =>
    (await import('./soak.js')).benchSoak({
      quick: values.quick ?? false,
      ...(values['soak-out'] ? { outDir: values['soak-out'] } : {}),
    }),
};
const onlyWhenAsked = new Set(['soak']);

console.log(`fizz-batch benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, run] of Object.entries(benches)) {
  if (values.only ? values.only !== name : onlyWhenAsked.has(name)) continue;
  await run();
}
