import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigStore, emptyConfig, type Config } from '../../src/config/index.js';
import { tempDir } from '../support/batch-files.js';

const sample: Config = {
  ...emptyConfig(),
  activeProfile: 'fizz',
  profiles: [{ name: 'fizz', baseURL: 'https://api.fizz.ai/v1', apiKey: 'sk-fizz-secret-abcd' }],
};

describe('ConfigStore', () => {
  it('starts empty when there is no file, and writes the file 0600 in a 0700 directory', () => {
    const dir = join(tempDir(), 'fizz-batch');
    const store = new ConfigStore({ dir });
    expect(store.load()).toEqual(emptyConfig());
    store.save(sample);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(new ConfigStore({ dir }).load()).toEqual(sample);
  });

  it('reading when there is no file creates nothing: no directory until a profile is saved', () => {
    const dir = join(tempDir(), 'fizz-batch');
    expect(new ConfigStore({ dir }).load()).toEqual(emptyConfig());
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a hand-broken file with a message naming the file, and leaves it as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"version": 1, "profiles": [');
    expect(() => new ConfigStore({ dir }).load()).toThrow(ConfigError);
    expect(() => new ConfigStore({ dir }).load()).toThrow(/config\.json.*not valid JSON.*will not overwrite/s);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "profiles": [');
  });

  it('names the field that does not validate, without printing the key', () => {
    const dir = tempDir();
    const broken = { ...sample, profiles: [{ ...sample.profiles[0], baseURL: 'ftp://nope' }] };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(broken));
    const error = (() => {
      try {
        new ConfigStore({ dir }).load();
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toContain('profiles.0.baseURL');
    expect(error?.message).not.toContain('sk-fizz-secret-abcd');
  });

  it('refuses a config from a newer version instead of guessing', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...sample, version: 7 }));
    expect(() => new ConfigStore({ dir }).load()).toThrow(/newer fizz-batch/);
  });

  it('refuses two profiles with one name and an active profile that does not exist', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ ...sample, activeProfile: 'gone', profiles: [sample.profiles[0], sample.profiles[0]] }),
    );
    expect(() => new ConfigStore({ dir }).load()).toThrow(/used twice|does not exist/);
  });
});
