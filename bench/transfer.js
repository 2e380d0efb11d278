import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBatchFile } from './lib/generate.js';
import { cli, mb, measure, printTable, startServer } from './lib/proc.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * A large batch file up and a large result file down, as a user moves them: `fizz-batch submit
 * FILE` (checked, uploaded, the batch created) and `fizz-batch results ID -o FILE` (downloaded
 * through the pager's cache, saved atomically), start-up included, beside curl doing the bare
 * transfer against the same server. Each phase gets a fresh server process on the same data dir,
 * so each peak RSS belongs to one phase. Target: fizz-batch at ≥ 0.8× curl's throughput.
 */
export async function benchTransfer({ sizeMb = 200 } = {}) {
  // Decimal megabytes: a "200 MB" file within the 200 MiB a provider takes.
  // Eight answers a request: the job's output file comes out about as large as its input.
  const input = await generateBatchFile(join(here, '.data', `batch-${sizeMb}e6-n8.jsonl`), {
    targetBytes: sizeMb * 1e6,
    choices: 8,
  });
  const inputBytes = statSync(input).size;
  const work = mkdtempSync(join(here, '.data', 'transfer-'));
  const dataDir = join(work, 'server');
  // An empty config and cache of its own: no profile or cached file of the developer's is used.
  const env = {
    ...process.env,
    FIZZ_CONFIG_DIR: join(work, 'config'),
    FIZZ_CACHE_DIR: join(work, 'cache'),
    FIZZ_API_KEY: '',
    FIZZ_PROFILE: '',
    FIZZ_BASE_URL: '',
  };
  // A fast clock: the job the upload makes is done a moment later, its output written.
  const serve = () => startServer(['--data-dir', dataDir, '--speed', '1000000', '--fault-rate', '0']);
  const rows = [];
  const throughput = {};
  const record = (operation, tool, bytes, run, server) => {
    rows.push([
      operation,
      tool,
      mb(bytes),
      run.seconds.toFixed(2),
      (bytes / 1024 / 1024 / run.seconds).toFixed(0),
      mb(run.peakRss),
      mb(server.peakRss()),
    ]);
    throughput[`${operation} ${tool}`] = bytes / run.seconds;
  };
  try {
    let server = await serve();
    const curlUp = await measure('curl', [
      '-sS',
      '-f',
      `${server.url}/files`,
      '-F',
      'purpose=batch',
      '-F',
      `file=@${input}`,
    ]);
    record('upload', 'curl', inputBytes, curlUp, server);
    await server.stop();

    server = await serve();
    const submit = await measure(process.execPath, [cli, 'submit', input, '--base-url', server.url], { env });
    record('upload', 'fizz-batch submit', inputBytes, submit, server);
    const batchId = submit.stdout.trim();
    const output = await outputOf(server.url, batchId);
    await server.stop();

    server = await serve();
    const curlDest = join(work, 'curl-output.jsonl');
    const curlDown = await measure('curl', ['-sS', '-f', '-o', curlDest, `${server.url}/files/${output.id}/content`]);
    record('download', 'curl', statSync(curlDest).size, curlDown, server);
    await server.stop();

    server = await serve();
    const dest = join(work, 'fizz-output.jsonl');
    const results = await measure(process.execPath, [cli, 'results', batchId, '-o', dest, '--base-url', server.url], {
      env,
    });
    if (statSync(dest).size !== statSync(curlDest).size)
      throw new Error(`results -o wrote ${statSync(dest).size} bytes, curl ${statSync(curlDest).size}`);
    record('download', 'fizz-batch results -o', statSync(dest).size, results, server);
    await server.stop();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printTable(
    'Moving a large batch file: fizz-batch commands ↔ built-in server, curl for reference (start-up included)',
    ['operation', 'client', 'MB', 'seconds', 'MB/s', 'client peak RSS MB', 'server peak RSS MB'],
    rows,
  );
  const up = throughput['upload fizz-batch submit'] / throughput['upload curl'];
  const down = throughput['download fizz-batch results -o'] / throughput['download curl'];
  const verdict = (ratio) => `${ratio.toFixed(2)} (target ≥ 0.8: ${ratio >= 0.8 ? 'met' : 'MISSED'})`;
  console.log(`\nratio fizz-batch/curl throughput: submit ${verdict(up)}, results -o ${verdict(down)}`);
  console.log('submit also checks the file (while it uploads) and creates the batch; curl only uploads.');
}

/** The output file of the job, once the server has finished it. */
async function outputOf(baseURL, batchId) {
  for (;;) {
    const job = await (await globalThis.fetch(`${baseURL}/batches/${batchId}`)).json();
    if (job.status === 'completed' && job.output_file_id) return { id: job.output_file_id };
    if (['failed', 'expired', 'cancelled'].includes(job.status)) throw new Error(`the bench job ended ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
