// npm run bench [-- --only NAME] [-- --size-mb N]: prints a table per benchmark.
import { parseArgs } from 'node:util';
import { benchTransfer } from './transfer.js';

const { values } = parseArgs({ options: { only: { type: 'string' }, 'size-mb': { type: 'string' } } });
const benches = { transfer: () => benchTransfer({ sizeMb: Number(values['size-mb'] ?? 200) }) };

console.log(`fizz-batch benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue;
  await run();
}
