// One side of the transfer benchmark, in its own process so its peak RSS is its own.
// usage: node bench/transfer-client.js upload URL FILE | download URL FILE_ID DEST | idle URL
import { createBatchClient } from '../dist/api/index.js';

const [mode, baseURL, a, b] = process.argv.slice(2);
const client = createBatchClient({ baseURL, apiKey: 'bench' });
if (mode === 'upload') {
  const file = await client.uploadFile(a, { purpose: 'batch' });
  process.stdout.write(JSON.stringify({ id: file.id, bytes: file.bytes }));
} else if (mode === 'download') {
  await client.downloadFile(a, b);
  process.stdout.write(JSON.stringify({ ok: true }));
} else if (mode === 'idle') {
  // The client loaded and one request made: the memory a transfer is measured against.
  await client.listModels();
  process.stdout.write(JSON.stringify({ ok: true }));
} else {
  process.stderr.write('usage: transfer-client.js upload URL FILE | download URL FILE_ID DEST\n');
  process.exit(2);
}
