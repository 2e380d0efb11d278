import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchSchema, createBatchClient, FileObjectSchema, ModelSchema } from '../../src/api/index.js';
import { chatRequest, tempDir, writeJsonl } from '../support/batch-files.js';
import { runCli } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The scriptable commands against the built-in server, as a script runs them: stdout piped (so
// plain), no terminal to ask on. Every request the server answers is logged, to count them.

let server: TestServer;
const log: string[] = [];
const ids: string[] = [];
const key = 'sk-scripting-secret-123456';

beforeAll(async () => {
  // One request a simulated hour: the valid jobs stay in progress for the whole test.
  server = await startTestServer({
    failRate: 0,
    requestsPerSecond: 1 / 3600,
    apiKey: key,
    log: (line) => log.push(line),
  });
  const client = createBatchClient({ baseURL: server.url, apiKey: key });
  const dir = tempDir();
  // The first job's file starts with a line that is not JSON: it fails validation, and a
  // failed job cannot be cancelled any more.
  const broken = await client.uploadFile(
    writeJsonl(dir, 'broken.jsonl', ['{"custom_id": "x"', chatRequest('a', 'One?')]),
  );
  const file = await client.uploadFile(
    writeJsonl(dir, 'input.jsonl', [chatRequest('a', 'One?'), chatRequest('b', 'Two?')]),
  );
  for (const [description, input] of [
    ['first', broken],
    ['second', file],
    ['third', file],
  ] as const) {
    const job = await client.createBatch({
      inputFileId: input.id,
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      metadata: { description },
    });
    ids.push(job.id);
  }
  await client.cancelBatch(ids[1]!);
  await server.engine.advance();
});
afterAll(async () => {
  await server.close();
});

/** The key goes with the host it belongs to: FIZZ_BASE_URL pairs FIZZ_API_KEY with this server. */
const env = () => ({ FIZZ_BASE_URL: server.url, FIZZ_API_KEY: key });
const requests = (pattern: RegExp) => log.filter((line) => pattern.test(line)).length;

describe('fizz-batch list', () => {
  it('piped: one tab-separated line per job, newest first, whole values, OpenAI status names', async () => {
    const result = await runCli(['list'], env());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map((row) => row[0])).toEqual([...ids].reverse());
    expect(rows.map((row) => row[6])).toEqual(['third', 'second', 'first']);
    for (const row of rows) {
      expect(row).toHaveLength(7);
      expect(row[1]).toMatch(/^[a-z_]+$/);
      expect(row[2]).toMatch(/^\d+\/\d+$/);
      expect(row[4]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    }
  });

  it('--json: one document whose jobs parse back through the schemas, as the server has them', async () => {
    const result = await runCli(['list', '--json', '--limit', '2'], env());
    expect(result.code).toBe(0);
    const jobs = JSON.parse(result.stdout) as unknown[];
    expect(jobs).toHaveLength(2);
    const client = createBatchClient({ baseURL: server.url, apiKey: key });
    for (const raw of jobs) {
      const job = BatchSchema.parse(raw);
      // What does not move while the job runs is exactly what the server has.
      const { id, endpoint, model, inputFileId, completionWindow, createdAt, expiresAt, metadata } =
        await client.getBatch(job.id);
      expect(job).toMatchObject({ id, endpoint, model, inputFileId, completionWindow, createdAt, expiresAt, metadata });
    }
  });

  it('--status narrows by status; a status that does not exist is a usage error naming the choices', async () => {
    const cancelled = await runCli(['list', '--status', 'cancelled,cancelling'], env());
    expect(
      cancelled.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual([ids[1]]);
    const wrong = await runCli(['list', '--status', 'done'], env());
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(
      /--status takes statuses separated by commas \(validating, in_progress.*\); got 'done'/,
    );
  });

  it('an unknown flag or a missing argument: exit 2 and the usage line, nothing sent', async () => {
    const before = log.length;
    const unknown = await runCli(['list', '--colour'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("fizz-batch: unknown option '--colour'.\nUsage: fizz-batch list [options]\n");
    const missing = await runCli(['cancel'], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('fizz-batch: cancel needs ID.\nUsage: fizz-batch cancel ID [options]\n');
    expect(log.length).toBe(before);
  });

  it('a wrong key: exit 1, the server says why, and no key appears anywhere', async () => {
    const wrongKey = 'sk-wrong-key-abcdef987654';
    const result = await runCli(['list'], { FIZZ_BASE_URL: server.url, FIZZ_API_KEY: wrongKey });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^fizz-batch: .*401/);
    for (const secret of [wrongKey, key, wrongKey.slice(3, 20)])
      expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

describe('fizz-batch cancel', () => {
  it('with no terminal to ask on and no --yes: exit 2, nothing sent', async () => {
    const before = requests(/^POST .*\/cancel/);
    const result = await runCli(['cancel', ids[2]!], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('add --yes');
    expect(requests(/^POST .*\/cancel/)).toBe(before);
  });

  it('--yes cancels; a job that already ended is refused once (409), explained, exit 1', async () => {
    const ok = await runCli(['cancel', ids[2]!, '--yes', '--json'], env());
    expect(ok.code).toBe(0);
    expect(BatchSchema.parse(JSON.parse(ok.stdout)).status).toMatch(/^cancell(ing|ed)$/);
    // Validation takes a little of the server's time: wait for the state, not for a clock.
    const client = createBatchClient({ baseURL: server.url, apiKey: key });
    await waitFor(
      'the broken job to fail validation',
      async () => (await client.getBatch(ids[0]!)).status,
      (status) => status === 'failed',
    );
    const before = requests(/^POST .*\/cancel/);
    const refused = await runCli(['cancel', ids[0]!, '--yes'], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^fizz-batch: ${ids[0]} cannot be cancelled now: .*failed`));
    expect(requests(/^POST .*\/cancel/)).toBe(before + 1);
  });
});

describe('fizz-batch files and models', () => {
  it('files --purpose batch lists the upload; --json parses back', async () => {
    const result = await runCli(['files', '--purpose', 'batch', '--json'], env());
    expect(result.code).toBe(0);
    const files = (JSON.parse(result.stdout) as unknown[]).map((f) => FileObjectSchema.parse(f));
    expect(files.map((f) => f.filename)).toEqual(expect.arrayContaining(['input.jsonl', 'broken.jsonl']));
    expect(files.every((f) => f.purpose === 'batch')).toBe(true);
  });

  it('files rm: needs --yes without a terminal; deletes with it', async () => {
    const client = createBatchClient({ baseURL: server.url, apiKey: key });
    const spare = await client.uploadFile(writeJsonl(tempDir(), 'spare.jsonl', [chatRequest('z', 'Spare?')]));
    const refused = await runCli(['files', 'rm', spare.id], env());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes');
    const removed = await runCli(['files', 'rm', spare.id, '--yes'], env());
    expect(removed.code).toBe(0);
    expect(removed.stderr).toBe(`Deleted ${spare.id}.\n`);
    const listed = await runCli(['files', '--json'], env());
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((f) => f.id)).not.toContain(spare.id);
  });

  it("models lists the fizz.ai guide's models", async () => {
    const text = await runCli(['models'], env());
    expect(text.stdout).toContain('fizzai/Meta-Llama-3.1-8B-Instruct-Turbo\t');
    const json = await runCli(['models', '--json'], env());
    const models = (JSON.parse(json.stdout) as unknown[]).map((m) => ModelSchema.parse(m));
    expect(models.map((m) => m.id)).toContain('fizzai/Meta-Llama-3.3-70B-Instruct-Turbo');
  });
});

describe('fizz-batch completion', () => {
  it("bash: completes the commands, a command's flags and a flag's values", async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const complete = (words: string[]) =>
      execFileSync('bash', [
        '-c',
        `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _fizz_batch; echo "\${COMPREPLY[@]}"`,
      ])
        .toString()
        .trim();
    expect(complete(['fizz-batch', 'ca']).split(' ')).toEqual(['cancel']);
    expect(complete(['fizz-batch', 'list', '--']).split(' ')).toEqual(
      expect.arrayContaining(['--limit', '--status', '--all', '--json', '--profile', '--base-url']),
    );
    expect(complete(['fizz-batch', 'list', '--status', 'ex']).split(' ')).toEqual(['expired']);
  });

  it('zsh and fish name every scriptable command and its flags', async () => {
    for (const shell of ['zsh', 'fish']) {
      const script = (await runCli(['completion', shell])).stdout;
      for (const word of ['list', 'cancel', 'files', 'models', 'status', 'yes', 'purpose'])
        expect(script, shell).toContain(word);
    }
    const wrong = await runCli(['completion', 'tcsh']);
    expect(wrong.code).toBe(2);
  });
});

describe('fizz-batch watch', () => {
  // A fast clock: a simulated hour per request is 0.18 s; the 24 h window ends after 4.3 s.
  let fast: TestServer;
  const jobs: Record<string, string> = {};
  beforeAll(async () => {
    fast = await startTestServer({ failRate: 0, speed: 20_000, requestsPerSecond: 1 / 3600 });
    const client = createBatchClient({ baseURL: fast.url, apiKey: null });
    const dir = tempDir();
    const upload = (name: string, lines: Parameters<typeof writeJsonl>[2]) =>
      client.uploadFile(writeJsonl(dir, name, lines));
    const files = {
      ok: await upload('ok.jsonl', [chatRequest('a', 'One?'), chatRequest('b', 'Two?')]),
      partly: await upload('partly.jsonl', [
        chatRequest('a', 'One?'),
        chatRequest('b', 'Two?', { extraBody: { temperature: 2.5 } }),
      ]),
      broken: await upload('broken.jsonl', ['not json']),
      long: await upload(
        'long.jsonl',
        Array.from({ length: 100 }, (_, i) => chatRequest(`r${i}`, `Question ${i}?`)),
      ),
    };
    for (const [name, file] of Object.entries(files))
      jobs[name] = (
        await client.createBatch({ inputFileId: file.id, endpoint: '/v1/chat/completions', completionWindow: '24h' })
      ).id;
  });
  afterAll(async () => {
    await fast.close();
  });
  const watch = (id: string) => runCli(['watch', id, '--interval', '1', '--base-url', fast.url]);

  it('a job whose every request succeeds: exit 0, the end said once', async () => {
    const result = await watch(jobs.ok!);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`${jobs.ok}: completed: all 2 requests succeeded`);
    expect(result.stderr.match(/completed: all/g)).toHaveLength(1);
  });

  it('some requests failed, the job failed validation, the job expired: exit 1 and which', async () => {
    const partly = await watch(jobs.partly!);
    expect(partly.code).toBe(1);
    expect(partly.stderr).toContain(`${jobs.partly}: completed, but 1 of 2 requests failed`);
    const broken = await watch(jobs.broken!);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`${jobs.broken}: failed: .*line 1`));
    const long = await watch(jobs.long!);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(new RegExp(`${jobs.long}: expired: \\d+ succeeded, 0 failed, \\d+ never ran`));
  }, 30_000);

  it("an id the server does not know: exit 1 with the server's answer", async () => {
    const result = await watch('batch_nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^fizz-batch: .*(not found|404|No batch)/i);
  });
});

describe('fizz-batch get', () => {
  it("text: the job's facts; --json: the job, parsing back through the schema", async () => {
    const text = await runCli(['get', ids[0]!], env());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${ids[0]}  first\\n`));
    expect(text.stdout).toMatch(/^Status {4}✗ failed$/m);
    expect(text.stdout).toMatch(/^Errors {4}invalid_json\w* ×1\n {12}line 1: /m);
    expect(text.stdout).toMatch(/^Timeline {2}created {6}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    const json = await runCli(['get', ids[0]!, '--json'], env());
    expect(BatchSchema.parse(JSON.parse(json.stdout)).id).toBe(ids[0]);
  });
});

describe('fizz-batch profiles', () => {
  const config = () => ({ FIZZ_CONFIG_DIR: dir });
  let dir: string;
  beforeAll(() => {
    dir = tempDir('fizz-profiles-');
  });

  it('add reads the key from standard input, list masks it, --json never has it', async () => {
    const added = await runCli(['profiles', 'add', 'local', '--base-url', server.url, '--use'], config(), `${key}\n`);
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/^Added local \(127\.0\.0\.1:\d+, key sk-…3456\), the active profile\.\n$/);
    const list = await runCli(['profiles', 'list'], config());
    expect(list.stdout).toBe(`local\t${server.url}\tsk-…3456\tactive\n`);
    const json = await runCli(['profiles', 'list', '--json'], config());
    expect(JSON.parse(json.stdout)).toEqual([{ name: 'local', base_url: server.url, has_key: true, active: true }]);
    for (const out of [added, list, json]) expect(out.stdout + out.stderr).not.toContain(key);
    // The stored key is the active profile's: commands use it without FIZZ_API_KEY.
    const listed = await runCli(['list', '--limit', '1'], config());
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\t')[0]).toBe(ids[2]);
  });

  it('test says how the connection went; a profile with a wrong key fails with exit 1', async () => {
    const ok = await runCli(['profiles', 'test'], config());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^✓ local: 127\.0\.0\.1:\d+ answered in \d+ ms with \d+ models\.\n$/);
    await runCli(['profiles', 'add', 'wrong', '--base-url', server.url], config(), 'sk-not-the-right-one-000\n');
    const wrong = await runCli(['profiles', 'test', 'wrong'], config());
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^✗ wrong: .*401/);
    expect(wrong.stdout).not.toContain('sk-not-the-right-one-000');
  });

  it('use and rm: rm needs --yes without a terminal; unknown names list the profiles', async () => {
    const refused = await runCli(['profiles', 'rm', 'wrong'], config());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes');
    expect((await runCli(['profiles', 'use', 'wrong'], config())).code).toBe(0);
    expect((await runCli(['profiles', 'list'], config())).stdout).toMatch(/^wrong\t.*\tactive$/m);
    const removed = await runCli(['profiles', 'rm', 'wrong', '--yes'], config());
    expect(removed.stderr).toBe('Deleted wrong. The active profile is local.\n');
    const unknown = await runCli(['profiles', 'use', 'nope'], config());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("fizz-batch: there is no profile named 'nope'; the profiles are: local.\n");
    const noSub = await runCli(['profiles', 'delete'], config());
    expect(noSub.code).toBe(2);
    expect(noSub.stderr).toContain("profiles takes a subcommand: list, add, use, rm, test; got 'delete'");
  });
});

describe('fizz-batch results', () => {
  let done: TestServer;
  let jobId: string;
  const cache = tempDir('fizz-results-cache-');
  beforeAll(async () => {
    done = await startTestServer({ failRate: 0, speed: 1000 });
    const client = createBatchClient({ baseURL: done.url, apiKey: null });
    const file = await client.uploadFile(
      writeJsonl(tempDir(), 'in.jsonl', [
        chatRequest('a', 'One?'),
        chatRequest('b', 'Two?', { extraBody: { temperature: 2.5 } }),
        chatRequest('c', 'Three?'),
      ]),
    );
    jobId = (
      await client.createBatch({ inputFileId: file.id, endpoint: '/v1/chat/completions', completionWindow: '24h' })
    ).id;
    await done.engine.advance();
  });
  afterAll(async () => {
    await done.close();
  });
  const results = (...args: string[]) =>
    runCli(['results', jobId, '--base-url', done.url, ...args], { FIZZ_CACHE_DIR: cache });
  const content = async (which: 'output' | 'error') => {
    const client = createBatchClient({ baseURL: done.url, apiKey: null });
    const job = await client.getBatch(jobId);
    return (await fetch(`${done.url}/files/${which === 'output' ? job.outputFileId : job.errorFileId}/content`)).text();
  };

  it('stdout: the output file byte for byte; --errors: the error file', async () => {
    const out = await results();
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(await content('output'));
    expect(out.stdout.trim().split('\n')).toHaveLength(2);
    const errors = await results('--errors');
    expect(errors.stdout).toBe(await content('error'));
    expect(JSON.parse(errors.stdout).custom_id).toBe('b');
  });

  it('-o writes the file, over an older one, and says so on stderr; --joined puts each request beside its answer', async () => {
    const dir = tempDir();
    const dest = join(dir, 'answers.jsonl');
    writeFileSync(dest, 'old\n');
    const saved = await results('-o', dest);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('');
    expect(saved.stderr).toBe(`Saved the output file of ${jobId} to ${dest}.\n`);
    expect(readFileSync(dest, 'utf8')).toBe(await content('output'));
    expect(readdirSync(dir)).toEqual(['answers.jsonl']);
    const joined = await results('--joined');
    const lines = joined.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { custom_id: string; request: { messages: { content: string }[] }; status_code: number },
      );
    expect(lines.map((l) => l.custom_id).sort()).toEqual(['a', 'c']);
    for (const line of lines)
      expect(line.request.messages.at(-1)!.content).toBe(line.custom_id === 'a' ? 'One?' : 'Three?');
  });

  it('a job with no such file: exit 1 and why', async () => {
    const running = await runCli(['results', ids[2]!], env());
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(/has no output file/);
  });
});

describe('one declaration per command', () => {
  it('every command has help with its usage line, options and exit status, within 100 columns; the main help lists each once', async () => {
    const main = (await runCli(['--help'])).stdout;
    const listed = [...main.matchAll(/^ {2}([a-z]+(?: [a-z]+)?) (?:[A-Z[]|\[options\])/gm)].map((m) => m[1]);
    expect(listed).toEqual(
      expect.arrayContaining([
        'list',
        'get',
        'watch',
        'results',
        'cancel',
        'files',
        'models',
        'completion',
        'profiles add',
        'validate',
        'view',
        'serve',
      ]),
    );
    expect(new Set(listed).size).toBe(listed.length);
    for (const line of main.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    for (const name of listed) {
      const help = await runCli([...name!.split(' '), '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: fizz-batch ${name}\\b`));
      expect(help.stdout).toMatch(/^Exit status: 0 done, 1 an API or runtime error, 2 a usage error/m);
      for (const line of help.stdout.split('\n')) expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(100);
    }
  }, 60_000);
});

describe('fizz-batch submit and resubmit', () => {
  let fast: TestServer;
  const calls: string[] = [];
  let dir: string;
  beforeAll(async () => {
    fast = await startTestServer({ failRate: 0, speed: 5000, log: (line) => calls.push(line) });
    dir = tempDir('fizz-submit-');
    writeJsonl(dir, 'ok.jsonl', [
      chatRequest('a', 'One?'),
      chatRequest('b', 'Two?', { extraBody: { temperature: 2.5 } }),
    ]);
    writeJsonl(dir, 'bad.jsonl', ['{"custom_id": "a"', chatRequest('b', 'Two?')]);
  });
  afterAll(async () => {
    await fast.close();
  });
  const cli = (...args: string[]) => runCli([...args, '--base-url', fast.url], { FIZZ_CACHE_DIR: join(dir, 'cache') });
  // submit uploads while it checks, holding back the last bytes: a file with errors may have been
  // on its way, but the server must never have had a whole one (no 2xx, no file kept).
  const uploads = () => calls.filter((line) => /^POST \/v1\/files 2\d\d \d+ms/.test(line)).length;
  const storedFiles = async () =>
    (await createBatchClient({ baseURL: fast.url, apiKey: null }).listFiles({ limit: 100 })).items.length;

  it('a file with errors: the report on stderr, exit 3, nothing uploaded', async () => {
    const before = uploads();
    const stored = await storedFiles();
    const result = await cli('submit', join(dir, 'bad.jsonl'));
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/line 1: Not valid JSON/);
    expect(result.stderr).toContain('nothing was uploaded');
    expect(uploads()).toBe(before);
    expect(await storedFiles()).toBe(stored);
  });

  it('options the provider does not take are usage errors before anything is stored', async () => {
    const before = uploads();
    const stored = await storedFiles();
    expect((await cli('submit', join(dir, 'ok.jsonl'), '--window', '9d')).code).toBe(2);
    const endpoint = await cli('submit', join(dir, 'ok.jsonl'), '--endpoint', '/v1/embeddings');
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toContain("the file's requests go to /v1/chat/completions, not /v1/embeddings");
    expect((await cli('submit', join(dir, 'ok.jsonl'), '--metadata', 'novalue')).code).toBe(2);
    expect(uploads()).toBe(before);
    expect(await storedFiles()).toBe(stored);
  });

  it('submit prints the id; --wait follows it; resubmit makes a batch of exactly what failed, once', async () => {
    const submitted = await cli(
      'submit',
      join(dir, 'ok.jsonl'),
      '--description',
      'nightly',
      '--metadata',
      'team=search',
      '--wait',
    );
    // One of the two requests fails (temperature 2.5): the job completes, not whole.
    expect(submitted.code).toBe(1);
    const id = submitted.stdout.trim();
    expect(id).toMatch(/^batch_/);
    expect(submitted.stderr).toContain(`${id}: completed, but 1 of 2 requests failed`);
    const client = createBatchClient({ baseURL: fast.url, apiKey: null });
    expect((await client.getBatch(id)).metadata).toEqual({ description: 'nightly', team: 'search' });

    const again = await cli('resubmit', id);
    expect(again.code).toBe(0);
    const retry = again.stdout.trim();
    expect(again.stderr).toContain('1 HTTP 400 invalid_value');
    const job = await client.getBatch(retry);
    expect(job.metadata.resubmit_of).toBe(id);
    const input = await (await fetch(`${fast.url}/files/${job.inputFileId}/content`)).text();
    expect(
      input
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { custom_id: string }).custom_id),
    ).toEqual(['b']);

    const twice = await cli('resubmit', id);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`was already resubmitted as ${retry}`);
  });
});

describe('fizz-batch results -o, interrupted', () => {
  it('a download stopped halfway (ctrl-c) leaves FILE as it was and no partial file beside it', async () => {
    const { createServer } = await import('node:http');
    const { spawn } = await import('node:child_process');
    const { cliEnv, cliPath } = await import('../support/cli.js');
    const line = `${JSON.stringify({ id: 'r', custom_id: 'a', response: { status_code: 200, body: {} }, error: null })}\n`;
    let started = false;
    const stall = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/v1/batches/')) {
        res.end(
          JSON.stringify({
            id: 'batch_slow',
            object: 'batch',
            endpoint: '/v1/chat/completions',
            status: 'completed',
            input_file_id: null,
            output_file_id: 'file-slow',
            completion_window: '24h',
            created_at: 1_764_000_000,
            request_counts: { total: 2, completed: 2, failed: 0 },
          }),
        );
        return;
      }
      // Half the file, then nothing more: the download is interrupted by the user, not finished.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(line.length * 2) });
      res.write(line);
      started = true;
    });
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(stall.address() as { port: number }).port}/v1`;
    const out = tempDir('fizz-results-out-');
    const dest = join(out, 'answers.jsonl');
    writeFileSync(dest, 'the old answers\n');
    try {
      const child = spawn(process.execPath, [cliPath, 'results', 'batch_slow', '-o', dest, '--base-url', url], {
        env: cliEnv({ FIZZ_CACHE_DIR: tempDir('fizz-results-cache-') }),
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code, signal) => resolve(code ?? (signal ? 130 : null))),
      );
      await waitFor(
        'the download to start',
        async () => started,
        (yes) => yes,
      );
      child.kill('SIGINT');
      await exited;
      expect(readFileSync(dest, 'utf8')).toBe('the old answers\n');
      expect(readdirSync(out)).toEqual(['answers.jsonl']);
    } finally {
      stall.closeAllConnections();
      await new Promise<void>((resolve) => stall.close(() => resolve()));
    }
  });
});
