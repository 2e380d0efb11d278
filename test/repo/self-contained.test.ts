import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A clone of the repository is all that `npm test` may need: no source, test, benchmark or script
// reads a file outside the checkout (a document "beside the checkout" is missing for everyone who
// clones the project from its home).

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folders = ['src', 'test', 'bench', 'scripts'];
const codeFile = /\.(ts|tsx|js|mjs|cjs)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.data' ? [] : filesUnder(path);
    return codeFile.test(entry.name) ? [path] : [];
  });
}

const files = folders.flatMap((folder) => filesUnder(join(root, folder)));
const outside = (path: string) => relative(root, path).startsWith('..');

describe('the repository is self-contained', () => {
  it('has code to look at', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('every path built from import.meta.url stays inside the checkout', () => {
    const escaping: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
        const target = resolve(dirname(file), match[2]!);
        if (outside(target)) escaping.push(`${relative(root, file)}: ${match[2]}`);
      }
    }
    expect(escaping).toEqual([]);
  });

  it('nothing names the shared reference folder that sits beside a developer’s checkout', () => {
    const naming = files
      .filter((file) => /shared\/reference|\.\.\/shared\//.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(naming).toEqual([]);
  });
});
