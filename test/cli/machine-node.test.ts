import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../support/cli.js';

// The README's commands as a user types them in a checkout: `node dist/bin/fizz-batch.js …` with the
// machine's own node (Node 20 on these machines: the bin then runs itself again on the project's
// Node 22), and `npm run serve`, whose first line of stdout is the base URL.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The first `node` on PATH that is not the project's own (npm puts node_modules/.bin first). */
function machineNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || resolve(dir).startsWith(join(root, 'node_modules'))) continue;
    const candidate = join(dir, 'node');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('no node on PATH outside the checkout');
}

/** PATH without the checkout's node_modules/.bin, as in a plain shell. */
function plainPath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !resolve(dir).startsWith(join(root, 'node_modules')))
    .join(delimiter);
}

/** Starts a command in its own process group; resolves with its first line of stdout. */
function firstLine(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = new Promise<string>((resolveLine, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolveLine(stdout.slice(0, newline));
    });
    child.on('close', (code) => reject(new Error(`${command} exited with ${code} before a line: ${stdout}${stderr}`)));
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit({ code, signal })),
  );
  return { child, line, exit };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/models`)).ok;
  } catch {
    return false;
  }
}

const { CI: _ci, ...envWithoutCi } = process.env;

describe('the machine’s own node', () => {
  const node = machineNode();
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

  it(`runs the bin as the README shows it (machine node ${version})`, () => {
    const out = execFileSync(node, [cliPath, '--version'], {
      encoding: 'utf8',
      env: { ...envWithoutCi, PATH: plainPath() },
    });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = execFileSync(node, [cliPath, 'validate', '--help'], {
      encoding: 'utf8',
      env: { ...envWithoutCi, PATH: plainPath() },
    });
    expect(help).toContain('Usage: fizz-batch validate FILE');
  });

  it('serves, and a SIGTERM to the process the user started stops the server behind it', async () => {
    const serve = firstLine(node, [cliPath, 'serve'], { ...envWithoutCi, PATH: plainPath() });
    const url = await serve.line;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(await answers(url)).toBe(true);
    serve.child.kill('SIGTERM');
    const { code, signal } = await serve.exit;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    // Nothing left behind: the port no longer answers.
    expect(await answers(url)).toBe(false);
  });
});

describe('npm run serve', () => {
  it('prints the base URL on the first line of stdout, with no npm banner before it', async () => {
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm, 'run', 'serve']] : ['npm', ['run', 'serve']];
    const serve = firstLine(command, args as string[], envWithoutCi);
    try {
      const url = await serve.line;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(await answers(url)).toBe(true);
    } finally {
      // npm and its shell do not all pass SIGTERM on: end the whole process group.
      process.kill(-serve.child.pid!, 'SIGTERM');
      await serve.exit;
    }
  });
});
