import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { tempDir } from '../support/batch-files.js';

const dist = (path: string) => pathToFileURL(fileURLToPath(new URL(`../../dist/${path}`, import.meta.url))).href;

/**
 * One console as a process of its own (the built program, as users run it): reads the config,
 * says "ready", and on "go" adds COUNT profiles with a key each through the session, as `p` `a`
 * does. Both processes read before either writes: the case where the second save used to drop
 * the first one's profiles.
 */
const consoleScript = `
import { createInterface } from 'node:readline';
const { ConfigStore } = await import(${JSON.stringify(dist('config/index.js'))});
const { Session } = await import(${JSON.stringify(dist('core/session.js'))});
const { CONFIG_DIR: dir, PREFIX: prefix, COUNT: count } = process.env;
const store = new ConfigStore({ dir });
const session = new Session({ store, config: store.load(), flags: {}, env: {} });
process.stdout.write('ready\\n');
for await (const _line of createInterface({ input: process.stdin })) break;
const errors = [];
for (let i = 1; i <= Number(count); i++) {
  const name = prefix + '-' + i;
  if (!session.saveProfile({ name, baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-' + name + '-0123456789' })) errors.push(session.getState().error);
}
process.stdout.write(JSON.stringify({ errors, seen: session.getState().config.profiles.length }) + '\\n');
process.exit(0);
`;

interface ConsoleProcess {
  ready: Promise<void>;
  go(): void;
  result: Promise<{ errors: string[]; seen: number }>;
}

function startConsole(dir: string, prefix: string, count: number): ConsoleProcess {
  const child = spawn(process.execPath, ['--input-type=module', '-e', consoleScript], {
    env: { ...process.env, CONFIG_DIR: dir, PREFIX: prefix, COUNT: String(count) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<{ errors: string[]; seen: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{'))
        reject(new Error(`console ${prefix} exited ${code}: ${stderr}${stdout}`));
      else resolve(JSON.parse(last) as { errors: string[]; seen: number });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

describe('two consoles on one config', () => {
  it('each adds profiles with keys at the same time: every profile and key of both is in the file', async () => {
    const dir = join(tempDir(), 'fizz-batch');
    const count = 12;
    const consoles = [startConsole(dir, 'left', count), startConsole(dir, 'right', count)];
    await Promise.all(consoles.map((c) => c.ready));
    for (const c of consoles) c.go();
    const results = await Promise.all(consoles.map((c) => c.result));

    expect(results.map((r) => r.errors)).toEqual([[], []]);
    const saved = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Config;
    const expected = ['left', 'right'].flatMap((prefix) =>
      Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`),
    );
    expect(saved.profiles.map((p) => p.name).sort()).toEqual(expected.sort());
    for (const profile of saved.profiles) expect(profile.apiKey).toBe(`sk-${profile.name}-0123456789`);
    // The one that saved last also shows the other's profiles, not only its own.
    expect(Math.max(...results.map((r) => r.seen))).toBe(2 * count);
    // Neither the lock nor a temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
