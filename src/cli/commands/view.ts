import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { sanitizeLine } from '../../api/text.js';
import { ExitCode } from '../errors.js';
import { text, type ParsedCommand } from '../framework/spec.js';
import { chooseColor } from '../options.js';
import { messageOf } from '../../api/message-of.js';

/** `fizz-batch view FILE.jsonl [--input INPUT.jsonl] [--no-color] [--no-alt-screen]` */
export async function runView({ values, args }: ParsedCommand): Promise<number> {
  const path = args.FILE!;
  const inputPath = text(values.input) ?? null;

  // Said before anything else, in one line: a typo in the name is the common mistake.
  for (const file of [path, inputPath]) {
    if (file === null) continue;
    const problem = await unreadable(file);
    if (problem) {
      process.stderr.write(`fizz-batch: cannot open ${file}: ${problem}\n`);
      return ExitCode.runtime;
    }
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('fizz-batch: view needs a terminal. To read a file in a script, use jq or less.\n');
    return ExitCode.usage;
  }

  const color = chooseColor(values['no-color'] === true);
  // The file is indexed in the background while the UI loads: the first page does not wait for it.
  const [{ openLocalSession }, { Places }, { defaultStateDir, StateStore }] = await Promise.all([
    import('../../core/results/session/open.js'),
    import('../../core/places.js'),
    import('../../config/index.js'),
  ]);
  // No profile here: the save directory `view` proposes is remembered under a name of its own.
  const places = new Places({ store: StateStore.inDirectory(defaultStateDir()), key: 'view' });
  let session;
  try {
    session = await openLocalSession(path, { inputPath, places });
  } catch (error) {
    process.stderr.write(`fizz-batch: ${messageOf(error)}\n`);
    return ExitCode.runtime;
  }
  const { runViewer } = await import('../../ui/app/run-view.js');
  return await runViewer({
    session,
    title: `view ${sanitizeLine(path)}`,
    color,
    altScreen: values['no-alt-screen'] !== true,
  });
}

/** Why a path cannot be read, in a few words ("no such file"); null when it can. */
async function unreadable(path: string): Promise<string | null> {
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer, for ever.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const info = await handle.stat();
      if (info.isDirectory()) return 'it is a directory';
      if (info.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
      if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device, not a regular file';
      if (!info.isFile()) return 'not a regular file';
    } finally {
      await handle.close();
    }
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    // What opening a socket gives.
    if (code === 'ENXIO') return 'not a regular file';
    return messageOf(error);
  }
}
