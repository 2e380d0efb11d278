import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapi } from '../support/openapi.js';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { sh } from '../support/shell.js';

const key = 'sk-curl-test-5678';

function example(path: string, method: string): string {
  const curl = openapi.paths[path]?.[method]?.['x-oaiMeta']?.examples?.request?.curl;
  if (!curl) throw new Error(`no curl example for ${method} ${path}`);
  return curl;
}

describe('the curl commands of the API reference, as written, against the built-in server', () => {
  let server: TestServer;
  const dir = tempDir();
  let fileId = '';
  let batchId = '';

  beforeAll(async () => {
    // OpenAI's own examples, answered as OpenAI does (integer timestamps): the openai flavour.
    server = await startTestServer({ apiKey: key, speed: 2, requestsPerSecond: 0.5, flavor: 'openai' });
    writeJsonl(dir, 'mydata.jsonl', questions(3));
  });
  afterAll(async () => server.close());

  const run = (snippet: string) =>
    sh(
      snippet
        .replaceAll('https://api.openai.com/v1', server.url)
        .replaceAll('file-abc123', fileId)
        .replaceAll('batch_abc123', batchId),
      dir,
      {
        OPENAI_API_KEY: key,
      },
    );

  it('POST /files uploads mydata.jsonl', async () => {
    const { stdout } = await run(example('/files', 'post'));
    // The reference's snippet lacks line continuations after the file line, so bash runs the curl
    // command without expires_after, then fails on the stray "-F" lines; the upload still counts.
    const file = JSON.parse(stdout) as { id: string; object: string; purpose: string; filename: string; bytes: number };
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'fine-tune',
      filename: 'mydata.jsonl',
      bytes: readFileSync(join(dir, 'mydata.jsonl')).length,
    });
    // The guide uploads batch files the same way with purpose=batch.
    const batchUpload = await sh(
      `curl -s ${server.url}/files -H "Authorization: Bearer $OPENAI_API_KEY" -F purpose="batch" -F file="@mydata.jsonl"`,
      dir,
      { OPENAI_API_KEY: key },
    );
    fileId = (JSON.parse(batchUpload.stdout) as { id: string }).id;
    expect(fileId).toBeTruthy();
  });

  it('GET /files lists it', async () => {
    const list = JSON.parse((await run(example('/files', 'get'))).stdout) as {
      object: string;
      data: Array<{ id: string }>;
    };
    expect(list.object).toBe('list');
    expect(list.data.map((f) => f.id)).toContain(fileId);
  });

  it('GET /files/{id} and /content give the file back byte for byte', async () => {
    expect(JSON.parse((await run(example('/files/{file_id}', 'get'))).stdout)).toMatchObject({
      id: fileId,
      purpose: 'batch',
    });
    await run(example('/files/{file_id}/content', 'get'));
    expect(readFileSync(join(dir, 'file.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'mydata.jsonl'), 'utf8'));
  });

  it('POST /batches creates a batch from it', async () => {
    const batch = JSON.parse((await run(example('/batches', 'post'))).stdout) as {
      id: string;
      status: string;
      input_file_id: string;
    };
    expect(batch).toMatchObject({ status: 'validating', input_file_id: fileId });
    batchId = batch.id;
  });

  it('GET /batches?limit=2 and GET /batches/{id}', async () => {
    const list = JSON.parse((await run(example('/batches', 'get'))).stdout) as {
      data: Array<{ id: string }>;
      has_more: boolean;
    };
    expect(list.data.map((b) => b.id)).toEqual([batchId]);
    expect(list.has_more).toBe(false);
    expect(JSON.parse((await run(example('/batches/{batch_id}', 'get'))).stdout)).toMatchObject({
      id: batchId,
      object: 'batch',
    });
  });

  it('POST /batches/{id}/cancel cancels it', async () => {
    const batch = JSON.parse((await run(example('/batches/{batch_id}/cancel', 'post'))).stdout) as {
      status: string;
      cancelling_at: number;
    };
    expect(batch.status).toBe('cancelling');
    expect(batch.cancelling_at).toEqual(expect.any(Number));
  });

  it('DELETE /files/{id} deletes it', async () => {
    expect(JSON.parse((await run(example('/files/{file_id}', 'delete'))).stdout)).toEqual({
      id: fileId,
      object: 'file',
      deleted: true,
    });
    const after = await sh(
      `curl -s -w '\\n%{http_code}' ${server.url}/files/${fileId} -H "Authorization: Bearer $OPENAI_API_KEY"`,
      dir,
      { OPENAI_API_KEY: key },
    );
    expect(after.stdout.trim().split('\n').at(-1)).toBe('404');
  });
});

describe('the fizz.ai guide, step by step in bash with curl and jq', () => {
  let server: TestServer;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startTestServer({ apiKey: key, speed: 500, flavor: 'fizz', failRate: 0 });
    writeJsonl(dir, 'my_batch_request.jsonl', questions(12));
  });
  afterAll(async () => server.close());

  it('upload → create → poll → download → list → cancel (409 once finished)', async () => {
    const script = `
set -euo pipefail
BASE_URL=${server.url}
FILE_ID=$(curl -s "$BASE_URL/files" -H "Authorization: Bearer $API_KEY" -F "file=@my_batch_request.jsonl" -F "purpose=batch" | jq -r .id)
BATCH_ID=$(curl -s "$BASE_URL/batches" -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \\
  -d "{\\"input_file_id\\": \\"$FILE_ID\\", \\"endpoint\\": \\"/v1/chat/completions\\", \\"completion_window\\": \\"24h\\"}" | jq -r .id)
for i in $(seq 1 200); do
  STATUS=$(curl -s "$BASE_URL/batches/$BATCH_ID" -H "Authorization: Bearer $API_KEY" | jq -r .status)
  [ "$STATUS" = completed ] && break
  sleep 0.1
done
echo "status=$STATUS"
OUTPUT_ID=$(curl -s "$BASE_URL/batches/$BATCH_ID" -H "Authorization: Bearer $API_KEY" | jq -r .output_file_id)
curl -s "$BASE_URL/files/$OUTPUT_ID/content" -H "Authorization: Bearer $API_KEY" > results.jsonl
echo "lines=$(wc -l < results.jsonl)"
echo "listed=$(curl -s "$BASE_URL/batches" -H "Authorization: Bearer $API_KEY" | jq -r '.data[0].id == "'$BATCH_ID'"')"
echo "created_at_type=$(curl -s "$BASE_URL/batches/$BATCH_ID" -H "Authorization: Bearer $API_KEY" | jq -r '.created_at | type')"
echo "cancel=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE_URL/batches/$BATCH_ID/cancel" -H "Authorization: Bearer $API_KEY")"
`;
    const { stdout, stderr, code } = await sh(script, dir, { API_KEY: key });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('status=completed');
    expect(stdout).toMatch(/lines=\s*12/);
    expect(stdout).toContain('listed=true');
    // The fizz flavour sends timestamps as numeric strings, as the guide shows.
    expect(stdout).toContain('created_at_type=string');
    expect(stdout).toContain('cancel=409');
  }, 40_000);
});
