import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, chatLines, jsonl, startClocked } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startClocked();
});
afterAll(async () => server.close());

const content = jsonl(chatLines(1));

/** A multipart upload with the file part's header exactly as given (clients differ in how they quote names). */
async function uploadRaw(filenameParam: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = 'fizz-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${filenameParam}\r\nContent-Type: application/octet-stream\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${server.url}/files`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The name a client takes from Content-Disposition: `filename*` when there is one (RFC 6266). */
function nameFromDisposition(header: string): { fallback: string; name: string } {
  const fallback = /filename="([^"]*)"/.exec(header)?.[1] ?? '';
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(header)?.[1];
  return { fallback, name: extended === undefined ? fallback : decodeURIComponent(extended) };
}

async function download(fileId: string): Promise<{ status: number; disposition: string; text: string }> {
  const res = await call(server, `/files/${fileId}/content`);
  return { status: res.status, disposition: res.headers.get('content-disposition') ?? '', text: res.text };
}

describe('upload file names beyond ASCII', () => {
  it.each([
    ['Japanese', 'filename="日本語.jsonl"', '日本語.jsonl'],
    ['an emoji', 'filename="🎉.jsonl"', '🎉.jsonl'],
    ['RFC 5987 encoding', "filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.jsonl", '日本語.jsonl'],
    ['quotes and a backslash', 'filename="say \\"hi\\" (1)\'s.jsonl"', 'say "hi" (1)\'s.jsonl'],
    ['a percent sign and a semicolon', 'filename="100%; done.jsonl"', '100%; done.jsonl'],
  ])('%s: accepted, listed as sent, and its content downloads with the name', async (_what, param, expected) => {
    const uploaded = await uploadRaw(param);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.filename).toBe(expected);
    const listed = (await call<{ data: Array<{ id: string; filename: string }> }>(server, '/files')).body.data.find(
      (f) => f.id === uploaded.body.id,
    );
    expect(listed?.filename).toBe(expected);

    const got = await download(uploaded.body.id as string);
    expect(got.status).toBe(200);
    expect(got.text).toBe(content);
    expect(got.disposition).toMatch(/^attachment; /);
    expect(got.disposition).toMatch(/^[\x20-\x7e]*$/);
    const { fallback, name } = nameFromDisposition(got.disposition);
    expect(name).toBe(expected);
    expect(fallback).toMatch(/^[\x20-\x7e]+\.jsonl$/);
  });

  it('replaces control characters in a name with _ (the API echoes it to terminals and logs)', async () => {
    const uploaded = await uploadRaw('filename="a\tb\x1b[31mred\x7f\u009b2J.jsonl"');
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.filename).toBe('a_b_[31mred__2J.jsonl');
    const got = await download(uploaded.body.id as string);
    expect(got.status).toBe(200);
    expect(nameFromDisposition(got.disposition).name).toBe('a_b_[31mred__2J.jsonl');
  });

  it('keeps only the last segment of a name that is a path', async () => {
    const uploaded = await uploadRaw('filename="../../etc/batch.jsonl"');
    expect(uploaded.body.filename).toBe('batch.jsonl');
  });

  it('a plain ASCII name is sent as a plain filename=', async () => {
    const uploaded = await uploadRaw('filename="requests.jsonl"');
    expect((await download(uploaded.body.id as string)).disposition).toBe('attachment; filename="requests.jsonl"');
  });
});
