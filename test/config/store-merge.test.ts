import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore, emptyConfig, type Config, type Profile } from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { tempDir } from '../support/batch-files.js';

const local = 'http://127.0.0.1:9/v1';
const work: Profile = { name: 'work', baseURL: local, apiKey: 'sk-work-old-0123456789' };
const spare: Profile = { name: 'spare', baseURL: local };

const sessions: Session[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

/** Two consoles that both read the config before either saved: two stores and sessions on one directory. */
function twoConsoles(config: Config): { left: Session; right: Session; onDisk: () => Record<string, unknown> } {
  const dir = tempDir();
  new ConfigStore({ dir }).save(config);
  const open = () => {
    const store = new ConfigStore({ dir });
    const session = new Session({ store, config: store.load(), flags: {}, env: {} });
    sessions.push(session);
    return session;
  };
  return {
    left: open(),
    right: open(),
    onDisk: () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>,
  };
}

const withWork: Config = { ...emptyConfig(), profiles: [work, spare], activeProfile: 'work' };

describe('saving merges with what another console saved meanwhile', () => {
  it('two edits of one profile: each keeps the field it changed (a new key here, a new refresh there)', () => {
    const { left, right, onDisk } = twoConsoles(withWork);
    expect(left.saveProfile({ ...work, apiKey: 'sk-work-new-0123456789' }, 'work')).toBe(true);
    expect(right.saveProfile({ ...work, refreshSeconds: 30 }, 'work')).toBe(true);
    const profiles = onDisk().profiles as Profile[];
    expect(profiles.find((p) => p.name === 'work')).toEqual({
      name: 'work',
      baseURL: local,
      apiKey: 'sk-work-new-0123456789',
      refreshSeconds: 30,
    });
    // The console that saved last shows both changes too.
    expect(right.getState().config.profiles.find((p) => p.name === 'work')?.apiKey).toBe('sk-work-new-0123456789');
  });

  it('deleting a profile the other console changed meanwhile is refused, and shows the new values', () => {
    const { left, right, onDisk } = twoConsoles(withWork);
    expect(left.saveProfile({ ...work, apiKey: 'sk-work-new-0123456789' }, 'work')).toBe(true);
    expect(right.deleteProfile('work')).toBe(false);
    expect(right.getState().error).toBe(
      "Not deleted: another fizz-batch changed 'work' meanwhile. Check it; d deletes it.",
    );
    expect((onDisk().profiles as Profile[]).map((p) => p.apiKey)).toContain('sk-work-new-0123456789');
    // Now that it has seen the new values, a second delete is what the user means.
    expect(right.getState().config.profiles.find((p) => p.name === 'work')?.apiKey).toBe('sk-work-new-0123456789');
    expect(right.deleteProfile('work')).toBe(true);
    expect((onDisk().profiles as Profile[]).map((p) => p.name)).toEqual(['spare']);
  });

  it('a name the other console took meanwhile, or a profile it deleted, is refused in words', () => {
    const { left, right, onDisk } = twoConsoles(withWork);
    expect(
      left.saveProfile({ name: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKey: 'gsk_left_0123456789' }),
    ).toBe(true);
    expect(
      right.saveProfile({ name: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKey: 'gsk_right_0123456789' }),
    ).toBe(false);
    expect(right.getState().error).toBe("There is already a profile named 'groq'.");
    expect((onDisk().profiles as Profile[]).find((p) => p.name === 'groq')?.apiKey).toBe('gsk_left_0123456789');

    expect(left.deleteProfile('spare')).toBe(true);
    right.useProfile('spare');
    expect(right.getState().error).toBe("There is no profile named 'spare' any more: another fizz-batch deleted it.");
    expect(onDisk().activeProfile).toBe('work');
  });
});

describe('keys this version does not know survive a save', () => {
  it('at the top level, in notifications and in each profile (renamed ones too); a removed key is removed', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    const file = {
      version: 1,
      note: 'my own note',
      activeProfile: 'work',
      theme: { fromVersion: 2 },
      notifications: { bell: true, osc9: false, sound: 'ping' },
      profiles: [
        {
          name: 'work',
          baseURL: local,
          apiKey: 'sk-work-old-0123456789',
          organization: 'org-1',
          comment: 'team account',
        },
        { name: 'spare', baseURL: local, rateLimit: 7 },
      ],
    };
    writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
    const store = new ConfigStore({ dir });
    const config = store.load();
    // Nothing past the schema reaches the program.
    expect(config.profiles[0]).toEqual({ name: 'work', baseURL: local, apiKey: 'sk-work-old-0123456789' });
    expect(Object.keys(config)).not.toContain('note');

    const session = new Session({ store, config, flags: {}, env: {} });
    sessions.push(session);
    // Rename 'work' to 'job' and remove its key; add a profile.
    expect(session.saveProfile({ name: 'job', baseURL: local }, 'work')).toBe(true);
    expect(session.saveProfile({ name: 'new', baseURL: local })).toBe(true);

    const saved = JSON.parse(readFileSync(path, 'utf8')) as typeof file;
    expect(saved.note).toBe('my own note');
    expect(saved.theme).toEqual({ fromVersion: 2 });
    expect(saved.notifications).toEqual({ bell: true, osc9: false, sound: 'ping' });
    expect(saved.activeProfile).toBe('job');
    expect(saved.profiles).toEqual([
      { name: 'job', baseURL: local, organization: 'org-1', comment: 'team account' },
      { name: 'spare', baseURL: local, rateLimit: 7 },
      { name: 'new', baseURL: local },
    ]);
  });

  it('a "__proto__" key in the file stays a plain key and changes nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"version":1,"activeProfile":null,"profiles":[],"__proto__":{"polluted":true}}', {
      mode: 0o600,
    });
    new ConfigStore({ dir }).save({ ...emptyConfig(), profiles: [spare], activeProfile: 'spare' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toContain('"__proto__"');
  });
});

/**
 * Runs `work` as the unprivileged owner of `paths`: root writes anywhere whatever the mode, so as
 * root the paths are given to nobody (65534) and the work runs with that effective uid.
 */
function asOwner<T>(paths: string[], work: () => T): T {
  const asRoot = process.geteuid?.() === 0;
  if (!asRoot) return work();
  for (const path of paths) chownSync(path, 65534, 65534);
  process.seteuid!(65534);
  try {
    return work();
  } finally {
    process.seteuid!(0);
  }
}

describe('a config directory the user made read-only', () => {
  it('is reported naming the file, left read-only, and the file is left whole', () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const dir = join(parent, 'fizz-batch');
    const store = new ConfigStore({ dir });
    store.save(withWork);
    const before = readFileSync(store.path, 'utf8');
    const session = new Session({ store, config: store.load(), flags: {}, env: {} });
    sessions.push(session);

    const saved = asOwner([dir, store.path], () => {
      chmodSync(dir, 0o500);
      return session.saveProfile({
        name: 'groq',
        baseURL: 'https://api.groq.com/openai/v1',
        apiKey: 'gsk_0123456789abcdef',
      });
    });
    expect(saved).toBe(false);
    expect(session.getState().error).toBe(
      `The config could not be saved: cannot write ${store.path}: permission denied (${dir} is not writable for you; fizz-batch leaves its permissions as they are).`,
    );
    expect(statSync(dir).mode & 0o777).toBe(0o500);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['config.json']);
    // The session goes on with the config as it was; the console keeps running.
    expect(session.getState().config.profiles.map((p) => p.name)).toEqual(['work', 'spare']);
  });
});
