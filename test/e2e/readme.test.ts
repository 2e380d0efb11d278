import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/batch-files.js';
import { exited, spawnServe } from '../support/cli.js';
import { sh } from '../support/shell.js';

// The README's shell snippets, run as a reader pastes them, against `fizz-batch serve`: the
// README's example URL is swapped for the server's, nothing else is changed.

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const EXAMPLE_URL = 'http://127.0.0.1:43117/v1';

/** The first ```sh block after `heading` in the README. */
function snippetAfter(heading: string): string {
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`the README has no "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`no sh block after "${heading}"`);
  return block[1]!;
}

describe('the README, pasted into a shell', () => {
  let server: Awaited<ReturnType<typeof spawnServe>>;
  beforeAll(async () => {
    // Fast enough that the job ends in a second or two; the snippet itself is unchanged.
    server = await spawnServe(['--speed', '100', '--fail-rate', '0']);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await exited(server.child);
  });

  it('"A whole job with curl" uploads, creates, watches to the end and downloads the results', async () => {
    const snippet = snippetAfter('A whole job with curl');
    expect(snippet).toContain(`BASE=${EXAMPLE_URL}`);
    const dir = tempDir('fizz-readme-');
    const { code, stdout, stderr } = await sh(snippet.replaceAll(EXAMPLE_URL, server.url), dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // It showed the status as it went, and ended on completed with both requests done.
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('["completed",{"total":2,"completed":2,"failed":0}]');
    const results = readFileSync(join(dir, 'results.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number } });
    expect(results.map((r) => r.custom_id).sort()).toEqual(['q1', 'q2']);
    expect(results.every((r) => r.response.status_code === 200)).toBe(true);
  });

  it('the curl of "Try it" lists batches', async () => {
    // Quoted, so that zsh does not take the ? for a glob.
    const line = readme.split('\n').find((l) => l.startsWith(`curl '${EXAMPLE_URL}/batches?`));
    expect(line).toBeDefined();
    const { code, stdout } = await sh(line!.replaceAll(EXAMPLE_URL, server.url), tempDir('fizz-readme-'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ object: 'list', data: expect.any(Array) });
  });
});
