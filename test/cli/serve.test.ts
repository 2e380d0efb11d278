import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited, runCli, spawnServe } from '../support/cli.js';
import { sh } from '../support/shell.js';
import { waitFor } from '../support/wait.js';

describe('fizz-batch serve', () => {
  it('prints its base URL, answers on loopback, and stops cleanly on SIGTERM', async () => {
    const { child, url, stderr } = await spawnServe(['--port', '0', '--demo-data']);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await fetch(`${url}/batches?limit=100`);
      expect(res.status).toBe(200);
      const list = (await res.json()) as { data: Array<{ status: string }> };
      const statuses = new Set(list.data.map((b) => b.status));
      for (const status of ['in_progress', 'completed', 'failed', 'expired', 'cancelled'])
        expect(statuses).toContain(status);
      expect(stderr()).toContain('demo data');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });

  it('keeps files and jobs in --data-dir across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fizz-serve-'));
    const first = await spawnServe(['--data-dir', dataDir]);
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set(
      'file',
      new Blob([
        '{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"fizzai/Meta-Llama-3.1-8B-Instruct-Turbo","messages":[{"role":"user","content":"hi"}]}}\n',
      ]),
      'keep.jsonl',
    );
    const file = (await (await fetch(`${first.url}/files`, { method: 'POST', body: form })).json()) as { id: string };
    const batch = (await (
      await fetch(`${first.url}/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }),
      })
    ).json()) as { id: string };
    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);

    const second = await spawnServe(['--data-dir', dataDir]);
    try {
      const again = await waitFor(
        'the batch after restart',
        async () => (await fetch(`${second.url}/batches/${batch.id}`)).status,
        (s) => s === 200,
      );
      expect(again).toBe(200);
      const content = await (await fetch(`${second.url}/files/${file.id}/content`)).text();
      expect(content).toContain('"custom_id":"a"');
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });

  it('its start-up hint runs as printed; with --api-key it sends the key from a variable and never prints it', async () => {
    const key = 'sk-serve-hint-2468';
    const dir = mkdtempSync(join(tmpdir(), 'fizz-serve-hint-'));
    for (const args of [[], ['--api-key', key]]) {
      const { child, url, stderr } = await spawnServe(['--port', '0', ...args]);
      try {
        const log = await waitFor(
          'the start-up hint',
          () => Promise.resolve(stderr()),
          (text) => text.includes('ctrl-c to stop'),
        );
        const hint = /^Try: (.+)$/m.exec(log)?.[1];
        expect(hint).toBeDefined();
        expect(hint).toContain(`'${url}/models'`);
        if (args.length > 0) {
          expect(hint).toContain('-H "Authorization: Bearer $FIZZ_SERVE_API_KEY"');
          expect(log).toContain('FIZZ_SERVE_API_KEY: the key given with --api-key; it is not printed');
          expect(log).not.toContain(key);
        }
        await expectHintRuns(hint!, dir, key);
      } finally {
        child.kill('SIGTERM');
        await exited(child);
      }
    }
  });

  it('takes its key from FIZZ_SERVE_API_KEY, so it is not in ps; the hint sends it from there and never prints it', async () => {
    const key = 'sk-serve-env-13579';
    const dir = mkdtempSync(join(tmpdir(), 'fizz-serve-env-'));
    const { child, url, stderr } = await spawnServe(['--port', '0'], { FIZZ_SERVE_API_KEY: key });
    try {
      expect(child.spawnargs.join(' ')).not.toContain(key);
      expect((await fetch(`${url}/models`)).status).toBe(401);
      expect((await fetch(`${url}/models`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      const log = await waitFor(
        'the start-up hint',
        () => Promise.resolve(stderr()),
        (text) => text.includes('ctrl-c to stop'),
      );
      expect(log).toContain('key required (from FIZZ_SERVE_API_KEY)');
      expect(log).toContain('FIZZ_SERVE_API_KEY: the key this server was started with; it is not printed');
      expect(log).not.toContain(key);
      const hint = /^Try: (.+)$/m.exec(log)?.[1];
      await expectHintRuns(hint!, dir, key);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it('names the option that is wrong and exits 2', async () => {
    const bad = await runCli(['serve', '--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port takes a whole number from 0 to 65535; got 'eighty'.");
    const rate = await runCli(['serve', '--fault-rate', '2']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--fault-rate');
    const flavor = await runCli(['serve', '--flavor', 'azure']);
    expect(flavor.stderr).toContain("--flavor takes one of fizz, openai; got 'azure'.");
    const unknown = await runCli(['serve', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--bogus');
    expect(unknown.stderr).not.toContain('    at ');
  });
});

describe('fizz-batch', () => {
  it('--help lists the commands and --version prints the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('serve [options]');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const serveHelp = await runCli(['serve', '--help']);
    expect(serveHelp.stdout).toContain('--fault-rate R');
    expect(serveHelp.stdout).toMatch(/--flavor F\s+fizz \(default\) behaves as fizz\.ai does/);
  });

  it('an unknown command is a usage error', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'frobnicate' is not a fizz-batch command");
  });
});

/** The start-up hint, pasted into a shell with the key in FIZZ_SERVE_API_KEY, lists the models. */
async function expectHintRuns(hint: string, dir: string, key: string): Promise<void> {
  const ran = await sh(hint, dir, { FIZZ_SERVE_API_KEY: key });
  expect(ran.code).toBe(0);
  expect(JSON.parse(ran.stdout)).toMatchObject({ object: 'list' });
}
