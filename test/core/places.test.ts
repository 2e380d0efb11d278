import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyConfig, resolveConnection, StateStore } from '../../src/config/index.js';
import { findAppCheckout, Places, placesKeyOf } from '../../src/core/places.js';
import { tempDir } from '../support/batch-files.js';

/** A home directory of its own, with or without ~/Downloads. */
function homeDir(downloads: boolean): string {
  const home = tempDir('fizz-home-');
  if (downloads) mkdirSync(join(home, 'Downloads'));
  return home;
}

function places(home: string, options: { appCheckout?: string | null; store?: StateStore } = {}): Places {
  return new Places({
    store: options.store ?? StateStore.inMemory(),
    key: 'profile:work',
    home,
    appCheckout: options.appCheckout ?? null,
  });
}

describe('Places: the directory a save proposes', () => {
  it('the last save directory, else the picker’s, else ~/Downloads, else home', () => {
    const home = homeDir(true);
    const picker = tempDir('fizz-picker-');
    const saved = tempDir('fizz-saved-');
    const p = places(home);
    expect(p.proposeSaveDir()).toBe(join(home, 'Downloads'));
    p.rememberPickerDir(picker);
    expect(p.proposeSaveDir()).toBe(picker);
    p.rememberSaveDir(saved);
    expect(p.proposeSaveDir()).toBe(saved);
    const bare = homeDir(false);
    expect(places(bare).proposeSaveDir()).toBe(bare);
  });

  it('skips a remembered directory that is gone, silently', () => {
    const home = homeDir(false);
    const picker = tempDir('fizz-picker-');
    const saved = tempDir('fizz-saved-');
    const p = places(home);
    p.rememberPickerDir(picker);
    p.rememberSaveDir(saved);
    rmSync(saved, { recursive: true });
    expect(p.proposeSaveDir()).toBe(picker);
    rmSync(picker, { recursive: true });
    expect(p.proposeSaveDir()).toBe(home);
  });

  it('never proposes the program’s own checkout (npm run demo starts the picker there)', () => {
    const home = homeDir(true);
    const checkout = tempDir('fizz-checkout-');
    mkdirSync(join(checkout, 'test', 'fixtures'), { recursive: true });
    const p = places(home, { appCheckout: checkout });
    p.rememberPickerDir(checkout);
    expect(p.proposeSaveDir()).toBe(join(home, 'Downloads'));
    p.rememberPickerDir(join(checkout, 'test', 'fixtures'));
    expect(p.proposeSaveDir()).toBe(join(home, 'Downloads'));
    // A directory the user saved to is theirs to choose, wherever it is.
    p.rememberSaveDir(join(checkout, 'test'));
    expect(p.proposeSaveDir()).toBe(join(checkout, 'test'));
  });

  it('keeps each profile’s places apart', () => {
    const store = StateStore.inMemory();
    const work = new Places({ store, key: 'profile:work', appCheckout: null });
    const home = new Places({ store, key: 'profile:home', appCheckout: null });
    work.rememberPickerDir('/data/work');
    expect(work.pickerDir).toBe('/data/work');
    expect(home.pickerDir).toBeNull();
  });
});

describe('placesKeyOf', () => {
  it('is the profile when the profile chose the server, else the host', () => {
    const config = {
      ...emptyConfig(),
      activeProfile: 'work',
      profiles: [{ name: 'work', baseURL: 'https://api.fizz.ai/v1' }],
    };
    const byProfile = resolveConnection(config, {}, {});
    const byFlag = resolveConnection(config, { baseURL: 'http://127.0.0.1:8080/v1' }, {});
    const byEnv = resolveConnection(
      emptyConfig(),
      {},
      { FIZZ_BASE_URL: 'https://api.groq.com/openai/v1?token=secret' },
    );
    if (!byProfile.ok || !byFlag.ok || !byEnv.ok) throw new Error('connections should resolve');
    expect(placesKeyOf(byProfile.connection)).toBe('profile:work');
    expect(placesKeyOf(byFlag.connection)).toBe('host:127.0.0.1:8080');
    expect(placesKeyOf(byEnv.connection)).toBe('host:api.groq.com');
  });
});

describe('findAppCheckout', () => {
  it('finds the checkout when fizz-batch’s package.json has a .git beside it, not an installed copy', () => {
    const checkout = tempDir('fizz-checkout-');
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'fizz-batch' }));
    mkdirSync(join(checkout, '.git'));
    mkdirSync(join(checkout, 'dist', 'bin', 'chunks'), { recursive: true });
    expect(findAppCheckout(join(checkout, 'dist', 'bin', 'chunks', 'console.js'))).toBe(checkout);

    const project = tempDir('fizz-project-');
    mkdirSync(join(project, '.git'));
    const installed = join(project, 'node_modules', 'fizz-batch');
    mkdirSync(join(installed, 'dist', 'bin'), { recursive: true });
    writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'fizz-batch' }));
    expect(findAppCheckout(join(installed, 'dist', 'bin', 'fizz-batch.js'))).toBeNull();
  });
});
