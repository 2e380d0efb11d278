import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/batch-files.js';

// scripts/build.js --if-stale is what `npm install` (prepare), `npm run demo` and `npm run serve`
// run: it builds the first time and then only when a source changed. Tried on a small project of
// the same layout, so the checkout's own dist/ is never touched.

const root = fileURLToPath(new URL('../..', import.meta.url));
let project: string;

function build(...args: string[]) {
  const result = spawnSync(process.execPath, [join(project, 'scripts', 'build.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

const bin = () => join(project, 'dist', 'bin', 'fizz-batch.js');
const run = () => spawnSync(process.execPath, [bin()], { encoding: 'utf8' }).stdout.trim();
const write = (path: string, text: string) => writeFileSync(join(project, path), text);

beforeAll(() => {
  project = tempDir('fizz-build-');
  for (const dir of ['scripts', 'src/bin']) mkdirSync(join(project, dir), { recursive: true });
  copyFileSync(join(root, 'scripts', 'build.js'), join(project, 'scripts', 'build.js'));
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  write('package.json', JSON.stringify({ name: 'x', type: 'module' }));
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  write(
    'tsconfig.build.json',
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { outDir: 'dist', rootDir: 'src' },
      include: ['src'],
      exclude: ['src/bin'],
    }),
  );
  write('src/words.ts', "export const word: string = 'first';\n");
  write('src/bin/fizz-batch.ts', "import { word } from '../words.js';\nconsole.log(word);\n");
});

describe('scripts/build.js --if-stale', () => {
  it('builds once, then not again until a source changes', () => {
    const first = build('--if-stale');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('building dist/');
    expect(run()).toBe('first');
    expect(existsSync(join(project, 'dist', 'words.js'))).toBe(true);

    const stamp = statSync(bin()).mtimeMs;
    const second = build('--if-stale');
    expect(second).toEqual({ code: 0, stderr: '', stdout: '' });
    expect(statSync(bin()).mtimeMs).toBe(stamp);

    write('src/words.ts', "export const word: string = 'second';\n");
    const third = build('--if-stale');
    expect(third.code).toBe(0);
    expect(third.stderr).toContain('building dist/');
    expect(run()).toBe('second');
  });

  it('a build that fails leaves nothing that passes for fresh: the next run builds again', () => {
    write('src/words.ts', 'export const word: string = 42;\n');
    const failed = build('--if-stale');
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain('words.ts');
    expect(existsSync(join(project, 'dist', '.build-stamp'))).toBe(false);

    write('src/words.ts', "export const word: string = 'third';\n");
    expect(build('--if-stale').code).toBe(0);
    expect(run()).toBe('third');
    expect(readFileSync(join(project, 'dist', '.build-stamp'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('without --if-stale it always builds', () => {
    const stamp = statSync(bin()).mtimeMs;
    expect(build().code).toBe(0);
    expect(statSync(bin()).mtimeMs).toBeGreaterThan(stamp);
  });
});
