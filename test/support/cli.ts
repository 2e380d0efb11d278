import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, as users run it (npm test builds before testing). */
export const cliPath = fileURLToPath(new URL('../../dist/bin/fizz-batch.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run: the test's own, minus any fizz-batch setting of the developer's
 * (a FIZZ_BASE_URL exported in their shell, their config file), plus what the test passes.
 */
export function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { FIZZ_API_KEY: _key, FIZZ_BASE_URL: _url, FIZZ_PROFILE: _profile, ...rest } = process.env;
  return { ...rest, FIZZ_CONFIG_DIR: emptyConfigDir(), ...env };
}

let configDir: string | undefined;
function emptyConfigDir(): string {
  configDir ??= mkdtempSync(join(tmpdir(), 'fizz-cli-config-'));
  return configDir;
}

/** Runs the CLI with no terminal; `stdin`, when given, is piped to it (else it reads nothing). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: cliEnv(env),
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `fizz-batch serve …` and resolves with the base URL it prints on its first line. */
export function spawnServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'serve', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve({ child, url: stdout.slice(0, newline), stderr: () => stderr });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`)));
  });
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
