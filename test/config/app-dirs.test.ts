import { describe, expect, it } from 'vitest';
import { appDir } from '../../src/config/index.js';

describe('appDir: where fizz-batch keeps its config, cache and state', () => {
  const home = '/home/ada';

  it('on Linux: the XDG variables when absolute, else ~/.config, ~/.cache, ~/.local/state', () => {
    const env = {};
    expect(appDir('config', { env, platform: 'linux', home })).toBe('/home/ada/.config/fizz-batch');
    expect(appDir('cache', { env, platform: 'linux', home })).toBe('/home/ada/.cache/fizz-batch');
    expect(appDir('state', { env, platform: 'linux', home })).toBe('/home/ada/.local/state/fizz-batch');
    const xdg = { XDG_CONFIG_HOME: '/x/conf', XDG_CACHE_HOME: '/x/cache', XDG_STATE_HOME: '/x/state' };
    expect(
      ['config', 'cache', 'state'].map((kind) => appDir(kind as 'config', { env: xdg, platform: 'linux', home })),
    ).toEqual(['/x/conf/fizz-batch', '/x/cache/fizz-batch', '/x/state/fizz-batch']);
    // The XDG spec says a relative one is ignored.
    expect(appDir('config', { env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', home })).toBe(
      '/home/ada/.config/fizz-batch',
    );
  });

  it('on macOS and Windows: the platform’s folders (config where conf has always kept it)', () => {
    expect(appDir('config', { env: {}, platform: 'darwin', home })).toBe('/home/ada/Library/Preferences/fizz-batch');
    expect(appDir('cache', { env: {}, platform: 'darwin', home })).toBe('/home/ada/Library/Caches/fizz-batch');
    const env = { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
    expect(appDir('config', { env, platform: 'win32', home })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\fizz-batch\\Config',
    );
    expect(appDir('state', { env, platform: 'win32', home })).toBe('C:\\Users\\ada\\AppData\\Local\\fizz-batch\\State');
  });
});
