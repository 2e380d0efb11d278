import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';

/** Helpers for the server's own tests: a controllable clock, raw fetch wrappers, JSONL builders. */

export const MODEL = 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo';
/** A whole second, so created_at and the derived timestamps are easy to predict. */
export const T0 = 1_750_000_000_000;

export interface Clock {
  now: () => number;
  set: (ms: number) => void;
  /** Moves the clock forward by `ms`. */
  tick: (ms: number) => void;
}

export function manualClock(start = T0): Clock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), tick: (ms) => (t += ms) };
}

export interface TestServer extends RunningServer {
  clock: Clock;
}

/** A server on a free port with an injected clock; the caller closes it. */
export async function startClocked(options: ServerOptions = {}): Promise<TestServer> {
  const clock = manualClock();
  const server = await startServer({ port: 0, failRate: 0, now: clock.now, ...options });
  return Object.assign(server, { clock });
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = Record<string, unknown>>(
  server: RunningServer,
  path: string,
  init: RequestInit = {},
): Promise<Answer<T>> {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export function postJson<T = Record<string, unknown>>(
  server: RunningServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return call<T>(server, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function chatLine(
  customId: string,
  question: string,
  body: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: question },
      ],
      ...body,
    },
  };
}

export function chatLines(count: number, body: Record<string, unknown> = {}): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => chatLine(`req-${i + 1}`, `What is ${i + 1} times seven?`, body));
}

export function jsonl(lines: Array<Record<string, unknown> | string>): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

const madeDirs: string[] = [];

/** A fresh directory under the system temp dir; `removeTempDirs` deletes them all. */
export function tempDir(prefix = 'fizz-server-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function upload(
  server: RunningServer,
  filename: string,
  content: string,
  purpose = 'batch',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  // The file before the purpose, as `curl -F file=@x -F purpose=batch` sends it.
  form.append('file', new Blob([content]), filename);
  form.append('purpose', purpose);
  return call(server, '/files', { method: 'POST', body: form, headers });
}

export async function uploadLines(
  server: RunningServer,
  lines: Array<Record<string, unknown> | string>,
  filename = 'input.jsonl',
): Promise<string> {
  const res = await upload(server, filename, jsonl(lines));
  if (res.status !== 200) throw new Error(`upload failed: ${res.text}`);
  return res.body.id as string;
}

export async function createBatch(
  server: RunningServer,
  inputFileId: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const res = await postJson(server, '/batches', {
    input_file_id: inputFileId,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
    ...extra,
  });
  if (res.status !== 200) throw new Error(`create failed: ${res.text}`);
  return res.body;
}

/** Settles the engine (validation, result files) and reads the batch. */
export async function batchNow(server: RunningServer, id: string): Promise<Record<string, unknown>> {
  await server.engine.advance();
  return (await call(server, `/batches/${id}`)).body;
}

export async function fileLines(server: RunningServer, fileId: string): Promise<Array<Record<string, unknown>>> {
  const res = await call(server, `/files/${fileId}/content`);
  return res.text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);
