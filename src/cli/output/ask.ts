import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';

/** A yes/no question on the terminal (stderr, so stdout stays data); anything but y or yes is No. */
export function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(answer));
    });
    rl.on('close', () => resolve(false));
  });
}

/**
 * Whether to go on with something that cannot be undone (cancel, delete): true at once with --yes;
 * else asked on the terminal, the question built only then (it may need a request); with no
 * terminal to ask on, the usage error `noTerminal` (which says to add --yes) — a script must say
 * so, not be guessed for. `declined` is said when the answer is no.
 */
export async function confirmed(options: {
  yes: boolean;
  noTerminal: string;
  question: () => Promise<string> | string;
  declined: string;
}): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) throw new UsageError(options.noTerminal);
  const yes = await askYesNo(await options.question());
  if (!yes) process.stderr.write(`${options.declined}\n`);
  return yes;
}
