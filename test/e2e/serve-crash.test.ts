import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, spawnServe } from '../support/cli.js';

/** `fizz-batch serve` as users run it (the built CLI): what a hostile client or a crash does to it. */

const children: Array<Awaited<ReturnType<typeof spawnServe>>['child']> = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<{ url: string; child: Awaited<ReturnType<typeof spawnServe>>['child'] }> {
  const started = await spawnServe(args);
  children.push(started.child);
  return started;
}

function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const line = JSON.stringify({
  custom_id: 'a',
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo', messages: [{ role: 'user', content: 'hi' }] },
});

describe('fizz-batch serve', () => {
  it('answers a request line URL parsers choke on with a 400 and keeps running', async () => {
    const { url, child } = await serve([]);
    for (const target of ['//[x', '//a:99999/v1/files']) {
      const answer = await rawExchange(url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"type":"invalid_request_error"');
    }
    expect((await fetch(`${url}/files`)).status).toBe(200);
    expect(child.exitCode).toBeNull();
  });

  it('keeps an acknowledged upload and batch when killed -9 right after the answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fizz-serve-crash-'));
    dirs.push(dataDir);
    const first = await serve(['--data-dir', dataDir]);
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', new Blob([`${line}\n`]), 'kept.jsonl');
    const uploaded = await fetch(`${first.url}/files`, { method: 'POST', body: form });
    expect(uploaded.status).toBe(200);
    const file = (await uploaded.json()) as { id: string };
    const created = await fetch(`${first.url}/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }),
    });
    expect(created.status).toBe(200);
    const batch = (await created.json()) as { id: string };
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await serve(['--data-dir', dataDir]);
    const again = await fetch(`${second.url}/batches/${batch.id}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: batch.id, input_file_id: file.id });
    expect(await (await fetch(`${second.url}/files/${file.id}/content`)).text()).toBe(`${line}\n`);
  });
});
