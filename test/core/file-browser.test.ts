import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completePath, describeFsError, listDirectory, resolveTypedPath } from '../../src/core/file-browser.js';
import { tempDir } from '../support/batch-files.js';

function fixture(): string {
  const dir = tempDir('fizz-browser-');
  writeFileSync(join(dir, 'b.jsonl'), 'x'.repeat(2048));
  writeFileSync(join(dir, 'a.jsonl'), '{}\n');
  writeFileSync(join(dir, 'part10.jsonl'), '');
  writeFileSync(join(dir, 'part2.JSONL'), '');
  writeFileSync(join(dir, 'notes.txt'), 'not a batch');
  writeFileSync(join(dir, '.hidden.jsonl'), '{}\n');
  mkdirSync(join(dir, 'zeta'));
  mkdirSync(join(dir, 'alpha'));
  mkdirSync(join(dir, '.git'));
  symlinkSync(join(dir, 'alpha'), join(dir, 'link-to-alpha'));
  symlinkSync(join(dir, 'missing.jsonl'), join(dir, 'broken.jsonl'));
  return dir;
}

describe('listDirectory', () => {
  it('lists .jsonl files first (by name, numbers in order), then directories, then ..', async () => {
    const dir = fixture();
    const listing = await listDirectory(dir);
    expect(listing.error).toBeNull();
    expect(listing.dir).toBe(dir);
    expect(listing.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'jsonl:a.jsonl',
      'jsonl:b.jsonl',
      'jsonl:broken.jsonl',
      'jsonl:part2.JSONL',
      'jsonl:part10.jsonl',
      'dir:alpha',
      'dir:link-to-alpha',
      'dir:zeta',
      'parent:..',
    ]);
    // notes.txt is not shown, but counted; so are .hidden.jsonl and .git, as dot-files.
    expect(listing.hidden).toBe(1);
    expect(listing.dotHidden).toBe(2);
  });

  it('lists dot-files too when asked: a dot directory with the directories, a dot batch file with the files', async () => {
    const dir = fixture();
    writeFileSync(join(dir, '.profile'), 'not a batch');
    const listing = await listDirectory(dir, { dotFiles: true });
    expect(listing.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'jsonl:.hidden.jsonl',
      'jsonl:a.jsonl',
      'jsonl:b.jsonl',
      'jsonl:broken.jsonl',
      'jsonl:part2.JSONL',
      'jsonl:part10.jsonl',
      'dir:.git',
      'dir:alpha',
      'dir:link-to-alpha',
      'dir:zeta',
      'parent:..',
    ]);
    // Shown dot-files hide nothing; a dot name that is neither batch file nor directory is an other entry.
    expect(listing.dotHidden).toBe(0);
    expect(listing.hidden).toBe(2);
  });

  it('gives sizes and modification times of the batch files', async () => {
    const dir = fixture();
    const when = new Date('2026-03-04T05:06:07Z');
    utimesSync(join(dir, 'b.jsonl'), when, when);
    const listing = await listDirectory(dir);
    const b = listing.entries.find((e) => e.name === 'b.jsonl')!;
    expect(b.size).toBe(2048);
    expect(b.modifiedMs).toBe(when.getTime());
    expect(b.path).toBe(join(dir, 'b.jsonl'));
    const alpha = listing.entries.find((e) => e.name === 'alpha')!;
    expect(alpha).toMatchObject({ size: null, modifiedMs: null, path: join(dir, 'alpha') });
    expect(listing.entries.at(-1)).toMatchObject({ kind: 'parent', path: join(dir, '..').replace(/\/$/, '') });
  });

  it('lists a broken link to a .jsonl file with the reason instead of failing', async () => {
    const listing = await listDirectory(fixture());
    const broken = listing.entries.find((e) => e.name === 'broken.jsonl')!;
    expect(broken.size).toBeNull();
    expect(broken.problem).toMatch(/^Cannot read .*broken\.jsonl: no such file or directory\.$/);
  });

  it('explains a directory that does not exist, and offers only the way up', async () => {
    const dir = tempDir('fizz-browser-');
    const missing = join(dir, 'nope');
    const listing = await listDirectory(missing);
    expect(listing.error).toBe(`Cannot open ${missing}: no such file or directory.`);
    expect(listing.entries).toEqual([expect.objectContaining({ kind: 'parent', path: dir })]);
  });

  it('explains a file where a directory was expected', async () => {
    const dir = fixture();
    const listing = await listDirectory(join(dir, 'a.jsonl'));
    expect(listing.error).toBe(`Cannot open ${join(dir, 'a.jsonl')}: it is a file, not a directory.`);
    expect(listing.entries.map((e) => e.kind)).toEqual(['parent']);
  });

  it('has no .. at the root', async () => {
    const listing = await listDirectory('/');
    expect(listing.entries.some((e) => e.kind === 'parent')).toBe(false);
  });
});

describe('completePath', () => {
  it('completes a lone directory with its slash', async () => {
    const dir = fixture();
    expect(await completePath('ze', dir)).toMatchObject({
      text: 'zeta/',
      candidates: ['zeta/'],
      total: 1,
      error: null,
    });
  });

  it('completes a lone file whole', async () => {
    const dir = fixture();
    expect((await completePath(`${dir}/b`, dir)).text).toBe(`${dir}/b.jsonl`);
  });

  it('extends to the common prefix and returns the candidates when several match', async () => {
    const dir = fixture();
    const result = await completePath('./pa', dir);
    expect(result.text).toBe('./part');
    expect(result.candidates).toEqual(['part2.JSONL', 'part10.jsonl']);
    expect(result.total).toBe(2);
  });

  it('offers directories and batch files only, and dot names only when a dot is typed', async () => {
    const dir = fixture();
    const all = await completePath('', dir);
    expect(all.candidates).not.toContain('notes.txt');
    expect(all.candidates).not.toContain('.git/');
    expect(all.candidates).toContain('link-to-alpha/');
    expect((await completePath('.', dir)).candidates).toEqual(['.git/', '.hidden.jsonl']);
    // With dot-files shown, they complete like any name.
    expect((await completePath('', dir, { dotFiles: true })).candidates).toEqual(
      expect.arrayContaining(['.git/', '.hidden.jsonl', 'a.jsonl']),
    );
  });

  it('completes ~ to the home directory, as a shell does', async () => {
    expect((await completePath('~', fixture())).text).toBe('~/');
  });

  it('says so when the directory cannot be read, and leaves the text alone', async () => {
    const dir = fixture();
    const result = await completePath('nope/x', dir);
    expect(result).toMatchObject({ text: 'nope/x', candidates: [], total: 0 });
    expect(result.error).toBe(`Cannot open ${join(dir, 'nope')}: no such file or directory.`);
  });

  it('returns nothing (and no error) when nothing matches', async () => {
    expect(await completePath('qqq', fixture())).toMatchObject({ text: 'qqq', candidates: [], total: 0, error: null });
  });
});

describe('paths', () => {
  it('takes a path as it says: / from the root, ~ from home, anything else from the directory shown', () => {
    expect(resolveTypedPath('~', '/x')).toBe(homedir());
    expect(resolveTypedPath('~/a.jsonl', '/x')).toBe(join(homedir(), 'a.jsonl'));
    expect(resolveTypedPath('~/a.jsonl', '/x', '/home/ann')).toBe('/home/ann/a.jsonl');
    expect(resolveTypedPath('/tmp/x/requests.jsonl', '/work/checkout')).toBe('/tmp/x/requests.jsonl');
    expect(resolveTypedPath('data/../a.jsonl', '/x/y')).toBe('/x/y/a.jsonl');
    expect(resolveTypedPath('a.jsonl', '/x/y')).toBe('/x/y/a.jsonl');
    expect(resolveTypedPath(' /tmp/a.jsonl ', '/x')).toBe('/tmp/a.jsonl');
    // A doubled slash inside a path is one slash, as everywhere else: it does not start over.
    expect(resolveTypedPath('/tmp/nb//data/a.jsonl', '/x')).toBe('/tmp/nb/data/a.jsonl');
    // The / that opened the field, then a path pasted after it.
    expect(resolveTypedPath('//tmp/a.jsonl', '/x')).toBe('/tmp/a.jsonl');
    expect(resolveTypedPath('/~/a.jsonl', '/x', '/home/ann')).toBe('/home/ann/a.jsonl');
  });

  it('describes fs errors in words', () => {
    expect(describeFsError(Object.assign(new Error('x'), { code: 'EACCES' }), '/secret')).toBe(
      'Cannot open /secret: permission denied.',
    );
    expect(describeFsError(new Error('odd'), '/p', 'read')).toBe('Cannot read /p: odd.');
  });
});
