import { createInterface } from 'node:readline';

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
