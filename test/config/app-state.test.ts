import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir, StateStore } from '../../src/config/index.js';
import { tempDir } from '../support/batch-files.js';

const home = '/home/ann';

describe('defaultStateDir', () => {
  it('is $XDG_STATE_HOME/fizz-batch when that is absolute, else the platform place', () => {
    expect(defaultStateDir({ env: { XDG_STATE_HOME: '/x/state' }, platform: 'linux', home })).toBe(
      '/x/state/fizz-batch',
    );
    // The XDG spec says to ignore a relative XDG_STATE_HOME.
    expect(defaultStateDir({ env: { XDG_STATE_HOME: 'state' }, platform: 'linux', home })).toBe(
      '/home/ann/.local/state/fizz-batch',
    );
    expect(defaultStateDir({ env: {}, platform: 'linux', home })).toBe('/home/ann/.local/state/fizz-batch');
    expect(defaultStateDir({ env: {}, platform: 'darwin', home })).toBe(
      '/home/ann/Library/Application Support/fizz-batch',
    );
  });
});

describe('StateStore', () => {
  it('remembers places per key across runs, in a 0600 file in a 0700 directory, with no temporary file left', async () => {
    const dir = join(tempDir('fizz-state-'), 'fizz-batch');
    const store = StateStore.inDirectory(dir);
    expect(store.get('profile:work')).toEqual({});
    store.remember('profile:work', { pickerDir: '/data/batches' });
    store.remember('profile:work', { saveDir: '/data/results' });
    store.remember('host:api.openai.com', { pickerDir: '/tmp' });
    expect(store.get('profile:work')).toEqual({ pickerDir: '/data/batches', saveDir: '/data/results' });
    await store.flush();

    const again = StateStore.inDirectory(dir);
    expect(again.get('profile:work')).toEqual({ pickerDir: '/data/batches', saveDir: '/data/results' });
    expect(again.get('host:api.openai.com')).toEqual({ pickerDir: '/tmp' });
    expect(again.get('profile:other')).toEqual({});
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('ignores a corrupt file without a crash, and replaces it whole on the next change', async () => {
    const dir = tempDir('fizz-state-');
    const path = join(dir, 'state.json');
    for (const text of ['{"version": 1, "places": {', '[]', '{"version": 2, "places": {}}', '\u0000\u0001binary', '']) {
      writeFileSync(path, text);
      expect(StateStore.inDirectory(dir).get('profile:work'), JSON.stringify(text)).toEqual({});
    }
    const store = StateStore.inDirectory(dir);
    store.remember('profile:work', { saveDir: '/data' });
    await store.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      places: { 'profile:work': { saveDir: '/data' } },
    });
  });

  it('keeps the valid entries of a file with bad ones: relative paths, wrong types, NUL bytes', () => {
    const dir = tempDir('fizz-state-');
    const places = {
      'profile:good': { pickerDir: '/data', saveDir: '/results', extra: 'dropped' },
      'profile:relative': { pickerDir: 'data' },
      'profile:number': { saveDir: 42 },
      'profile:nul': { saveDir: '/a\u0000b' },
      'profile:null': null,
    };
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 1, places }));
    const store = StateStore.inDirectory(dir);
    expect(store.get('profile:good')).toEqual({ pickerDir: '/data', saveDir: '/results' });
    for (const key of ['profile:relative', 'profile:number', 'profile:nul', 'profile:null'])
      expect(store.get(key), key).toEqual({});
  });

  it('ignores a file too large to be its own', () => {
    const dir = tempDir('fizz-state-');
    const big = { version: 1, places: { 'profile:work': { pickerDir: '/data' } }, padding: 'x'.repeat(300 * 1024) };
    writeFileSync(join(dir, 'state.json'), JSON.stringify(big));
    expect(StateStore.inDirectory(dir).get('profile:work')).toEqual({});
  });

  it('ignores an unreadable file, and a place that cannot be written costs nothing but the memory', async () => {
    const parent = tempDir('fizz-state-');
    // state.json a directory: it cannot be read as a file (not even by root).
    const dir = join(parent, 'unreadable');
    mkdirSync(join(dir, 'state.json'), { recursive: true });
    const unreadable = StateStore.inDirectory(dir);
    expect(unreadable.get('profile:work')).toEqual({});
    unreadable.remember('profile:work', { saveDir: '/x' });
    await unreadable.flush();
    expect(unreadable.get('profile:work')).toEqual({ saveDir: '/x' });

    // The state directory's place is taken by a file: nothing can be written, nothing breaks.
    writeFileSync(join(parent, 'blocked'), 'a file');
    const blocked = StateStore.inDirectory(join(parent, 'blocked', 'fizz-batch'));
    blocked.remember('profile:work', { pickerDir: '/data' });
    await blocked.flush();
    expect(blocked.get('profile:work')).toEqual({ pickerDir: '/data' });
    expect(readFileSync(join(parent, 'blocked'), 'utf8')).toBe('a file');
  });

  it('does not lose what another console remembered for another profile meanwhile', async () => {
    const dir = tempDir('fizz-state-');
    const first = StateStore.inDirectory(dir);
    const second = StateStore.inDirectory(dir);
    expect(first.get('profile:a')).toEqual({});
    expect(second.get('profile:b')).toEqual({});
    first.remember('profile:a', { pickerDir: '/a' });
    await first.flush();
    second.remember('profile:b', { pickerDir: '/b' });
    await second.flush();
    const third = StateStore.inDirectory(dir);
    expect(third.get('profile:a')).toEqual({ pickerDir: '/a' });
    expect(third.get('profile:b')).toEqual({ pickerDir: '/b' });
  });

  it('in memory (the demo): remembers for the run and writes nothing', async () => {
    const store = StateStore.inMemory();
    store.remember('profile:demo', { saveDir: '/tmp/x' });
    await store.flush();
    expect(store.get('profile:demo')).toEqual({ saveDir: '/tmp/x' });
    expect(store.path).toBeNull();
  });

  it('creates its directory when missing', async () => {
    const parent = tempDir('fizz-state-');
    mkdirSync(join(parent, 'state'));
    const dir = join(parent, 'state', 'deeper', 'fizz-batch');
    const store = StateStore.inDirectory(dir);
    store.remember('profile:work', { pickerDir: '/data' });
    await store.flush();
    expect(StateStore.inDirectory(dir).get('profile:work')).toEqual({ pickerDir: '/data' });
  });
});
