import { spawnSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { generateBatchFile } from './lib/generate.js';
import { cli, mb, measure, printTable } from './lib/proc.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * `fizz-batch validate` on a generated 50,000-request file just under OpenAI's 200 MB limit (so it
 * is a clean file, exit 0), beside `jq -c . FILE > /dev/null` on the same file in the same run.
 * Runs alternate between the two tools after a warm-up read, so both see the file in the page cache.
 * Targets: no slower than jq, peak RSS under 200 MB.
 */
export async function benchValidate({ runs = 3, requests = 50_000, targetMb = 195 } = {}) {
  const input = await generateBatchFile(join(here, '.data', `validate-${requests}-${targetMb}mb.jsonl`), {
    requests,
    targetBytes: targetMb * 1024 * 1024,
  });
  const bytes = statSync(input).size;
  await pipeline(createReadStream(input), new Writable({ write: (_chunk, _enc, done) => done() }));

  const hasJq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  const tools = {
    'fizz-batch validate': () => measure(process.execPath, [cli, 'validate', input]),
    ...(hasJq.status === 0
      ? {
          [`jq -c . (${hasJq.stdout.trim()})`]: () =>
            measure('sh', ['-c', 'exec jq -c . "$1" > /dev/null', 'sh', input]),
        }
      : {}),
  };
  const results = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, go] of Object.entries(tools)) results[name].push(await go());
  }

  const rows = Object.entries(results).map(([name, list]) => {
    const seconds = median(list.map((r) => r.seconds));
    const rss = median(list.map((r) => r.peakRss));
    return { name, seconds, rss, all: list.map((r) => r.seconds.toFixed(2)).join(' ') };
  });
  printTable(
    `Validation of a ${mb(bytes)} MB, ${requests.toLocaleString('en-US')}-request batch file (median of ${runs})`,
    ['tool', 'seconds', 'runs (s)', 'MB/s', 'peak RSS MB'],
    rows.map((r) => [r.name, r.seconds.toFixed(2), r.all, (bytes / 1024 / 1024 / r.seconds).toFixed(0), mb(r.rss)]),
  );

  const [fizz, jq] = rows;
  if (jq)
    console.log(
      `\nratio fizz-batch/jq time: ${(fizz.seconds / jq.seconds).toFixed(2)} (target ≤ 1: ${fizz.seconds <= jq.seconds ? 'met' : 'MISSED'})`,
    );
  else console.log('\njq not found: no reference time.');
  console.log(
    `fizz-batch peak RSS ${mb(fizz.rss)} MB (target < 200 MB: ${fizz.rss < 200 * 1024 * 1024 ? 'met' : 'MISSED'})`,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
