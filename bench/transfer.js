import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBatchFile } from './lib/generate.js';
import { mb, measure, printTable, startServer } from './lib/proc.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Upload and download of a large batch file through the fizz-batch client and the built-in server,
 * beside curl doing the same against the same server. Each phase gets a fresh server process on
 * the same data dir, so each peak RSS belongs to one phase.
 */
export async function benchTransfer({ sizeMb = 200 } = {}) {
  const input = await generateBatchFile(join(here, '.data', `batch-${sizeMb}mb.jsonl`), { targetBytes: sizeMb * 1024 * 1024 });
  const bytes = statSync(input).size;
  const work = mkdtempSync(join(here, '.data', 'transfer-'));
  const rows = [];
  const throughput = {};
  try {
    const idleServer = await startServer([]);
    const idleClient = await measure(process.execPath, [join(here, 'transfer-client.js'), 'idle', idleServer.url]);
    rows.push(['idle (baseline)', 'fizz-batch', '-', '-', mb(idleClient.peakRss), mb(idleServer.peakRss())]);
    await idleServer.stop();

    for (const tool of ['fizz-batch', 'curl']) {
      const dataDir = join(work, tool);
      let server = await startServer(['--data-dir', dataDir]);
      let fileId;
      const up = tool === 'curl'
        ? await measure('curl', ['-sS', '-f', `${server.url}/files`, '-F', 'purpose=batch', '-F', `file=@${input}`])
        : await measure(process.execPath, [join(here, 'transfer-client.js'), 'upload', server.url, input]);
      fileId = JSON.parse(up.stdout).id;
      rows.push(['upload', tool, up.seconds.toFixed(2), (bytes / 1024 / 1024 / up.seconds).toFixed(0), mb(up.peakRss), mb(server.peakRss())]);
      throughput[`upload ${tool}`] = bytes / up.seconds;
      await server.stop();

      server = await startServer(['--data-dir', dataDir]);
      const dest = join(work, `${tool}-download.jsonl`);
      const down = tool === 'curl'
        ? await measure('curl', ['-sS', '-f', '-o', dest, `${server.url}/files/${fileId}/content`])
        : await measure(process.execPath, [join(here, 'transfer-client.js'), 'download', server.url, fileId, dest]);
      if (statSync(dest).size !== bytes) throw new Error(`${tool} downloaded ${statSync(dest).size} bytes, expected ${bytes}`);
      rows.push(['download', tool, down.seconds.toFixed(2), (bytes / 1024 / 1024 / down.seconds).toFixed(0), mb(down.peakRss), mb(server.peakRss())]);
      throughput[`download ${tool}`] = bytes / down.seconds;
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printTable(`Transfer of a ${mb(bytes)} MB batch file (fizz-batch client ↔ built-in server; curl for reference)`,
    ['operation', 'client', 'seconds', 'MB/s', 'client peak RSS MB', 'server peak RSS MB'], rows);
  console.log(`\nratio fizz-batch/curl throughput: upload ${(throughput['upload fizz-batch'] / throughput['upload curl']).toFixed(2)}, download ${(throughput['download fizz-batch'] / throughput['download curl']).toFixed(2)}`);
  console.log('Peak RSS does not grow with the file: compare npm run bench -- --only transfer --size-mb 50 (or 400).');
}
