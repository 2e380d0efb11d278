import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, measure, printTable, startServer } from './lib/proc.js';

/**
 * The scriptable commands end to end, as a script runs them: `fizz-batch list --json` against the
 * built-in server (demo data: 17 jobs), beside `curl -s …/batches | jq .` on the same server in the
 * same run, runs alternating. Also the floors: `node -e 0` and `fizz-batch --version`.
 * Target: list --json at most 3× curl+jq.
 */
export async function benchCli({ runs = 15 } = {}) {
  const server = await startServer(['--demo-data']);
  // An empty config of its own: no profile of the developer's is read or changed.
  const env = {
    ...process.env,
    FIZZ_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'fizz-bench-cli-')),
    FIZZ_API_KEY: '',
    FIZZ_PROFILE: '',
  };
  const hasCurlJq = spawnSync('sh', ['-c', 'command -v curl && command -v jq']).status === 0;
  const tools = {
    'node -e 0': () => measure(process.execPath, ['-e', '0']),
    'fizz-batch --version': () => measure(process.execPath, [cli, '--version'], { env }),
    'fizz-batch list --json': () =>
      measure(process.execPath, [cli, 'list', '--json', '--base-url', server.url], { env }),
    ...(hasCurlJq
      ? {
          'curl -s …/batches, jq .': () =>
            measure('sh', ['-c', 'curl -s "$1/batches" | jq . > /dev/null', 'sh', server.url]),
        }
      : {}),
  };
  try {
    // Warm-up: the compile cache and the page cache, for every tool alike.
    for (const go of Object.values(tools)) await go();
    const results = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
    for (let run = 0; run < runs; run++)
      for (const [name, go] of Object.entries(tools)) results[name].push((await go()).seconds * 1000);
    const rows = Object.entries(results).map(([name, ms]) => [
      name,
      median(ms).toFixed(0),
      Math.min(...ms).toFixed(0),
      Math.max(...ms).toFixed(0),
    ]);
    printTable(`Scriptable commands end to end, ms (median of ${runs})`, ['command', 'median', 'min', 'max'], rows);
    const list = median(results['fizz-batch list --json']);
    const reference = results['curl -s …/batches, jq .'];
    if (reference) {
      const ratio = list / median(reference);
      console.log(`\nratio list --json / curl+jq: ${ratio.toFixed(2)} (target ≤ 3: ${ratio <= 3 ? 'met' : 'MISSED'})`);
    } else console.log('\ncurl or jq not found: no reference time.');
  } finally {
    await server.stop();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
