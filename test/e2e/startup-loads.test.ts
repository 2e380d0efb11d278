import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/batch-files.js';
import { runCli } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

// What a one-call command loads before it can answer: a script runs `fizz-batch list` in a loop,
// and every module is paid for on every run. undici alone (what fetch and an ES import of node:http
// bring) costs ~20 ms; React and Ink are the console's, not a script's.

const hook = pathToFileURL(fileURLToPath(new URL('../support/record-loads.mjs', import.meta.url))).href;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ failRate: 0 });
});
afterAll(async () => {
  await server.close();
});

async function loadsOf(args: string[]): Promise<{ builtins: string[]; code: string }> {
  const out = join(tempDir(), 'loads.json');
  const result = await runCli(args, {
    FIZZ_BASE_URL: server.url,
    NODE_OPTIONS: `--import ${hook}`,
    FIZZ_RECORD_LOADS: out,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const { builtins, files } = JSON.parse(readFileSync(out, 'utf8')) as { builtins: string[]; files: string[] };
  return {
    builtins,
    code: files
      .filter((f) => f.includes('/dist/'))
      .map((f) => readFileSync(fileURLToPath(f), 'utf8'))
      .join('\n'),
  };
}

describe('start-up of the scriptable commands', () => {
  for (const args of [
    ['list', '--json'],
    ['models', '--json'],
  ]) {
    it(`${args.join(' ')} loads neither undici nor React, Ink or the server`, async () => {
      const { builtins, code } = await loadsOf(args);
      expect(builtins.filter((m) => m.includes('undici'))).toEqual([]);
      // Marks of code that must not load: React's element symbol, Ink's renderer, the server's answers.
      expect(code).not.toContain('react.transitional.element');
      expect(code).not.toContain('ink-');
      expect(code).not.toContain('openai-version');
      expect(code).toContain('/models');
      // zod without its forty locales (264 KB a run would read and compile for messages never shown).
      expect(code).not.toContain('Input non valido');
      expect(code.length).toBeLessThan(300_000);
      // Built-ins taken with require(), not through an ES facade that reads every export:
      // node:crypto's facade starts webcrypto (5 ms) for the one randomBytes a config lock needs.
      expect(builtins).not.toContain('internal/crypto/webcrypto');
    });
  }
});
