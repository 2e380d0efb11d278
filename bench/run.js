// npm run bench [-- --only NAME] [-- --size-mb N] [-- --runs N] [-- --heap-seconds S] [-- --parts launch,updates,idle,heap]:
// prints a table per benchmark.
import { parseArgs } from 'node:util';
import { benchTransfer } from './transfer.js';
import { benchValidate } from './validate.js';

const { values } = parseArgs({ options: { only: { type: 'string' }, 'size-mb': { type: 'string' }, runs: { type: 'string' }, 'heap-seconds': { type: 'string' }, parts: { type: 'string' } } });
const benches = {
  transfer: () => benchTransfer({ sizeMb: Number(values['size-mb'] ?? 200) }),
  validate: () => benchValidate({ runs: 3 }),
  // Loaded only when run: it brings in the pty and the built server.
  console: async () => (await import('./console.js')).benchConsole({ runs: Number(values.runs ?? 9), heapSeconds: Number(values['heap-seconds'] ?? 240), ...(values.parts ? { parts: values.parts.split(',') } : {}) }),
};

console.log(`fizz-batch benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue;
  await run();
}
