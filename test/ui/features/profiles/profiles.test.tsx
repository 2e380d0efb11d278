import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigStore,
  emptyConfig,
  type Config,
  type ConnectionEnv,
  type ConnectionFlags,
  type Profile,
} from '../../../../src/config/index.js';
import { Session } from '../../../../src/core/session.js';
import { MODELS } from '../../../../src/server/index.js';
import { Footer } from '../../../../src/ui/app/Footer.js';
import { useActiveScope } from '../../../../src/ui/keys/dispatcher.js';
import { ProfilesScreen } from '../../../../src/ui/features/profiles/ProfilesScreen.js';
import { tempDir } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { keys, renderUi } from '../../../support/ui.js';

const workKey = 'sk-work-0123456789abcdWXYZ';
const groqKey = 'gsk_groq_0123456789abcdQRST';
const backspace = '\u007f';

/** The screen with the footer the console draws under it (the keys of the scope that has them now). */
function WithFooter() {
  const scope = useActiveScope();
  return (
    <>
      <ProfilesScreen />
      <Footer scope={scope ?? 'profiles'} width={100} />
    </>
  );
}

describe('ProfilesScreen', () => {
  let server: TestServer | undefined;
  let session: Session | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
  });

  function open(
    options: {
      profiles?: Profile[];
      active?: string | null;
      env?: ConnectionEnv;
      flags?: ConnectionFlags;
      body?: { width: number; height: number };
      footer?: boolean;
    } = {},
  ) {
    const dir = tempDir();
    const store = new ConfigStore({ dir });
    const profiles = options.profiles ?? [
      { name: 'work', baseURL: 'https://api.fizz.ai/v1', apiKey: workKey },
      { name: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKey: groqKey },
      { name: 'local', baseURL: 'http://127.0.0.1:9/v1' },
    ];
    const config: Config = {
      ...emptyConfig(),
      profiles,
      activeProfile: options.active === undefined ? (profiles[0]?.name ?? null) : options.active,
    };
    store.save(config);
    session = new Session({ store, config, flags: options.flags ?? {}, env: options.env ?? {} });
    session.connect();
    const screen = options.footer ? <WithFooter /> : <ProfilesScreen />;
    const ui = renderUi(screen, { session, scope: 'profiles', ...(options.body ? { body: options.body } : {}) });
    return { ...ui, store, session };
  }

  const onDisk = (store: ConfigStore) => JSON.parse(readFileSync(store.path, 'utf8')) as Config;

  it('lists profiles with masked keys, "no key", hosts and the active one in words', async () => {
    const ui = open();
    const frame = await ui.waitForFrame('local');
    expect(frame).toMatch(/› work\s+api\.fizz\.ai\s+sk-…WXYZ\s+● active/);
    expect(frame).toMatch(/groq\s+api\.groq\.com\s+gsk…QRST/);
    expect(frame).toMatch(/local\s+127\.0\.0\.1:9\s+no key/);
    expect(frame).toMatch(/^ {2}name\s+host\s+key\s*$/m); // column titles in lower case, as in every list
    for (const f of ui.frames) {
      expect(f).not.toContain(workKey);
      expect(f).not.toContain(groqKey);
    }
  });

  it('enter makes the selected profile the active one (written to the file) and connects to it', async () => {
    const ui = open();
    const useProfile = vi.spyOn(ui.session, 'useProfile');
    await ui.waitForFrame('› work');
    await ui.press(keys.down + keys.down + keys.up); // together, as over a slow link
    await ui.waitForFrame('› groq');
    await ui.press(keys.enter);
    expect(useProfile).toHaveBeenCalledWith('groq');
    expect(ui.session.getState().services?.connection.profile?.name).toBe('groq');
    expect(onDisk(ui.store).activeProfile).toBe('groq');
    await ui.waitForFrame(/groq\s+api\.groq\.com\s+gsk…QRST\s+● active/);
  });

  it('d asks first; the default (enter) keeps the profile, y deletes it', async () => {
    const ui = open();
    await ui.waitForFrame('› work');
    await ui.press(keys.down);
    await ui.press('d');
    let frame = await ui.waitForFrame("Delete profile 'groq'? y/N");
    expect(frame).toContain('keep it (default)');
    await ui.press(keys.enter);
    frame = await ui.waitForFrame((f) => !f.includes('Delete profile'));
    expect(frame).toContain('groq');
    expect(onDisk(ui.store).profiles.map((p) => p.name)).toEqual(['work', 'groq', 'local']);

    await ui.press('x'); // x deletes too
    await ui.waitForFrame("Delete profile 'groq'?");
    await ui.press('m'); // not an answer: the question stays, the models screen does not open
    expect(ui.onCommand).not.toHaveBeenCalled();
    await ui.press('y');
    frame = await ui.waitForFrame("Deleted profile 'groq'.");
    expect(frame).not.toMatch(/groq\s+api/);
    expect(onDisk(ui.store).profiles.map((p) => p.name)).toEqual(['work', 'local']);
  });

  it('t tests the selected profile against the server', async () => {
    server = await startTestServer({ apiKey: 'sk-local-0123456789abcd' });
    const ui = open({
      profiles: [
        { name: 'good', baseURL: server.url, apiKey: 'sk-local-0123456789abcd' },
        { name: 'bad', baseURL: server.url, apiKey: 'sk-wrong-0123456789abcd' },
      ],
    });
    await ui.waitForFrame('› good');
    await ui.press('t');
    await ui.waitForFrame(`good: ✓ ${MODELS.length} models`);
    await ui.press(keys.down);
    await ui.press('t');
    const frame = await ui.waitForFrame('bad: ✗');
    expect(frame).toContain('refused the API key (401)');
    for (const f of ui.frames) expect(f).not.toMatch(/sk-(local|wrong)-0123456789abcd/);
  });

  it('says when FIZZ_* or flags override the active profile', async () => {
    let ui = open({ env: { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1' } });
    await ui.waitForFrame("FIZZ_BASE_URL is set: it overrides the active profile's base URL");
    ui.unmount();
    session!.dispose();
    ui = open({ env: { FIZZ_API_KEY: 'sk-env-0123456789abcdef' } });
    await ui.waitForFrame("FIZZ_API_KEY is set, but profile 'work' has its own key for api.fizz.ai: that one is sent.");
    ui.unmount();
    session!.dispose();
    ui = open({ env: { FIZZ_API_KEY: 'sk-env-0123456789abcdef' }, flags: { profile: 'local' } });
    await ui.waitForFrame('No key sent: FIZZ_API_KEY is for api.fizz.ai; not sent to 127.0.0.1:9 — set FIZZ_BASE_URL.');
    ui.unmount();
    session!.dispose();
    ui = open({ flags: { profile: 'groq' } });
    const frame = await ui.waitForFrame("Connected with profile 'groq'");
    expect(frame).toMatch(/groq\s+api\.groq\.com\s+gsk…QRST\s+● in use/);
    ui.unmount();
    session!.dispose();
    ui = open({ flags: { baseURL: 'http://127.0.0.1:9/v1' } });
    await ui.waitForFrame('--base-url is set');
  });

  it('a adds a profile; e edits one and an empty key field keeps the stored key', async () => {
    const ui = open();
    await ui.waitForFrame('› work');
    await ui.press('a');
    await ui.waitForFrame('Add a profile');
    await ui.press('openai');
    await ui.press(keys.tab);
    await ui.press('\u001b[C'); // fizz.ai → OpenAI
    await ui.waitForFrame('[OpenAI]');
    for (let i = 0; i < 5; i++) await ui.press(keys.tab); // → Save
    await ui.press(keys.enter);
    await ui.waitForFrame("Saved profile 'openai'.");
    expect(onDisk(ui.store).profiles.at(-1)).toEqual({ name: 'openai', baseURL: 'https://api.openai.com/v1' });

    await ui.press('g');
    await ui.press('e');
    let frame = await ui.waitForFrame("Edit profile 'work'");
    expect(frame).toContain('sk-…WXYZ (kept; type to replace)');
    for (let i = 0; i < 2; i++) await ui.press(backspace);
    await ui.press('main');
    await ui.press(keys.tab);
    await ui.press(keys.tab);
    await ui.press(keys.tab);
    frame = await ui.waitForFrame('› API key');
    expect(frame).toContain('Empty keeps the stored key sk-…WXYZ');
    await ui.press(keys.tab);
    await ui.press('30');
    await ui.press(keys.tab);
    await ui.press(keys.tab);
    await ui.press(keys.enter);
    await ui.waitForFrame("Saved profile 'womain'.");
    const saved = onDisk(ui.store);
    expect(saved.profiles[0]).toEqual({
      name: 'womain',
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: workKey,
      refreshSeconds: 30,
    });
    // The active profile was renamed with it.
    expect(saved.activeProfile).toBe('womain');
    for (const f of ui.frames) expect(f).not.toContain(workKey);
  });

  it('e, then ctrl-x on the key field removes the stored key on save; esc or ctrl-x again keeps it', async () => {
    const ctrlX = '\u0018';
    const ui = open({ footer: true });
    await ui.waitForFrame('› work');
    await ui.press('e');
    let frame = await ui.waitForFrame("Edit profile 'work'");
    expect(frame).not.toContain('ctrl-x');
    await ui.press(ctrlX); // on the name field: not the key's, nothing happens
    for (let i = 0; i < 3; i++) await ui.press(keys.tab);
    // The footer offers it on the key field, from the keymap.
    frame = await ui.waitForFrame('ctrl-x remove key');
    expect(frame).toContain('› API key');
    expect(frame).toContain('Empty keeps the stored key sk-…WXYZ; ctrl-x removes it.');
    await ui.press(ctrlX);
    frame = await ui.waitForFrame('! The stored key sk-…WXYZ will be removed on save; ctrl-x keeps it.');
    expect(frame).toContain('no key: sk-…WXYZ is removed on save');
    for (let i = 0; i < 3; i++) await ui.press(keys.tab); // → Save
    await ui.waitForFrame('! Removes the stored key sk-…WXYZ; saves to');
    await ui.press(keys.enter);
    frame = await ui.waitForFrame("Saved profile 'work'.");
    expect(frame).toMatch(/› work\s+api\.fizz\.ai\s+no key\s+● active/);
    const saved = onDisk(ui.store).profiles[0];
    expect(saved).toEqual({ name: 'work', baseURL: 'https://api.fizz.ai/v1' });
    expect(readFileSync(ui.store.path, 'utf8')).not.toContain(workKey);
    // The session reconnected to the active profile without a key.
    expect(ui.session.getState().services?.connection.apiKey).toBeNull();

    // groq: removed, then esc: nothing is saved.
    await ui.press(keys.down);
    await ui.press('e');
    await ui.waitForFrame("Edit profile 'groq'");
    for (let i = 0; i < 3; i++) await ui.press(keys.tab);
    await ui.press(ctrlX);
    await ui.waitForFrame('will be removed on save');
    await ui.press(keys.escape);
    frame = await ui.waitForFrame('› groq');
    expect(frame).toMatch(/groq\s+api\.groq\.com\s+gsk…QRST/);
    expect(onDisk(ui.store).profiles[1]).toEqual({
      name: 'groq',
      baseURL: 'https://api.groq.com/openai/v1',
      apiKey: groqKey,
    });

    // groq again: ctrl-x twice keeps the key, and saving writes it back unchanged.
    await ui.press('e');
    await ui.waitForFrame("Edit profile 'groq'");
    for (let i = 0; i < 3; i++) await ui.press(keys.tab);
    await ui.press(ctrlX);
    await ui.waitForFrame('will be removed on save');
    await ui.press(ctrlX);
    frame = await ui.waitForFrame('Empty keeps the stored key gsk…QRST');
    expect(frame).toContain('gsk…QRST (kept; type to replace)');
    for (let i = 0; i < 3; i++) await ui.press(keys.tab);
    await ui.press(keys.enter);
    await ui.waitForFrame("Saved profile 'groq'.");
    expect(onDisk(ui.store).profiles[1]).toEqual({
      name: 'groq',
      baseURL: 'https://api.groq.com/openai/v1',
      apiKey: groqKey,
    });
    for (const f of ui.frames) {
      expect(f).not.toContain(workKey);
      expect(f).not.toContain(groqKey);
    }
  });

  it('refuses a duplicate name and shows why the config could not be written', async () => {
    const ui = open();
    await ui.waitForFrame('› work');
    await ui.press('a');
    await ui.press('groq');
    await ui.press(keys.tab);
    await ui.waitForFrame("there is already a profile named 'groq'");
    await ui.press(keys.escape);
    await ui.waitForFrame('› work');

    // A config file that cannot be written: the session reports it, the form stays open.
    const unwritable: Config = {
      ...emptyConfig(),
      profiles: [{ name: 'work', baseURL: 'https://api.fizz.ai/v1' }],
      activeProfile: 'work',
    };
    const failing = new Session({
      store: {
        load: () => unwritable,
        exposure: () => null,
        update: () => {
          throw new Error('EACCES: permission denied');
        },
        path: '/nowhere/config.json',
      } as unknown as ConfigStore,
      config: unwritable,
      flags: {},
      env: {},
    });
    failing.connect();
    const second = renderUi(<ProfilesScreen />, { session: failing, scope: 'profiles' });
    await second.waitForFrame('› work');
    await second.press('e');
    await second.waitForFrame("Edit profile 'work'");
    for (let i = 0; i < 6; i++) await second.press(keys.tab); // → Save
    await second.press(keys.enter);
    await second.waitForFrame('✗ The config could not be saved: EACCES: permission denied');
    second.unmount();
    failing.dispose();
  });

  it('shows an empty list with the way to add one, and fits 60×15', async () => {
    const ui = open({
      profiles: [],
      active: null,
      body: { width: 60, height: 12 },
      env: { FIZZ_API_KEY: 'sk-env-0123456789abcdef' },
    });
    const frame = await ui.waitForFrame('No profiles yet. Press a to add one.');
    expect(frame).toContain('FIZZ_API_KEY is set');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(frame.split('\n').length).toBeLessThanOrEqual(12);
  });

  it('opening it shows the profiles another console saved since this one read the file', async () => {
    const dir = tempDir();
    const store = new ConfigStore({ dir });
    const config: Config = {
      ...emptyConfig(),
      profiles: [{ name: 'work', baseURL: 'http://127.0.0.1:9/v1' }],
      activeProfile: 'work',
    };
    store.save(config);
    session = new Session({ store, config: store.load(), flags: {}, env: {} });
    session.connect();
    // The other console, on the same file.
    new ConfigStore({ dir }).save({
      ...config,
      profiles: [...config.profiles, { name: 'theirs', baseURL: 'https://api.groq.com/openai/v1', apiKey: groqKey }],
    });
    const ui = renderUi(<ProfilesScreen />, { session, scope: 'profiles' });
    const frame = await ui.waitForFrame('theirs');
    expect(frame).toMatch(/theirs\s+api\.groq\.com\s+gsk…QRST/);
  });
});
