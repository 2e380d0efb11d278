// Loaded with `node --import` into a CLI run: at exit, writes to $FIZZ_RECORD_LOADS the built-in
// modules the process loaded and the files of ours it imported, so a test can tell what a command
// costs at start-up (for example, that `list` never loads undici, React or Ink).
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

const files = [];
registerHooks({
  load(url, context, next) {
    if (url.startsWith('file:')) files.push(url);
    return next(url, context);
  },
});
process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((m) => m.startsWith('NativeModule '))
    .map((m) => m.slice('NativeModule '.length));
  writeFileSync(process.env.FIZZ_RECORD_LOADS, JSON.stringify({ builtins, files }));
});
