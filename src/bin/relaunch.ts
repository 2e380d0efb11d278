// Started by a Node.js older than 22 (the machine's own, say `node dist/bin/fizz-batch.js` on
// Node 20): run the same command on the Node.js 22 the checkout brings as a devDependency, so every
// command the README shows works with whatever `node` is on PATH. Node 20 has no execve, so this
// process stays as a thin parent: it passes signals on and leaves with the child's exit status.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Set in the child's environment, so a project Node that is itself too old cannot loop. */
const RELAUNCHED = 'FIZZ_BATCH_RELAUNCHED';

/**
 * The project-local Node.js binary (`node_modules/node/bin/node`), found the way Node resolves a
 * package from this file, so it works from `dist/` in a checkout and from a hoisted install.
 */
function projectNode(fromUrl: string): string | undefined {
  try {
    const manifest = createRequire(fromUrl).resolve('node/package.json');
    const binary = join(dirname(manifest), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function refuse(): never {
  process.stderr.write(
    `fizz-batch needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
      'In a checkout, `npm install` brings a Node.js 22 that fizz-batch then uses by itself;\n' +
      'otherwise install Node.js 22 or newer (https://nodejs.org).\n',
  );
  process.exit(1);
}

/** Runs this command again on the project's Node.js and never returns. */
export function relaunchOnProjectNode(binUrl: string): Promise<never> {
  const binary = process.env[RELAUNCHED] ? undefined : projectNode(binUrl);
  if (!binary) refuse();

  const child = spawn(binary, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  // ctrl-c, ctrl-\ and a closing terminal reach the whole foreground process group, the child
  // included: passing them on would deliver them twice. This parent only has to outlive the child
  // to hand on its exit status. SIGTERM is sent to one process (kill PID, a supervisor): pass it on.
  const fromTerminal = ['SIGINT', 'SIGQUIT', 'SIGHUP'] as const;
  const ignore = (): void => undefined;
  const forward = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  for (const signal of fromTerminal) process.on(signal, ignore);
  process.on('SIGTERM', forward);

  return new Promise<never>(() => {
    child.on('error', (error) => {
      process.stderr.write(`fizz-batch: could not start ${binary}: ${error.message}\n`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        // End the same way, so a shell sees "killed by SIGTERM", not an exit code.
        for (const s of fromTerminal) process.removeListener(s, ignore);
        process.removeListener('SIGTERM', forward);
        process.kill(process.pid, signal);
        return;
      }
      process.exit(code ?? 1);
    });
  });
}
