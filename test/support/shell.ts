import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs a shell snippet with bash as a user would paste it, in `cwd`, with keys passed in the
 * environment (never in argv). A non-zero exit is returned, not thrown, so a test can assert on it.
 */
export async function sh(script: string, cwd: string, env: Record<string, string> = {}): Promise<ShellResult> {
  const path = join(cwd, `snippet-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(path, script);
  try {
    const { stdout, stderr } = await exec('bash', [path], { cwd, env: { ...process.env, ...env } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}
