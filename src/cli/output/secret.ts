import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * A key for `profiles add`: from standard input when it is piped (`pass show fizz | fizz-batch
 * profiles add …`), else from a prompt that echoes nothing. Never from argv, where `ps` shows it.
 */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.trim();
  }
  process.stderr.write(prompt);
  // Typed characters go to a stream that writes nowhere: nothing of the key reaches the screen.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => {
    rl.question('', resolve);
    rl.on('close', () => resolve(''));
  });
  rl.close();
  process.stderr.write('\n');
  return answer.trim();
}
