import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore, emptyConfig, openConfig, type Config } from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { JobListScreen } from '../../src/ui/features/jobs/JobListScreen.js';
import { ProfilesScreen } from '../../src/ui/features/profiles/ProfilesScreen.js';
import { tempDir } from '../support/batch-files.js';
import { runCli } from '../support/cli.js';
import { fakeClient, renderUi } from '../support/ui.js';

const withKey: Config = {
  ...emptyConfig(),
  activeProfile: 'work',
  profiles: [{ name: 'work', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-work-0123456789abcd' }],
};

/** A config file as the user left it: written by hand, with the mode they gave it. */
function configFile(config: Config, mode: number): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  chmodSync(path, mode);
  return { dir, path };
}

const sessions: Session[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

describe('a config file with keys that other users can read', () => {
  it('is warned about, naming the file and the chmod that fixes it; 0600, or no key in it, is not', () => {
    const open = configFile(withKey, 0o644);
    expect(openConfig({ FIZZ_CONFIG_DIR: open.dir }).warning).toBe(
      `API keys readable by other users (mode 644): chmod 600 ${open.path}`,
    );
    const groupWritable = configFile(withKey, 0o620);
    expect(openConfig({ FIZZ_CONFIG_DIR: groupWritable.dir }).warning).toBe(
      `API keys writable by other users (mode 620): chmod 600 ${groupWritable.path}`,
    );
    expect(openConfig({ FIZZ_CONFIG_DIR: configFile(withKey, 0o600).dir }).warning).toBeNull();
    const noKey = { ...withKey, profiles: [{ name: 'work', baseURL: 'http://127.0.0.1:9/v1' }] };
    expect(openConfig({ FIZZ_CONFIG_DIR: configFile(noKey, 0o644).dir }).warning).toBeNull();
  });

  it('keeps the mode the user gave it when saving (tells instead of changing it)', () => {
    const { dir, path } = configFile(withKey, 0o640);
    new ConfigStore({ dir }).save({
      ...withKey,
      profiles: [...withKey.profiles, { name: 'spare', baseURL: 'http://127.0.0.1:9/v1' }],
    });
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('the console says it once on the job list (gone at the next key), and on the profiles screen while it holds', async () => {
    const { dir, path } = configFile(withKey, 0o644);
    const { store, config, warning } = openConfig({ FIZZ_CONFIG_DIR: dir });
    const session = new Session({
      store,
      config,
      configWarning: warning,
      flags: {},
      env: {},
      createClient: () => fakeClient({}),
    });
    sessions.push(session);
    session.connect();
    const expected = `⚠ API keys readable by other users (mode 644): chmod 600 ${path}`;

    const list = renderUi(<JobListScreen />, { session, body: { width: 140, height: 10 } });
    await list.waitForFrame(expected);
    await list.press('j');
    await list.waitForFrame((frame) => !frame.includes('API keys readable'));
    list.unmount();
    // Once: the list shown again does not repeat it.
    const again = renderUi(<JobListScreen />, { session, body: { width: 140, height: 10 } });
    await again.waitForFrame('No batch jobs yet.');
    expect(again.lastFrame()).not.toContain('API keys readable');
    again.unmount();

    const profiles = renderUi(<ProfilesScreen />, { session, scope: 'profiles', body: { width: 140, height: 15 } });
    await profiles.waitForFrame(`! API keys readable by other users (mode 644): chmod 600 ${path}`);
    // Fixed with chmod while the console runs: the next save sees it and the note goes.
    chmodSync(path, 0o600);
    session.useProfile('work');
    await profiles.waitForFrame((frame) => frame.includes('› work') && !frame.includes('API keys readable'));
    profiles.unmount();
  });

  it('validate says it on stderr', async () => {
    const { dir, path } = configFile(withKey, 0o644);
    const input = join(tempDir(), 'requests.jsonl');
    writeFileSync(
      input,
      `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`,
    );
    const result = await runCli(['validate', input], { FIZZ_CONFIG_DIR: dir });
    expect(result.stderr).toContain(
      `fizz-batch: warning: API keys readable by other users (mode 644): chmod 600 ${path}\n`,
    );
    expect(result.stderr).not.toContain('sk-work');
  });
});
